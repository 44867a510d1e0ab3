"""Every updatable record carries the version its writers saw: step records, severe problems
and rollbacks get ``row_version`` (optimistic locking, as checklist entries already had).

Revision ID: 0003_record_versions
Revises: 0002_knowledge_search
Create Date: 2026-11-30

Self-contained like 0001. Existing rows start at version 1 (the server default, which also
serves bulk writers that insert without naming the column).
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_record_versions'
down_revision = '0002_knowledge_search'
branch_labels = None
depends_on = None

TABLES = ('step_records', 'problems', 'rollbacks')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('row_version')
