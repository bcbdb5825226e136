"""Green logistics: emission factors and the CO2e of shipments, computed in SQL."""
