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

REVIEW_STATUSES = ("open", "done", "dropped")

review_notes = sa.Table(
    "review_notes", APP_METADATA,
    sa.Column("note_id", sa.Integer, primary_key=True, autoincrement=True, comment="Note key"),
    sa.Column("week", sa.String(8), nullable=False, index=True,
              comment="ISO week reviewed, e.g. 2024-W52"),
    sa.Column("text", sa.Text, nullable=False, comment="The note"),
    sa.Column("created_at", sa.DateTime, nullable=False, comment="When written (UTC)"),
    sa.Column("updated_at", sa.DateTime, nullable=False, comment="Last change (UTC)"),
    sa.Column("version", sa.Integer, nullable=False,
              comment="Row version, +1 per update (optimistic concurrency)"),
    comment="one row per weekly-review note",
)

review_actions = sa.Table(
    "review_actions", APP_METADATA,
    sa.Column("action_id", sa.Integer, primary_key=True, autoincrement=True,
              comment="Action key"),
    sa.Column("week", sa.String(8), nullable=False, index=True,
              comment="ISO week whose review raised it, e.g. 2024-W52"),
    sa.Column("text", sa.Text, nullable=False, comment="What is to be done"),
    sa.Column("owner", sa.String, nullable=False, comment="Who does it"),
    sa.Column("due_date", sa.Date, nullable=True, comment="Due date; null when none"),
    sa.Column("status", sa.String(8), nullable=False, comment="open, done or dropped"),
    sa.Column("created_at", sa.DateTime, nullable=False, comment="When raised (UTC)"),
    sa.Column("updated_at", sa.DateTime, nullable=False, comment="Last change (UTC)"),
    sa.Column("version", sa.Integer, nullable=False,
              comment="Row version, +1 per update (optimistic concurrency)"),
    comment="one row per weekly-review action item",
)

users = sa.Table(
    "users", APP_METADATA,
    sa.Column("email", sa.String, primary_key=True,
              comment="Sign-in e-mail, lower-case (the login's identity)"),
    sa.Column("role", sa.String, nullable=False,
              comment="admin, manager, region_manager, store_manager, analyst or viewer"),
    sa.Column("regions", sa.JSON, nullable=False,
              comment="Sales regions a region_manager sees, e.g. [\"east\"]; [] otherwise"),
    sa.Column("stores", sa.JSON, nullable=False,
              comment="Store ids a store_manager sees, e.g. [\"S01\"]; [] otherwise"),
    sa.Column("added_at", sa.DateTime, nullable=False, comment="When added (UTC)"),
    sa.Column("added_by", sa.String, nullable=False, comment="Who added the user"),
    comment="one row per user allowed to sign in",
)

audit_log = sa.Table(
    "audit_log", APP_METADATA,
    sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True,
              comment="Entry key"),
    sa.Column("who", sa.String, nullable=False, comment="E-mail or OS user who acted"),
    sa.Column("at", sa.DateTime, nullable=False, index=True, comment="When (UTC)"),
    sa.Column("action", sa.String, nullable=False, index=True,
              comment="login, export, user_add, user_remove, import, ..."),
    sa.Column("what", sa.String, nullable=False,
              comment="What it concerned: a file name, a table, a user's e-mail"),
    sa.Column("filters", sa.JSON, nullable=False,
              comment="The filters in effect, e.g. {\"start\": \"2026-10-01\"}; {} when none"),
    comment="one row per audited event",
)
