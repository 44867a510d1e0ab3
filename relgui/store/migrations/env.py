"""Alembic environment: always run in-process on a connection relgui hands over.

No logging.config.fileConfig here: it would silence the application's loggers
(sqlalchemy/alembic #714).
"""

from alembic import context

from relgui.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
