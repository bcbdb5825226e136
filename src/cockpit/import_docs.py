"""Render docs/import.md from the import code: the standard fields and their aliases
(cockpit.ingest.fields), each shipped profile's header mapping, statuses and source notes
(cockpit/data/profiles/*.toml), the statuses' GMV meaning (the schema), and the CLI's options
and exit codes (cockpit.commands.importer). `python -m cockpit docs` writes it; a test fails
when the file and the code differ."""

from __future__ import annotations

import argparse
import tomllib
from importlib import resources

from cockpit.commands import importer
from cockpit.ingest.fields import ORDER_FIELDS, PERSONAL_HEADERS
from cockpit.ingest.profiles import PROFILE_NAMES, load_profile
from cockpit.ingest.tables import (
    ENTITIES,
    FALSE_WORDS,
    MONTH_COLUMNS,
    NOT_IMPORTED,
    TABLES,
    TRUE_WORDS,
    assigned_columns,
    file_columns,
    file_key,
    kind,
    reference,
)
from cockpit.warehouse.schema import METADATA, ORDER_STATUSES, PLATFORMS, SALE_STATUSES

_HEADER = """# Importing your data

Generated from the import code (`src/cockpit/ingest/fields.py`, the profiles in
`src/cockpit/data/profiles/`, `src/cockpit/commands/importer.py`) by `python -m cockpit docs`;
a test fails when this file and the code differ. Edit the code, then regenerate.

Order exports go into the warehouse (`COCKPIT_DB_URL`) as they are: Taobao/Tmall, Douyin and
Shopify exports with their shipped profiles, anything else by its column names or a mapping
file. Every file is checked before anything is written; a file with any error is not written
at all, and the report names each problem's column and line (as a text editor shows it: the
header is line 1). Warnings (future dates, duplicate lines without order ids, other sheets)
are printed and kept in the import history; `--strict` turns them into errors.
"""

_EXAMPLES = """## Examples

```sh
python -m cockpit import ExportOrderList202403061200.csv --profile taobao
python -m cockpit import 抖店订单导出.csv --profile douyin
python -m cockpit import orders_export.csv --profile shopify --fx USD=7.2 \\
    --timezone America/Sao_Paulo
python -m cockpit import erp_dump.xlsx --mapping my_erp.toml --dry-run
python -m cockpit import orders.csv --dayfirst        # 03-01-2024 is 3 January
python -m cockpit import orders.csv --mode replace    # over the demo data: a fresh warehouse
python -m cockpit import --history
python -m cockpit import --undo 3
```
"""

_FILES = """## Files

- CSV and TSV (delimiter `,` `;` tab or `|`, sniffed), in UTF-8 with or without BOM,
  GBK/GB18030 or UTF-16 with BOM; Excel `.xlsx`/`.xls` (the first sheet, with a warning when
  there are others); Parquet. Files are recognised by their content, not their name; a web
  page saved as `.xls` is refused with what to do.
- One row per order, or one row per order line: a file with line fields (sku, quantity, ...)
  is folded into orders and order lines by its order id. The order fields of an order may be
  written on its first line only (as Shopify does); lines of one order that disagree on an
  order field are an error.
- Without an order id column every row is one order: exact duplicate lines are kept (two
  equal purchases on one day happen) with a warning, and such a file cannot be matched
  against an overlapping one, so importing the same file (same SHA-256) again is refused.
  With order ids, orders already in the warehouse are not written again: re-importing a
  file writes nothing new.
- A later export that restates an order already imported (a weekly export overlapping the
  last one: paid then, 退款成功 now) updates it: the file imported last wins for the status
  (when the file has a status column), the amount paid and the refund (when the file records
  one). Buyer, time, place and lines stay as first imported. The values before and after go
  into `order_revisions`, the import's result counts the orders updated, and `--undo` of that
  import puts the old values back (refused while a later import revised the same orders:
  undo that one first). Importing an older export after a newer one would restate the older
  values: undo it.
"""

