"""Rows folded into orders and order lines, in SQL, as `ingest.orders` folds them in
memory: one row per order key with each order field's first non-empty value, statuses
mapped by the profile, places mapped to regions; one row per line for line exports."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from cockpit.ingest.bulk.sql import WHITESPACE, Found, Rule, found_all
from cockpit.ingest.fields import FIELDS_BY_NAME, ORDER_FIELDS
from cockpit.ingest.geo import region_of, short_place
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.orders import FUTURE_SLACK
from cockpit.ingest.profiles import Profile
from cockpit.warehouse.schema import CHANNELS

TEXT_KINDS = ("id", "text", "code")


def _present(name: str) -> str:
    """The field's value is there (not empty text, not null)."""
    if FIELDS_BY_NAME[name].kind in TEXT_KINDS:
        return f"{name} <> ''"
    return f"{name} IS NOT NULL"


def order_fields(mapping: ColumnMapping) -> list[str]:
    return [f.name for f in ORDER_FIELDS if f.level == "order" and f.name in mapping.fields
            and f.name != "order_id"]


def unique_keys(db: duckdb.DuckDBPyConnection) -> bool:
    """One row per order key (nothing to fold)."""
    total, keys = db.execute("SELECT count(*), count(DISTINCT order_key) FROM rows").fetchone()
    return total == keys


