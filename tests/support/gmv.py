"""GMV per region by hand, for the scope tests."""

from __future__ import annotations

import sqlalchemy as sa

from cockpit import facts
from cockpit.ui.filters import default_range


def gmv_by_region(url: str) -> dict[str | None, float]:
    """GMV (paid less refunded, sale orders) per region over the sidebar's default range,
    in plain SQL on the warehouse at `url` (as its owner)."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        start, end = default_range(*facts.data_range(conn))
        rows = conn.execute(sa.text(
            "SELECT region, sum(total_cny - coalesce(refunded_cny, 0)) FROM orders "
            "WHERE status IN ('paid', 'returned', 'refunded') "
            "AND order_date BETWEEN :lo AND :hi GROUP BY region"),
            {"lo": start, "hi": end}).all()
    engine.dispose()
    return {region: float(gmv) for region, gmv in rows}
