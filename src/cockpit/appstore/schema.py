"""The app store's tables, as SQLAlchemy metadata (created on first use)."""

from __future__ import annotations

import sqlalchemy as sa

APP_METADATA = sa.MetaData()
IMPORT_STATUSES = ("pending", "imported", "failed", "undone")

import_history = sa.Table(
    "import_history", APP_METADATA,
    sa.Column("import_id", sa.Integer, primary_key=True, autoincrement=True,
              comment="Import key; the warehouse rows it wrote carry it in import_id"),
    sa.Column("warehouse", sa.String, nullable=False,
              comment="The warehouse URL written to, without password"),
    sa.Column("file_name", sa.String, nullable=False, comment="File name as given"),
    sa.Column("sha256", sa.String(64), nullable=False, comment="SHA-256 of the file's bytes"),
    sa.Column("table_name", sa.String, nullable=False, comment="Warehouse table imported"),
    sa.Column("profile", sa.String, nullable=False, comment="Column-mapping profile used"),
    sa.Column("mode", sa.String, nullable=False, comment="append or replace"),
    sa.Column("has_ids", sa.Boolean, nullable=False,
              comment="True when the file had an order id column (re-imports deduplicate)"),
    sa.Column("rows_read", sa.Integer, nullable=False, comment="Data rows in the file"),
    sa.Column("rows_written", sa.JSON, nullable=False,
              comment="Rows written per warehouse table, e.g. {\"orders\": 120}"),
    sa.Column("warnings", sa.JSON, nullable=False, comment="Warning texts of the report"),
    sa.Column("options", sa.JSON, nullable=False,
              comment="Options: platform, timezone, dayfirst, fx rates, hashing, strict"),
    sa.Column("imported_at", sa.DateTime, nullable=False, comment="When (UTC)"),
    sa.Column("status", sa.String, nullable=False, comment="pending, imported, failed or undone"),
    sa.Column("undone_at", sa.DateTime, nullable=True, comment="When it was undone (UTC)"),
)
