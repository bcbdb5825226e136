"""The SQL warehouse: schema, engines, portable SQL helpers and transactional loading."""

from cockpit.warehouse.engine import (
    WarehouseBusy,
    WarehouseCorrupt,
    WarehouseError,
    WarehouseMissing,
    WarehouseUnreachable,
    check_warehouse,
    is_embedded_file,
    read_engine,
    write_engine,
)

__all__ = [
    "WarehouseBusy",
    "WarehouseCorrupt",
    "WarehouseError",
    "WarehouseMissing",
    "WarehouseUnreachable",
    "check_warehouse",
    "is_embedded_file",
    "read_engine",
    "write_engine",
]
