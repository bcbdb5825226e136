"""The SQL warehouse: schema, engines, portable SQL helpers and transactional loading."""

from cockpit.warehouse.engine import (
    WarehouseBusy,
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
    "WarehouseError",
    "WarehouseMissing",
    "WarehouseUnreachable",
    "check_warehouse",
    "is_embedded_file",
    "read_engine",
    "write_engine",
]
