"""The bulk path into a PostgreSQL warehouse. The keys are assigned and checked in DuckDB as
for a DuckDB warehouse (bulk.keys, bulk.rules), against a DuckDB mirror of what that step
reads of the warehouse: the platform's order and customer ids, the status and amounts of
those orders (bulk.revisions), every SKU, the largest order and customer keys. The mirror
(a DuckDB file beside the scratch file) comes out of PostgreSQL by COPY ... TO STDOUT, and each
k_<table> goes in by COPY ... FROM STDIN, both through a CSV file in the scratch folder, so
neither side is ever held whole in Python. Writes run in the caller's transaction, which
commits or rolls back everything; nothing here commits."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import sqlalchemy as sa

from cockpit.ingest.bulk.keys import Places
from cockpit.ingest.revisions import REVISED
from cockpit.warehouse.engine import read_engine
from cockpit.warehouse.load import copy_csv
from cockpit.warehouse.schema import METADATA

# The folded file is attached as `bulk`; the mirror is the DuckDB file's own tables.
PLACES = Places("bulk.", "")
# Beside the rows mirrored, the key step reads the largest key of these tables.
TOP_KEYS = {"orders": "order_id", "customers": "customer_id"}
CHUNK_CHARS = 1 << 20  # CSV text per COPY write


def serves(url: str) -> bool:
    """The warehouse at `url` is a PostgreSQL database."""
    return sa.make_url(url).get_backend_name() == "postgresql"


def mirror_file(scratch: Path) -> Path:
    """The DuckDB file that holds the mirror: beside the scratch file, removed with it."""
    return scratch.with_name("mirror.duckdb")


@contextmanager
def reading(url: str) -> Iterator[sa.Connection]:
    """A read-only transaction on the PostgreSQL warehouse at `url` (for dry runs)."""
    engine = read_engine(url)
    try:
        with engine.connect().execution_options(postgresql_readonly=True) as conn:
            yield conn
    finally:
        engine.dispose()


def mirror(db: duckdb.DuckDBPyConnection, conn: sa.Connection, scratch: Path,
           platform: str) -> None:
    """Attach `scratch` to `db` as `bulk` and fill db's tables from the warehouse `conn`:
    external_ids (one row per order or customer id of `platform`), products (one row per
    SKU: sku, product_id), orders (one row per order of those ids: its key and the values
    an import may revise) and customers (no rows), each holding its table's largest key."""
    db.execute("ATTACH ? AS bulk (READ_ONLY)", [str(scratch)])
    ids, products = METADATA.tables["external_ids"], METADATA.tables["products"]
    orders = METADATA.tables["orders"]
    platform_ids = ids.c.platform == platform
    _copy_out(db, conn, "external_ids", scratch.parent, sa.select(
        ids.c.entity, ids.c.platform, ids.c.external_id, ids.c.internal_id).where(
        platform_ids, ids.c.entity.in_(["order", "customer"])))
    _copy_out(db, conn, "products", scratch.parent,
              sa.select(products.c.sku, products.c.product_id))
    _copy_out(db, conn, "orders", scratch.parent, sa.select(
        orders.c.order_id, *(orders.c[name] for name in REVISED)).where(
        orders.c.order_id.in_(sa.select(ids.c.internal_id).where(
            platform_ids, ids.c.entity == "order"))))
    db.execute('CREATE OR REPLACE TABLE "customers" ("customer_id" BIGINT)')
    for name, key in TOP_KEYS.items():
        top = conn.execute(sa.select(sa.func.max(METADATA.tables[name].c[key]))).scalar()
        db.execute(f'INSERT INTO "{name}" ("{key}") SELECT top FROM (SELECT CAST(? AS BIGINT) '
                   f'AS top) WHERE top > (SELECT coalesce(max("{key}"), 0) FROM "{name}")',
                   [top])


def _copy_out(db: duckdb.DuckDBPyConnection, conn: sa.Connection, name: str, folder: Path,
              query: sa.Select) -> None:
    """db's table `name`: the rows of `query` on the warehouse, through a CSV file."""
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    pg = conn.connection.driver_connection
    decoder = codecs.getincrementaldecoder(pg.info.encoding)()
    path = folder / f"mirror_{name}.csv"
    with open(path, "w", encoding="utf-8", newline="") as out, pg.cursor() as cur, \
            cur.copy(f"COPY ({compiled}) TO STDOUT (FORMAT csv)", compiled.params) as copy:
        for data in copy:
            out.write(decoder.decode(data))
        out.write(decoder.decode(b"", final=True))
    types = {c.name: c.type.compile(dialect=conn.dialect) for c in query.selected_columns}
    # PostgreSQL's CSV: an unquoted empty field is null, a quoted one the empty string
    db.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM read_csv(?, header = false, '
               "columns = ?, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
               "allow_quoted_nulls = false)", [str(path), types])
    path.unlink()


def append(db: duckdb.DuckDBPyConnection, conn: sa.Connection, columns: dict[str, list[str]],
           folder: Path) -> None:
    """Copy each k_<table> (the `columns` named, in their order: keys before the rows that
    refer to them) into the warehouse table, through a CSV file in `folder`."""
    for name, present in columns.items():
        names = ", ".join(f'"{c}"' for c in present)
        path = folder / f"k_{name}.csv"
        # every value quoted: an unquoted empty field is null, a quoted one the empty string
        db.execute(f"COPY (SELECT {names} FROM k_{name}) TO ? "
                   "(FORMAT csv, HEADER false, FORCE_QUOTE *)", [str(path)])
        with open(path, encoding="utf-8", newline="") as rows:
            copy_csv(conn, name, present, iter(lambda: rows.read(CHUNK_CHARS), ""))
        path.unlink()
