"""The app store's engine: one per URL, tables created on first use."""

from __future__ import annotations

import functools

import sqlalchemy as sa

from cockpit.appstore.schema import APP_METADATA


@functools.cache
def app_engine(url: str) -> sa.Engine:
    """An engine on the app store at `url` with every app table created. SQLite waits up to
    30 s for another writer instead of failing at once."""
    connect_args = {"timeout": 30} if url.startswith("sqlite") else {}
    engine = sa.create_engine(url, connect_args=connect_args)
    APP_METADATA.create_all(engine)
    return engine