_VALUES = """## How values are read

Nothing is guessed silently: what could be read two ways is an error that says which
question to answer.

- **Ids** (order, buyer, product) are kept exactly as text (`#1001`, `007`, `C2M-HOODIE-01`,
  18-digit order numbers); `="123"` wrappers, leading tabs and apostrophes are removed, and a
  whole number written as `583.0` (by a spreadsheet) is `583`. Ids that Excel turned into
  `3.51531E+17` are refused: their digits are lost.
- **Money** in CNY: `¥`, `元`, `CNY`/`RMB`, thousands separators and full-width digits are
  fine; a decimal comma (`5.880,00`) only when the whole column uses it and nothing in it can
  be read two ways; `inf`, `NaN`, words, negative amounts and other currency signs are
  refused; zero is fine. A currency column other than CNY needs `--fx CUR=RATE` (CNY per
  unit); the rate is kept in the import history.
- **Timestamps**: `2024-01-05 14:30:00`, `2024/1/5`, `2024年1月5日 14:30`, 12-hour times with
  AM/PM, Excel serial numbers (a whole column of them) and `a/b/yyyy` dates. Day-first or
  month-first is decided by the data (a day above 12); a column where no value tells is
  refused with the question, answered by `--dayfirst` or `--monthfirst`. A time with an offset
  or `Z` is converted to `--timezone` (default Asia/Shanghai); a time without one is taken as
  that zone's local time.
- **Places**: the province (from a province column, or the first part of a Taobao-style
  address `广东省 深圳市 南山区 ...`) gives the sales region; cities are kept without `市`.
  Dimensions a file lacks (channel, city, region) stay empty and are shown as 未知 / Unknown.
- **Personal data** is never stored: receiver names, phone numbers and street addresses are
  dropped (only province and city are kept), and `--hash-customer-ids` (always on for Douyin
  and Shopify, whose buyer ids are a phone or an e-mail) stores salted hashes instead of buyer
  ids; the same buyer gets the same hash in every import into one warehouse.
"""

_MAPPING = """## A mapping file

For any other export, a TOML file (`--mapping FILE.toml`) says which header holds each
standard field and what its statuses mean. It may extend a shipped profile; every key is
optional:

```toml
extends = "taobao"          # start from a shipped profile (else from --profile)
platform = "tmall"          # where the orders were sold
level = "auto"              # auto, order (one row per order) or line (one row per line)
hash_customer_ids = false   # store salted hashes instead of buyer ids
empty_values = ["-"]        # cell texts that mean empty

[columns]                   # standard field = the header (or a list, the first present wins)
customer_id = "会员昵称"
ordered_at = ["下单时间", "成交时间"]

[statuses]                  # the export's status text = a warehouse status
"已签收未评价" = "paid"
"部分退款" = "paid"

[after_sales]               # a line's after-sale status = refunded, pending or none
"售后完成" = "refunded"
```

Headers and statuses are compared loosely: case, full-width characters and spaces, `-` and
`_` do not matter.
"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _fields_section() -> str:
    lines = ["## Standard fields", "",
             "Each field is recognised by its own name or any alias (Chinese and English), "
             "unless the profile or mapping file names its header. *order* fields belong to "
             "the order, *line* fields to one order line.", "",
             "| field | kind | level | required | meaning | aliases |",
             "| --- | --- | --- | --- | --- | --- |"]
    for f in ORDER_FIELDS:
        aliases = ", ".join(f"`{_cell(a)}`" for a in f.aliases) or "—"
        lines.append(f"| `{f.name}` | {f.kind} | {f.level} | {'yes' if f.required else 'no'} "
                     f"| {_cell(f.doc)} | {aliases} |")
    lines += ["", "Headers of personal data, recognised so that they are dropped (never "
              "stored): " + ", ".join(f"`{h}`" for h in PERSONAL_HEADERS) + ".", ""]
    return "\n".join(lines)


def _statuses_section() -> str:
    meaning = {s: "counts as GMV, less any refunded amount" if s in SALE_STATUSES
               else "never counts as GMV" for s in ORDER_STATUSES}
    lines = ["## Statuses and GMV", "",
             "Every order gets one of the warehouse's statuses; each profile maps its "
             "platform's status texts onto them, and a status no mapping knows is an error "
             "naming it (map it in a mapping file). Without a status column every order counts "
             "as paid (the report says so).", "",
             "| status | GMV |", "| --- | --- |"]
    lines += [f"| `{s}` | {m} |" for s, m in meaning.items()]
    lines += ["", "A one-row-per-line export may also carry each line's after-sale status "
              "(`after_sale_status`, Douyin's 售后状态), mapped by the profile's or mapping "
              "file's `[after_sales]` table to `refunded` (a completed refund), `pending` (a "
              "refund in progress) or `none`; an empty cell is `none`. An order's "
              "`refunded_cny` is the sum of its refunded lines' amounts (a `refunded_cny` "
              "column's value, where the file has one, wins); an order whose every line is "
              "refunded and whose status is `paid` or `returned` becomes `refunded` (closed, "
              "cancelled and unpaid orders keep their status). A refund in progress is not "
              "yet a refund: the line counts as paid and the report warns "
              "(`after_sale_pending`, with the lines). An after-sale text no mapping knows "
              "is an error naming the column, the text and the lines."]
    lines += ["", "Platforms (`--platform`, default the profile's): "
              + ", ".join(f"`{p}`" for p in PLATFORMS) + ".", ""]
    return "\n".join(lines)


def _profile_text(name: str) -> str:
    return resources.files("cockpit.data").joinpath(f"profiles/{name}.toml").read_text("utf-8")


def _comments(text: str) -> str:
    """The TOML file's comment lines, as one paragraph."""
    found = [line.lstrip("#").strip() for line in text.splitlines()
             if line.lstrip().startswith("#")]
    return " ".join(part for part in found if part)