def disagreements(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> list[Found]:
    """Per order field: the lines of orders whose lines carry two different values."""
    names = order_fields(mapping)
    if not names:
        return []
    counts = ", ".join(f"count(DISTINCT {n}) FILTER (WHERE {_present(n)}) AS n_{n}"
                       for n in names)
    split = f"(SELECT order_key, {counts} FROM rows GROUP BY order_key)"
    rules = [Rule("order_disagrees", mapping.fields[n], f"n_{n} > 1 AND {_present(n)}")
             for n in names]
    return found_all(db, f"rows JOIN {split} AS s USING (order_key)", rules)


def build_orders(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping, unique: bool) -> None:
    """`folded`: one row per order key, `line` its first line, `seq` its rank in order of
    first appearance (from 1), each order field's first present value (NULL when no line
    has one); a view over `rows` when keys are unique (each line from 2 is an order)."""
    names = order_fields(mapping)
    if unique:
        parts = ["order_key", "line", "line - 1 AS seq"] + [
            f"NULLIF({n}, '') AS {n}" if FIELDS_BY_NAME[n].kind in TEXT_KINDS else n
            for n in names]
        db.execute(f"CREATE TEMP VIEW folded AS SELECT {', '.join(parts)} FROM rows")
        return
    parts = ["order_key", "min(line) AS line", "row_number() OVER (ORDER BY min(line)) AS seq"]
    parts += [f"arg_min({n}, line) FILTER (WHERE {_present(n)}) AS {n}" for n in names]
    db.execute(f"CREATE TEMP TABLE folded AS SELECT {', '.join(parts)} FROM rows "
               "GROUP BY order_key")


def _status_map(db: duckdb.DuckDBPyConnection, profile: Profile) -> None:
    """`status_map`: each distinct status text of the orders and the warehouse status the
    profile maps it to (NULL when none does)."""
    texts = [r[0] for r in db.execute("SELECT DISTINCT coalesce(status, '') FROM folded"
                                      ).fetchall()]
    db.execute("CREATE TEMP TABLE status_map (text VARCHAR, status VARCHAR)")
    if texts:
        db.executemany("INSERT INTO status_map VALUES (?, ?)",
                       [(t, profile.status_of(t)) for t in texts])


STATUS_JOIN = "LEFT JOIN status_map ON coalesce(folded.status, '') = status_map.text"


def order_checks(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping, profile: Profile
                 ) -> list[Found]:
    """Orders without buyer or time, with a status no mapping knows, or an unknown
    channel (counted in one scan); maps the statuses into table `status_map` on the way."""
    rules = [Rule("empty_value", mapping.fields[name], f"folded.{name} IS NULL")
             for name in ("customer_id", "ordered_at")]
    source = "folded"
    if "status" in mapping.fields:
        _status_map(db, profile)
        source += " " + STATUS_JOIN
        rules.append(Rule("unknown_status", mapping.fields["status"],
                          "status_map.status IS NULL"))
    if "channel" in mapping.fields:
        allowed = ", ".join("?" * len(CHANNELS))
        rules.append(Rule("unknown_channel", mapping.fields["channel"],
                          f"folded.channel IS NOT NULL AND folded.channel NOT IN ({allowed})",
                          tuple(CHANNELS)))
    return found_all(db, source, rules, line="folded.line")


def unknown_status_lines(db: duckdb.DuckDBPyConnection) -> list[int]:
    """The first line of each status no mapping knows (the report names them all)."""
    return [r[0] for r in db.execute(
        f"SELECT min(folded.line) FROM folded {STATUS_JOIN} WHERE status_map.status IS NULL "
        "GROUP BY status_map.text").fetchall()]


def total_checks(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping,
                 lines_file: bool) -> list[Found]:
    """An order export without line fields needs an amount paid on every order."""
    if lines_file:
        return []
    total = "total_cny" if "total_cny" in mapping.fields else "NULL"
    return found_all(db, "folded", [Rule("empty_value", mapping.fields.get(
        "total_cny", "total_cny"), f"{total} IS NULL")])


def line_checks(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> list[Found]:
    """Lines without an amount (nor unit price), or naming no product."""
    has = mapping.fields.__contains__
    amount = _line_amount(mapping)
    sku = "sku" if has("sku") else "''"
    name = "product_name" if has("product_name") else "''"
    return found_all(db, "rows", [
        Rule("empty_value", mapping.fields.get("line_amount_cny", "price"),
             f"({amount}) IS NULL"),
        Rule("empty_value", mapping.fields.get("sku", "sku"), f"{sku} = '' AND {name} = ''")])


def _line_amount(mapping: ColumnMapping) -> str:
    quantity = "coalesce(quantity, 1.0)" if "quantity" in mapping.fields else "1.0"
    price = "unit_price_cny" if "unit_price_cny" in mapping.fields else "NULL"
    amount = "line_amount_cny" if "line_amount_cny" in mapping.fields else "NULL"
    return f"coalesce({amount}, {price} * {quantity})"


def build_lines(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> None:
    """Table `lines_in`: one row per line of a line export (ingest.orders.LINE_COLUMNS)."""
    has = mapping.fields.__contains__
    sku = "sku" if has("sku") else "''"
    name = "product_name" if has("product_name") else "''"
    category = "NULLIF(category, '')" if has("category") else "NULL"
    quantity = "coalesce(quantity, 1.0)" if has("quantity") else "1.0"
    price = "unit_price_cny" if has("unit_price_cny") else "CAST(NULL AS DOUBLE)"
    db.execute(f"""
        CREATE TABLE lines_in AS SELECT
            order_key,
            row_number() OVER (PARTITION BY order_key ORDER BY line) AS line_number,
            CASE WHEN {sku} <> '' THEN {sku} ELSE 'name:' || {name} END AS sku,
            CASE WHEN {name} <> '' THEN {name} ELSE {sku} END AS product_name,
            {category} AS category,
            CAST({quantity} AS BIGINT) AS quantity,
            {price} AS unit_price_cny,
            {_line_amount(mapping)} AS amount_cny,
            line
        FROM rows""")


def build_orders_in(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping,
                    lines_file: bool, salt: str | None) -> None:
    """Table `orders_in`: one row per order (ingest.orders.ORDER_COLUMNS, with its first
    `line` and `seq`)."""
    has = mapping.fields.__contains__
    places = _place_keys(mapping)
    _place_map(db, places)
    customer = "customer_id" if salt is None else "left(sha256(? || ':' || customer_id), 24)"
    status = "status_map.status" if has("status") else "'paid'"
    total = "total_cny" if has("total_cny") else "CAST(NULL AS DOUBLE)"
    count = "CAST(NULL AS BIGINT)"
    joins = STATUS_JOIN if has("status") else ""
    joins += " LEFT JOIN place_map ON " + " AND ".join(
        f"{expr} IS NOT DISTINCT FROM place_map.{name}" for name, expr in places.items())
    if lines_file:
        db.execute("CREATE TEMP TABLE line_totals AS SELECT order_key, sum(amount_cny) AS "
                   "amount, count(*) AS lines FROM lines_in GROUP BY order_key")
        total = total if has("total_cny") else "line_totals.amount"
        count = "line_totals.lines"
        joins += " LEFT JOIN line_totals USING (order_key)"
    refunded = "refunded_cny" if has("refunded_cny") else "CAST(NULL AS DOUBLE)"
    channel = "channel" if has("channel") else "CAST(NULL AS VARCHAR)"
    db.execute(f"""
        CREATE TABLE orders_in AS SELECT
            order_key,
            CASE WHEN order_key LIKE 'line %' THEN NULL ELSE order_key END AS ext_order_id,
            {customer} AS ext_customer_id, ordered_at, {status} AS status,
            {total} AS total_cny, {refunded} AS refunded_cny, {channel} AS channel,
            place_map.short_city AS city, place_map.region, {count} AS item_count,
            folded.line, folded.seq
        FROM folded {joins}""", [salt] if salt is not None else [])


# Python's white space (str.split's \s) as a regular-expression class body
_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in WHITESPACE)
_TOKENS = f"^([^{_SPACE}]*)(?:[{_SPACE}]+([^{_SPACE}]*))?"


def _place_keys(mapping: ColumnMapping) -> dict[str, str]:
    """The columns of `folded` a place is computed from, as SQL: province, city and the
    first two words of the address (its province and city, ingest.geo.split_address)."""
    has = mapping.fields.__contains__
    none = "CAST(NULL AS VARCHAR)"
    keys = {"province": "folded.province" if has("province") else none,
            "city": "folded.city" if has("city") else none}
    if has("address"):
        words = f"regexp_extract(py_strip(coalesce(folded.address, '')), '{_TOKENS}', " \
                "['a', 'b'])"
        keys["address_province"] = f"{words}['a']"
        keys["address_city"] = f"{words}['b']"
    return keys


def _place_map(db: duckdb.DuckDBPyConnection, keys: dict[str, str]) -> None:
    """Table `place_map`: each distinct place of the orders (`keys`: province, city and
    perhaps the address's words) with the city's short name and the province's region,
    computed by ingest.geo as ingest.orders does (few distinct places)."""
    columns = ", ".join(f"{expr} AS {name}" for name, expr in keys.items())
    places = db.execute(f"SELECT DISTINCT {columns} FROM folded").df()
    province, city = places["province"].fillna(""), places["city"].fillna("")
    if "address_province" in places:
        province = province.where(province != "", short_place(
            places["address_province"].fillna("")))
        city = city.where(city != "", short_place(places["address_city"].fillna("")))
    short = short_place(city)
    region = region_of(province)
    places["short_city"] = short.where(short != "", None).astype(object)
    places["region"] = region.astype(object).where(region.notna(), None)
    db.register("place_frame", places)
    db.execute("CREATE TEMP TABLE place_map AS SELECT " + ", ".join(
        f"{name}::VARCHAR AS {name}" for name in [*keys, "short_city", "region"])
        + " FROM place_frame")
    db.unregister("place_frame")


def warning_checks(db: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> list[Found]:
    """Orders dated in the future (beyond a day's slack)."""
    limit = pd.Timestamp(datetime.now() + FUTURE_SLACK).to_pydatetime()
    return found_all(db, "orders_in", [Rule("future_date", mapping.fields["ordered_at"],
                                            "ordered_at > ?", (limit,))])
