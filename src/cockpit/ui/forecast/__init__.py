"""Demand forecast page: the series, inventory and C2M tabs, plus their strings.

Each tab module defines `render(...)`: it reads its own widgets, calls the analysis
package through `cockpit.ui.query` and draws. Importing this package imports nothing else."""
