"""Large CSV exports loaded inside DuckDB: the same steps as the in-memory import (clean the
cells, parse each field, fold lines into orders, check the schema's rules, assign keys)
written as SQL, so that a file of ten million lines streams through DuckDB's buffer manager
instead of pandas. Every rule is counted in SQL; the report is then written by the in-memory
code run on the offending lines only, so both paths word every problem alike.

A file takes this path only when each column is in a form the SQL reads exactly as the
in-memory parser does (`bulk.forms`: ISO, 2024/1/5 and 2024年1月5日 dates, amounts with
¥, 元 or thousands commas; ASCII ids) and it has no currency, address or after-sale column;
otherwise `NotBulk` sends it back to the in-memory path, and the result says why."""

from cockpit.ingest.bulk.run import BulkPrepared, NotBulk, applies, prepare

__all__ = ["BulkPrepared", "NotBulk", "applies", "prepare"]
