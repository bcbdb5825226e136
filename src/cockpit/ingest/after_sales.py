"""Line-level after-sale statuses (售后状态 of a Douyin sub-order) read by the profile's
[after_sales] table and folded into their orders:

- a line whose after-sale is a completed refund ("refunded") has its amount refunded: the
  order's refunded_cny is the sum of its refunded lines' amounts (unless the file has a
  refunded_cny column with a value for that order, which wins);
- an order whose every line is refunded and whose order status is a sale (paid, returned)
  becomes refunded; closed, cancelled and unpaid orders keep their status (never GMV);
- a refund in progress ("pending") is not yet a refund: the line stays paid, and the report
  warns with the count and the lines;
- an after-sale text no mapping knows is an error naming the column, the text and the lines.
"""

from __future__ import annotations

import pandas as pd

from cockpit.ingest.problems import Problem
from cockpit.ingest.profiles import AFTER_SALES, Profile

FIELD = "after_sale_status"
SALE_STATUSES_KEPT = ("paid", "returned")  # become refunded when every line is refunded
_MAP_HINT = ("map each in a mapping file: [after_sales] \"<status>\" = \"refunded\" (a "
             "completed refund), \"pending\" (a refund in progress) or \"none\" (no refund), "
             "and pass --mapping FILE.toml")


def after_sale_meanings(values: pd.Series, header: str, profile: Profile, lines_file: bool
                        ) -> tuple[pd.Series, list[Problem]]:
    """What each line's after-sale status means (one of AFTER_SALES; `values` indexed by
    line number) and the problems: unmapped texts, or the column in a file that is not one
    row per line."""
    text = values.fillna("").astype(str)
    if not lines_file:
        return text, [Problem(rule="after_sale_not_lines", column=header, lines=(1,),
                              message="holds after-sale statuses, which are read from "
                                      "one-row-per-line exports only",
                              hint="map the line fields (sku, quantity, line amount) too, "
                                   "or leave after_sale_status unmapped")]
    meaning = text.map({v: profile.after_sale_of(v) for v in text.unique()})  # few distinct
    unmapped = meaning.isna()
    if not unmapped.any():
        return meaning, []
    shown = text[unmapped]
    names = ", ".join(repr(v) for v in dict.fromkeys(shown))
    return meaning, [Problem.rows("unknown_after_sale",
                                  f"have an after-sale status no mapping knows ({names})",
                                  shown, column=header, hint=_MAP_HINT)]


def fold_refunds(orders: pd.DataFrame, lines: pd.DataFrame, meaning: pd.Series) -> pd.DataFrame:
    """`orders` with the refunds of their lines (`lines`: LINE_COLUMNS, whose `line` indexes
    `meaning`): refunded_cny and status as the module says."""
    refunded = lines["line"].map(meaning).eq("refunded").to_numpy()
    per_order = pd.DataFrame({"order_key": lines["order_key"].to_numpy(), "refunded": refunded,
                              "amount": lines["amount_cny"].where(refunded, 0.0).to_numpy()})
    folded = per_order.groupby("order_key", sort=False).agg(
        any_refunded=("refunded", "any"), all_refunded=("refunded", "all"),
        amount=("amount", "sum"))
    keys = orders["order_key"]
    any_refunded = keys.map(folded["any_refunded"]).fillna(False).astype(bool)
    all_refunded = keys.map(folded["all_refunded"]).fillna(False).astype(bool)
    from_lines = keys.map(folded["amount"])
    out = orders.copy()
    fill = out["refunded_cny"].isna() & any_refunded
    out["refunded_cny"] = out["refunded_cny"].where(~fill, from_lines)
    turn = all_refunded & out["status"].isin(SALE_STATUSES_KEPT)
    out["status"] = out["status"].where(~turn, "refunded")
    return out


def pending_warning(meaning: pd.Series, values: pd.Series, header: str) -> list[Problem]:
    """The lines whose refund is still in progress (counted as paid), if any."""
    pending = meaning == "pending"
    if not pending.any():
        return []
    return [Problem.rows(
        "after_sale_pending", "have a refund in progress: counted as paid (GMV) until the "
        "refund completes", values[pending].astype(str), column=header, severity="warning",
        hint="import a later export once the refunds are done; orders already in the "
             "warehouse are not updated, so undo this import first (--undo ID)")]


__all__ = ["AFTER_SALES", "FIELD", "after_sale_meanings", "fold_refunds", "pending_warning"]
