"""Knowledge base search index: terms per entry (R-4.4.2-KNOWLEDGE); covering indexes for
the KPI dashboard's aggregates (R-4.6-KPI).

Revision ID: 0002_knowledge_search
Revises: 0001_initial
Create Date: 2026-11-27

Self-contained like 0001. The tables start empty: relgui.services.knowledge indexes every
entry it finds missing or changed before it searches, existing entries included.
"""

import sqlalchemy as sa
from alembic import op

revision = '0002_knowledge_search'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('knowledge_terms',
    sa.Column('term', sa.String(length=32), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['knowledge_entries.id'],
                            name=op.f('fk_knowledge_terms_entry_id_knowledge_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term', 'entry_id', name=op.f('pk_knowledge_terms'))
    )
    with op.batch_alter_table('knowledge_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_terms_entry_id'), ['entry_id'], unique=False)

    op.create_table('knowledge_indexed',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['knowledge_entries.id'],
                            name=op.f('fk_knowledge_indexed_entry_id_knowledge_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_knowledge_indexed'))
    )
    with op.batch_alter_table('knowledge_entries', schema=None) as batch_op:
        batch_op.create_index('ix_knowledge_entries_row_version', ['row_version'], unique=False)
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.create_index('ix_releases_kpi', ['closed_at', 'type', 'outcome', 'status'], unique=False)
        batch_op.create_index('ix_releases_cmdb_kpi', ['cmdb_due_at', 'cmdb_done_at'], unique=False)
        batch_op.create_index('ix_releases_cmdb_open', ['cmdb_done_at', 'cmdb_due_at', 'type'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('releases', schema=None) as batch_op:
        batch_op.drop_index('ix_releases_cmdb_open')
        batch_op.drop_index('ix_releases_cmdb_kpi')
        batch_op.drop_index('ix_releases_kpi')
    with op.batch_alter_table('knowledge_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_knowledge_entries_row_version')
    op.drop_table('knowledge_indexed')
    with op.batch_alter_table('knowledge_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_knowledge_terms_entry_id'))
    op.drop_table('knowledge_terms')
