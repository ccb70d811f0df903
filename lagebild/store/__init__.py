"""The corpus store: analysed documents and their layers in SQLite or PostgreSQL.

    engine = open_engine("lagebild.db")          # or "postgresql+psycopg://user:pw@host/db"
    write_document(engine, document_rows(doc, Provenance(url=...), pipeline.version))

Tables: `tables.py`; schema changes: Alembic migrations in `migrations/` (`lagebild db
upgrade`; opening a store upgrades it); the transactional writer: `writer.py`. The
stages never know a store exists: the store reads the Document contract.
"""
from .engine import StoreError, current_revision, head_revision, open_engine, store_url, upgrade_schema
from .writer import (Provenance, actor_id, document_key, document_rows, record_failure, stored_versions,
                     write_document)

__all__ = ["StoreError", "Provenance", "actor_id", "current_revision", "document_key", "document_rows",
           "head_revision", "open_engine", "record_failure", "store_url", "stored_versions", "upgrade_schema",
           "write_document"]
