"""Orders of the file the warehouse already holds and the file restates, in SQL, as
`ingest.keys` finds them in memory (`ingest.revisions` says which fields a file restates)."""

from __future__ import annotations

import duckdb

from cockpit.ingest.bulk.keys import Places
from cockpit.ingest.revisions import CENT


def build_revisions(db: duckdb.DuckDBPyConnection, at: Places, platform: str, import_id: int,
                    states_status: bool) -> int:
    """Temporary table k_order_revisions: one row per known order whose status (when the file
    `states_status`), amount paid or refund (when the file records one) differs, with the
    values before and after and the file `line`. Returns its row count."""
    src, wh = at.src, at.wh
    db.execute(f"""CREATE TEMP TABLE k_order_revisions AS
        SELECT * FROM (
            SELECT o.order_id, ?::BIGINT AS import_id, o.status AS before_status,
                   CASE WHEN ? THEN i.status ELSE o.status END AS after_status,
                   o.total_cny AS before_total_cny, i.total_cny AS after_total_cny,
                   o.refunded_cny AS before_refunded_cny,
                   coalesce(i.refunded_cny, o.refunded_cny) AS after_refunded_cny, i.line
            FROM {src}orders_in i
            JOIN {wh}external_ids e ON e.entity = 'order' AND e.platform = ?
                 AND e.external_id = i.ext_order_id
            JOIN {wh}orders o ON o.order_id = e.internal_id) r
        WHERE after_status <> before_status
           OR abs(CAST(after_total_cny AS DOUBLE) - CAST(before_total_cny AS DOUBLE)) > ?
           OR abs(coalesce(CAST(after_refunded_cny AS DOUBLE), 0)
                  - coalesce(CAST(before_refunded_cny AS DOUBLE), 0)) > ?
        ORDER BY line""", [import_id, states_status, platform, CENT, CENT])
    return int(db.execute("SELECT count(*) FROM k_order_revisions").fetchone()[0])


__all__ = ["build_revisions"]
