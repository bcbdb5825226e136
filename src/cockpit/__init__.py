"""Commerce ops cockpit: analysis over a SQL warehouse, shared by every page and the CLI."""

__version__ = "0.1.0"