def _profile_section(name: str) -> str:
    text = _profile_text(name)
    raw = tomllib.loads(text)
    profile = load_profile(name)
    facts = [f"platform `{profile.platform}`", f"level `{profile.level}`"]
    if profile.hash_customer_ids:
        facts.append("buyer ids stored as salted hashes")
    if profile.empty_values:
        facts.append("empty written as " + ", ".join(f"`{v}`" for v in profile.empty_values))
    lines = [f"### `--profile {name}`", "", _comments(text), "",
             "Settings: " + "; ".join(facts) + ".", ""]
    if profile.columns:
        lines += ["| field | header (the first present wins) |", "| --- | --- |"]
        lines += [f"| `{field}` | " + ", ".join(f"`{_cell(h)}`" for h in headers) + " |"
                  for field, headers in profile.columns.items()]
        lines += ["", "Other fields by their aliases (see Standard fields).", ""]
    else:
        lines += ["Every field by its name or aliases (see Standard fields).", ""]
    statuses = raw.get("statuses", {})
    if statuses:
        lines += ["| status in the export | warehouse status |", "| --- | --- |"]
        lines += [f"| {_cell(text)} | `{status}` |" for text, status in statuses.items()]
        lines.append("")
    return "\n".join(lines + _after_sales_table(raw.get("after_sales", {})))


_AFTER_SALE_MEANING = {"refunded": "completed refund: the line's amount is refunded",
                       "pending": "refund in progress: still paid, with a warning",
                       "none": "no refund"}


def _after_sales_table(after_sales: dict[str, str]) -> list[str]:
    if not after_sales:
        return []
    lines = ["| after-sale status of a line | meaning |", "| --- | --- |"]
    lines += [f"| {_cell(text)} | `{meaning}`: {_AFTER_SALE_MEANING[meaning]} |"
              for text, meaning in after_sales.items()]
    return [*lines, ""]


def _cli_section() -> str:
    parser = argparse.ArgumentParser(prog="python -m cockpit import")
    importer.add_arguments(parser)
    lines = ["## Command line", "",
             "`python -m cockpit import FILE [FILE ...] [options]`, into `COCKPIT_DB_URL` "
             "(the import history goes to the app store, `COCKPIT_APP_DB_URL`). Each file is "
             "its own all-or-nothing write; while it is written the app keeps showing the "
             "previous data.", "",
             "| option | what it does |", "| --- | --- |"]
    for action in parser._actions:
        if (isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS
                or not action.option_strings):
            continue
        flag = " / ".join(action.option_strings)
        if action.choices:
            flag += " {" + ",".join(map(str, action.choices)) + "}"
        elif action.nargs != 0:
            flag += f" {action.metavar or action.dest.upper()}"
        lines.append(f"| `{flag}` | {_cell(action.help)} |")
    lines += ["", "### Exit codes", "", "| code | meaning |", "| --- | --- |"]
    lines += [f"| {code} | {text} |" for code, text in importer.EXIT_CODES.items()]
    lines.append("")
    return "\n".join(lines)


