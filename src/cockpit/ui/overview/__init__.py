"""Overview page: KPI cards, the GMV trend by channel and their tables.

Each tab module defines `render(...)`: it reads its own widgets, calls the analysis
package through `cockpit.ui.query` and draws. Importing this package imports nothing else."""
