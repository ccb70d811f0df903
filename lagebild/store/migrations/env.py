"""Alembic's environment for the lagebild store: migrations run on the connection that
`lagebild.store.schema.upgrade` hands over (config.attributes["connection"]), or on the
URL in the config's `sqlalchemy.url` when Alembic's own command line is used."""
from alembic import context
from sqlalchemy import create_engine

from lagebild.store.tables import metadata

config = context.config


def _run(connection) -> None:
    # batch mode: SQLite cannot ALTER most things, Alembic copies the table instead
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as conn:
        _run(conn)
        conn.commit()