_TABLES_INTRO = """## Other tables (`--table NAME`)

`python -m cockpit import FILE --table NAME` loads the rows of one other table, so that the
pages and tabs reading it light up (`python -m cockpit check` lists them). The file's header
holds the table's column names below (compared loosely, as for order exports); a mapping
file's `[columns]` table renames them (`spend_cny = "花费"`, or a list of headers). A column
the table does not have is ignored with a warning that lists it; a missing required column
is an error naming it.

- **Values** are read by the column's type: *date* and *timestamp* as order timestamps are
  (with `--dayfirst`/`--monthfirst` and `--timezone`); *money* in CNY as order amounts are
  (¥, 元, thousands separators; no negatives); *integer* as whole numbers of zero or more;
  *float* as plain numbers with a decimal point (negative allowed, no thousands separators);
  *text* as written, and a code column only takes its allowed values; inf, NaN and words
  are refused in every number column. An empty cell is null, or an error in a required
  column. *yes/no* values are written {true} or {false}.
  A month ({months}) is written as its first day (`2024-03-01`).
- **Keys**: orders and customers are named by the ids the exports use (*external id*, kept as
  text), looked up in the warehouse's `external_ids` for the platform (`--platform`, default
  the profile's, `other` for `generic`; with `--hash-customer-ids` buyer ids are hashed as
  the order import hashes them); products are named by their SKU. A customers file's
  `customer_id` is the buyer id its orders carry; a products file has no `product_id` (the
  warehouse numbers products) and `c2m_counterpart_id` is the counterpart's SKU. Other keys
  (stores, live sessions, warehouses, shipments, visits, ...) are the integers the file
  writes. Every reference must name a row the warehouse holds: an unknown one is an error
  naming the column, line and value; import the referenced table first.
- **Re-imports**: a file may not repeat a row's key (the products' SKU, else the table's
  primary key). Rows whose key the warehouse already holds are skipped and counted ("N rows
  were already in the warehouse"), so importing a file again changes nothing. Rows are never
  updated: a customer or product that an order import created (without its attributes) keeps
  its row, so import customers and products before the orders that name them.
- **Writing**: each file is one all-or-nothing write and one entry in the import history
  (with the table's name); `--mode replace` empties only the table imported (refused while
  other tables' rows refer to it; over the demo data it starts a fresh warehouse), and
  `--undo ID` removes the rows the import wrote. The first shipments imported bring the
  shipped emission factors with them. `--dry-run` checks and writes nothing; `--fx` does not
  apply (these tables hold CNY).

Not imported this way: {not_imported}.
"""


def _kind_text(table, column) -> str:
    found = kind(table, column)
    if found == "external_id":
        target = reference(table, column)
        return "external id" + ("" if target == table.name else f" of {ENTITIES[target]}")
    target = reference(table, column)
    return f"{found} ({target} key)" if target else found.replace("_", "/")


def _table_section(name: str) -> str:
    table = METADATA.tables[name]
    key = ", ".join(f"`{k}`" for k in file_key(table))
    lines = [f"### `--table {name}`", "",
             f"{_cell(table.comment)} Grain: {table.info['grain']}; key {key}."
             + (" Filled by the import: " + ", ".join(f"`{c}`" for c in assigned_columns(table))
                + "." if assigned_columns(table) else ""), "",
             "| column | kind | required | meaning |", "| --- | --- | --- | --- |"]
    for column in file_columns(table):
        meaning = column.comment
        if name == "products" and column.name == "c2m_counterpart_id":
            meaning = "For a C2M product: the SKU of the regular product it was designed " \
                      "against (in the warehouse or this file); null otherwise"
        lines.append(f"| `{column.name}` | {_kind_text(table, column)} | "
                     f"{'no' if column.nullable else 'yes'} | {_cell(meaning)} |")
    lines.append("")
    return "\n".join(lines)


def _tables_section() -> str:
    skipped = "; ".join(f"`{n}` ({why})" for n, why in NOT_IMPORTED.items())
    intro = _TABLES_INTRO.format(true="/".join(f"`{w}`" for w in TRUE_WORDS),
                                 false="/".join(f"`{w}`" for w in FALSE_WORDS),
                                 months=", ".join(f"`{t}.{c}`" for t, c in
                                                  sorted(MONTH_COLUMNS)),
                                 not_imported=skipped)
    return "\n".join([intro, *(_table_section(n) for n in TABLES)])


def render_import() -> str:
    parts = [_HEADER, _EXAMPLES, _FILES, _fields_section(), _statuses_section(),
             "## Shipped profiles\n"]
    parts += [_profile_section(name) for name in PROFILE_NAMES]
    parts += [_MAPPING, _VALUES, _tables_section(), _cli_section()]
    return "\n".join(parts)
