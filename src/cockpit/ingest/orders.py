"""An order export, read and mapped, folded into orders and order lines: one row per order
(lines of one order id folded together, order fields taken from its first line that has
them) and one row per line, with external ids still as text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from cockpit.ingest import after_sales
from cockpit.ingest.cells import ReadOptions, clean_cells, convert_currency, parse_fields
from cockpit.ingest.checks import duplicate_lines
from cockpit.ingest.fields import FIELDS_BY_NAME, LINE_FIELDS, ORDER_FIELDS
from cockpit.ingest.geo import region_of, short_place, split_address
from cockpit.ingest.mapping import ColumnMapping
from cockpit.ingest.problems import Problem, raise_errors
from cockpit.ingest.profiles import Profile
from cockpit.ingest.readers import Table
from cockpit.warehouse.schema import CHANNELS

ORDER_COLUMNS = ("order_key", "ext_order_id", "ext_customer_id", "ordered_at", "status",
                 "total_cny", "refunded_cny", "channel", "city", "region", "item_count", "line")
LINE_COLUMNS = ("order_key", "line_number", "sku", "product_name", "category", "quantity",
                "unit_price_cny", "amount_cny", "line")
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class ParsedOrders:
    """`orders`: one row per order (ORDER_COLUMNS); `lines`: one row per order line
    (LINE_COLUMNS), empty for a file without line fields. `line` is the file line."""

    orders: pd.DataFrame
    lines: pd.DataFrame
    has_ids: bool
    warnings: list[Problem] = field(default_factory=list)


def parse_orders(table: Table, mapping: ColumnMapping, profile: Profile,
                 options: ReadOptions, salt: str | None = None) -> ParsedOrders:
    """Fold `table` into orders and lines. Raises IngestError listing every problem; the
    returned warnings are what the report shows without blocking."""
    cells = clean_cells(table.frame, profile)
    lines_file = mapping.has_lines if profile.level == "auto" else profile.level == "line"
    has_ids = "order_id" in mapping.fields
    row_required = {f.name for f in ORDER_FIELDS
                    if f.required and (f.level == "line" or not (lines_file and has_ids))}
    columns, problems = parse_fields(cells, mapping, options, frozenset(row_required))
    if has_ids and "currency" in columns and "order_id" in columns:
        columns["currency"] = _spread_over_order(columns["currency"], columns["order_id"])
    problems += convert_currency(columns, mapping.fields.get("currency"), options.fx)
    meaning = None
    if after_sales.FIELD in columns:
        meaning, more = after_sales.after_sale_meanings(
            columns[after_sales.FIELD], mapping.fields[after_sales.FIELD], profile, lines_file)
        problems += more
    raise_errors(problems)
    rows = pd.DataFrame(columns, index=cells.index)
    rows["order_key"] = (rows["order_id"] if has_ids
                         else pd.Series("line " + cells.index.astype(str), index=cells.index))
    if has_ids:
        rows["order_key"] = rows["order_key"].where(rows["order_key"] != "",
                                                    "line " + cells.index.astype(str))
    warnings = [w for w in (_duplicates(cells, has_ids),) if w]
    orders, more = _fold_orders(rows, mapping, profile, lines_file)
    warnings += more
    lines = _lines(rows, mapping) if lines_file else pd.DataFrame(columns=LINE_COLUMNS)
    if lines_file and "total_cny" not in mapping.fields:
        orders["total_cny"] = orders["order_key"].map(
            lines.groupby("order_key")["amount_cny"].sum()).to_numpy()
    if lines_file:
        orders["item_count"] = orders["order_key"].map(lines.groupby("order_key").size())
    if meaning is not None:
        orders = after_sales.fold_refunds(orders, lines, meaning)
        warnings += after_sales.pending_warning(meaning, columns[after_sales.FIELD],
                                                mapping.fields[after_sales.FIELD])
    if customer_hash := salt:
        orders["ext_customer_id"] = hashed(orders["ext_customer_id"], customer_hash)
    return ParsedOrders(orders[list(ORDER_COLUMNS)].reset_index(drop=True),
                        lines[list(LINE_COLUMNS)].reset_index(drop=True), has_ids, warnings)


def _spread_over_order(values: pd.Series, order_ids: pd.Series) -> pd.Series:
    """An order field that an export writes on the first line only (Shopify's Currency) on
    every line of its order, so that each line's money is converted at the order's rate."""
    keys = order_ids.where(order_ids != "", "line " + order_ids.index.astype(str))
    return values.where(values != "").groupby(keys).transform("first").fillna(values)


def hashed(ids: pd.Series, salt: str) -> pd.Series:
    """Salted SHA-256 of each id (24 hex digits): the same buyer gets the same hash in every
    import into this warehouse, and the id itself is not stored."""
    return ids.map(lambda v: hashlib.sha256(f"{salt}:{v}".encode()).hexdigest()[:24])


def _duplicates(cells: pd.DataFrame, has_ids: bool) -> Problem | None:
    if has_ids:
        return None
    return duplicate_lines(cells, hint="without an order id column every line is one order, "
                           "and this file cannot be de-duplicated against an overlapping one; "
                           "delete the copies if they are not equal purchases")


def _fold_orders(rows: pd.DataFrame, mapping: ColumnMapping, profile: Profile,
                 lines_file: bool) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per order_key: each order field's first non-empty value; an order whose lines
    disagree on a field, a required field left empty, or an unmapped status is an error."""
    order_fields = [f.name for f in ORDER_FIELDS if f.level == "order" and f.name in rows
                    and f.name != "order_id"]
    present = _blank_as_missing(rows[["order_key", *order_fields]]).assign(line=rows.index)
    if present["order_key"].is_unique:  # one row per order: nothing to fold
        problems, first = [], present.reset_index(drop=True)
    else:
        problems = [p for name in order_fields if (p := _disagreement(present, name, mapping))]
        first = present.groupby("order_key", sort=False).agg(
            {**dict.fromkeys(order_fields, "first"), "line": "min"}).reset_index()
    for name in ("customer_id", "ordered_at"):
        empty = first[name].isna() | (first[name].astype(str) == "")
        if empty.any():
            problems.append(Problem.rows("empty_value", f"have no {name}",
                                         first.loc[empty].set_index("line")["order_key"],
                                         column=mapping.fields[name]))
    status, more = _statuses(first, mapping, profile)
    problems += more + _channel_problems(first, mapping)
    raise_errors(problems)
    place = _places(first, mapping)
    orders = pd.DataFrame({
        "order_key": first["order_key"],
        "ext_order_id": first["order_key"].where(~first["order_key"].str.startswith("line ")),
        "ext_customer_id": first["customer_id"].astype(str),
        "ordered_at": pd.to_datetime(first["ordered_at"]),
        "status": status,
        "total_cny": first.get("total_cny", pd.Series(np.nan, index=first.index)),
        "refunded_cny": first.get("refunded_cny", pd.Series(np.nan, index=first.index)),
        "channel": first.get("channel", pd.Series("", index=first.index)).replace("", None),
        "city": place["city"], "region": place["region"],
        "item_count": pd.Series(pd.NA, index=first.index, dtype="Int64"),
        "line": first["line"],
    })
    if not lines_file and orders["total_cny"].isna().any():
        missing = orders["total_cny"].isna()
        raise_errors([Problem.rows("empty_value", "have no amount paid",
                                   orders.loc[missing].set_index("line")["order_key"],
                                   column=mapping.fields.get("total_cny", "total_cny"))])
    return orders, _order_warnings(orders, mapping)


def _blank_as_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text cells as missing, so that "first" and "nunique" skip them."""
    text = [c for c in frame.columns if c != "order_key" and not (
        pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_datetime64_any_dtype(frame[c]))]
    return frame.assign(**{c: frame[c].mask(frame[c] == "") for c in text})


def _disagreement(rows: pd.DataFrame, name: str, mapping: ColumnMapping) -> Problem | None:
    """Orders whose lines carry two different non-empty values of an order field."""
    present = rows.loc[rows[name].notna(), ["order_key", name]]
    counts = present.groupby("order_key")[name].nunique()
    split = counts[counts > 1].index
    if not len(split):
        return None
    bad = present[present["order_key"].isin(split)]
    return Problem.rows("order_disagrees", "belong to orders whose lines disagree on this "
                        "order field", bad[name].astype(str), column=mapping.fields[name],
                        hint="one order id must carry one value; fix the lines or the ids")


def _statuses(first: pd.DataFrame, mapping: ColumnMapping, profile: Profile
              ) -> tuple[pd.Series, list[Problem]]:
    if "status" not in first:
        return pd.Series("paid", index=first.index), []
    text = first["status"].fillna("").astype(str)
    status = text.map({v: profile.status_of(v) for v in text.unique()})  # few distinct
    unmapped = status.isna()
    if not unmapped.any():
        return status, []
    shown = text[unmapped].set_axis(first.loc[unmapped, "line"])
    names = ", ".join(repr(v) for v in dict.fromkeys(shown))
    return status, [Problem.rows(
        "unknown_status", f"have a status no mapping knows ({names})", shown,
        column=mapping.fields["status"],
        hint="map each in a mapping file: [statuses] \"<status>\" = \"paid\" (or returned, "
             "refunded, cancelled, unpaid, closed) and pass --mapping FILE.toml")]


def _channel_problems(first: pd.DataFrame, mapping: ColumnMapping) -> list[Problem]:
    if "channel" not in first:
        return []
    text = first["channel"].fillna("").astype(str)
    bad = (text != "") & ~text.isin(CHANNELS)
    if not bad.any():
        return []
    return [Problem.rows("unknown_channel", "have a channel the cockpit does not know",
                         text[bad].set_axis(first.loc[bad, "line"]),
                         column=mapping.fields["channel"],
                         hint="use one of: " + ", ".join(CHANNELS) + " (or leave it empty)")]


def _places(first: pd.DataFrame, mapping: ColumnMapping) -> pd.DataFrame:
    """city and region of each order: from province/city columns, else the address."""
    empty = pd.Series("", index=first.index)
    province = first.get("province", empty).fillna("").astype(str)
    city = first.get("city", empty).fillna("").astype(str)
    if "address" in first:
        split = split_address(first["address"])
        province = province.where(province != "", split["province"])
        city = city.where(city != "", split["city"])
    city = short_place(city)
    return pd.DataFrame({"city": city.where(city != "", None),
                         "region": region_of(province).astype(object).where(
                             lambda r: r.notna(), None)}, index=first.index)


def _order_warnings(orders: pd.DataFrame, mapping: ColumnMapping) -> list[Problem]:
    warnings = []
    if "status" not in mapping.fields:
        warnings.append(Problem(rule="no_status", severity="warning",
                                message="no status column: every order is counted as paid"))
    future = orders["ordered_at"] > datetime.now() + FUTURE_SLACK
    if future.any():
        warnings.append(Problem.rows("future_date", "are dated in the future",
                                     orders.loc[future].set_index("line")["ordered_at"]
                                     .astype(str), column=mapping.fields["ordered_at"],
                                     severity="warning", hint="check the time zone or the "
                                     "date format (--dayfirst / --monthfirst)"))
    return warnings


def _lines(rows: pd.DataFrame, mapping: ColumnMapping) -> pd.DataFrame:
    """One row per file row of a line-level export."""
    def col(name: str, default: object) -> pd.Series:
        return rows[name] if name in rows else pd.Series(default, index=rows.index)

    quantity = col("quantity", 1.0).fillna(1.0)
    price = col("unit_price_cny", np.nan)
    amount = col("line_amount_cny", np.nan)
    amount = amount.where(amount.notna(), price * quantity)
    problems = []
    if amount.isna().any():
        problems.append(Problem.rows("empty_value", "have no line amount (nor unit price)",
                                     rows.loc[amount.isna(), "order_key"],
                                     column=mapping.fields.get("line_amount_cny", "price")))
    sku = col("sku", "").fillna("").astype(str)
    name = col("product_name", "").fillna("").astype(str)
    if ((sku == "") & (name == "")).any():
        problems.append(Problem.rows("empty_value", "name no product (neither sku nor name)",
                                     rows.loc[(sku == "") & (name == ""), "order_key"],
                                     column=mapping.fields.get("sku", "sku")))
    raise_errors(problems)
    return pd.DataFrame({
        "order_key": rows["order_key"],
        "line_number": rows.groupby("order_key").cumcount() + 1,
        "sku": sku.where(sku != "", "name:" + name),
        "product_name": name.where(name != "", sku),
        "category": col("category", "").fillna("").astype(str).replace("", None),
        "quantity": quantity.astype("int64"),
        "unit_price_cny": price,
        "amount_cny": amount,
        "line": rows.index,
    })


__all__ = ["LINE_FIELDS", "FIELDS_BY_NAME", "ParsedOrders", "hashed", "parse_orders"]
