"""Warehouse keys for the folded orders, in SQL, as `ingest.keys` assigns them in memory:
orders whose id the warehouse holds are left out, new orders, buyers and SKUs numbered
after the largest key in order of first appearance, and the rows each table receives as
temporary tables `k_<table>` (with the file `line` kept aside on orders and order_items)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

WRITTEN = ("customers", "products", "orders", "order_items", "external_ids")
WORKING = ("renumbered", "new_customers", "lines", "known_products")  # other k_* tables


@dataclass(frozen=True)
class Places:
    """Where the tables are: `src` prefixes the folded input (orders_in, lines_in), `wh`
    the warehouse tables ("" for the connection's own database, else "alias.")."""

    src: str
    wh: str


def _next(db: duckdb.DuckDBPyConnection, table: str, column: str) -> int:
    return int(db.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0])


def assign_keys(db: duckdb.DuckDBPyConnection, at: Places, platform: str, import_id: int,
                lines_file: bool) -> int:
    """Build the k_* tables; returns how many orders of the file the warehouse held."""
    src, wh = at.src, at.wh
    _renumbered(db, at, platform)
    fresh, start = _fresh(src), _next(db, f"{wh}orders", "order_id")
    known = f"""SELECT 1 FROM {wh}external_ids e WHERE e.entity = 'customer'
                AND e.platform = ? AND e.external_id = f.ext_customer_id"""
    db.execute(f"""CREATE TEMP TABLE k_new_customers AS
        SELECT ext_customer_id, ? + row_number() OVER (ORDER BY min(line)) - 1 AS customer_id
        FROM {fresh} f WHERE NOT EXISTS ({known}) GROUP BY ext_customer_id""",
               [_next(db, f"{wh}customers", "customer_id"), start, platform])
    db.execute(f"""CREATE TEMP TABLE k_orders AS
        SELECT f.order_id, coalesce(n.customer_id, e.internal_id) AS customer_id,
               f.ordered_at, CAST(f.ordered_at AS DATE) AS order_date, ? AS platform,
               f.channel, f.city, f.region, f.item_count, f.total_cny, f.refunded_cny,
               f.status, ? AS import_id, f.line
        FROM {fresh} f LEFT JOIN k_new_customers n USING (ext_customer_id)
        LEFT JOIN {wh}external_ids e ON n.customer_id IS NULL AND e.entity = 'customer'
             AND e.platform = ? AND e.external_id = f.ext_customer_id""",
               [platform, import_id, start, platform])
    db.execute("CREATE TEMP TABLE k_customers AS SELECT customer_id, ? AS import_id "
               "FROM k_new_customers", [import_id])
    _products_and_items(db, at, import_id, lines_file, start)
    db.execute(f"""CREATE TEMP TABLE k_external_ids AS
        SELECT 'order' AS entity, ? AS platform, ext_order_id AS external_id,
               order_id AS internal_id, ? AS import_id
        FROM {fresh} f WHERE ext_order_id IS NOT NULL
        UNION ALL
        SELECT 'customer', ?, ext_customer_id, customer_id, ? FROM k_new_customers""",
               [platform, import_id, start, platform, import_id])
    return int(db.execute("SELECT count(*) FILTER (WHERE held) FROM k_renumbered"
                          ).fetchone()[0])


def _renumbered(db: duckdb.DuckDBPyConnection, at: Places, platform: str) -> None:
    """Table k_renumbered: one row per order of the file from the first one the warehouse
    holds on (none when it holds none of them, as in a fresh warehouse), by `seq`: whether
    it is `held` (and left out), and `shift`, how many held orders come before it."""
    src, wh = at.src, at.wh
    db.execute(f"""CREATE TEMP TABLE k_renumbered AS
        WITH held AS (SELECT o.seq FROM {src}orders_in o JOIN {wh}external_ids e
                      ON e.entity = 'order' AND e.platform = ? AND e.external_id = o.ext_order_id)
        SELECT seq, held, sum(CAST(held AS BIGINT)) OVER (ORDER BY seq) AS shift
        FROM (SELECT o.seq, o.seq IN (SELECT seq FROM held) AS held FROM {src}orders_in o
              WHERE o.seq >= (SELECT min(seq) FROM held))""", [platform])


def _fresh(src: str) -> str:
    """The orders of the file the warehouse does not hold, each with its new `order_id`:
    the next key (a parameter) onwards, in order of first appearance (`seq`)."""
    return f"""(SELECT o.*, ? + o.seq - 1 - coalesce(r.shift, 0) AS order_id
                FROM {src}orders_in o LEFT JOIN k_renumbered r USING (seq)
                WHERE r.held IS NOT TRUE)"""


def _products_and_items(db: duckdb.DuckDBPyConnection, at: Places, import_id: int,
                        lines_file: bool, start: int) -> None:
    """k_products (one row per new SKU, named by its first line) and k_order_items."""
    src, wh = at.src, at.wh
    lines = (f"SELECT l.*, f.order_id FROM {src}lines_in l JOIN {_fresh(src)} f "
             "USING (order_key)" if lines_file else
             "SELECT * FROM (SELECT NULL::VARCHAR AS sku, NULL::VARCHAR AS product_name, "
             "NULL::VARCHAR AS category, NULL::BIGINT AS line_number, NULL::BIGINT AS quantity, "
             "NULL::DOUBLE AS unit_price_cny, NULL::DOUBLE AS amount_cny, NULL::BIGINT AS line, "
             "NULL::BIGINT AS order_id) WHERE false")
    db.execute(f"CREATE TEMP TABLE k_lines AS {lines}", [start] if lines_file else [])
    db.execute(f"CREATE TEMP TABLE k_known_products AS SELECT sku, max(product_id) AS "
               f"product_id FROM {wh}products GROUP BY sku")
    db.execute("""CREATE TEMP TABLE k_products AS
        SELECT ? + row_number() OVER (ORDER BY min(line)) - 1 AS product_id, sku,
               arg_min(product_name, line) AS name_zh, arg_min(category, line) AS category,
               false AS is_sustainable, false AS is_c2m, false AS needs_cold_chain,
               ? AS import_id
        FROM k_lines WHERE sku NOT IN (SELECT sku FROM k_known_products) GROUP BY sku""",
               [_next(db, f"{wh}products", "product_id"), import_id])
    db.execute("""CREATE TEMP TABLE k_order_items AS
        SELECT l.order_id, l.line_number, coalesce(p.product_id, k.product_id) AS product_id,
               l.category, l.quantity, l.unit_price_cny, l.amount_cny, ? AS import_id, l.line
        FROM k_lines l LEFT JOIN k_products p USING (sku)
        LEFT JOIN k_known_products k USING (sku)""", [import_id])


def counts(db: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows each table would receive."""
    return {name: int(db.execute(f"SELECT count(*) FROM k_{name}").fetchone()[0])
            for name in WRITTEN}


def insert(db: duckdb.DuckDBPyConnection, columns: dict[str, list[str]]) -> None:
    """Append the k_* rows to the warehouse tables of the connection's database (those
    `columns` names, in its order)."""
    for name, present in columns.items():
        names = ", ".join(f'"{c}"' for c in present)
        db.execute(f'INSERT INTO "{name}" ({names}) SELECT {names} FROM k_{name}')
