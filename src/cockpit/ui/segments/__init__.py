"""Customer segments page: one module per tab (tiers, RFM, migration, CLV, personas,
playbooks, acquisition, C2M), plus its strings.

Each tab module defines `render(...)`: it reads its own widgets, calls the analysis
package through `cockpit.ui.query` and draws. Importing this package imports nothing else."""
