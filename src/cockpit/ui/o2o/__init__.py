"""O2O stores page: one module per tab, shared helpers in `common`, its strings.

Each tab module defines `render(...)`: it reads its own widgets, calls the analysis
package through `cockpit.ui.query` and draws. Importing this package imports nothing else."""
