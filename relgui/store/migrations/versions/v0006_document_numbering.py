"""Document numbers per kind (issue 14): the company's 文件编号 pattern of the 发布计划 and of the
发布变更报告 (default {release}-JH and {release}-BG, relgui/domain/numbering.py).

Revision ID: 0006_document_numbering
Revises: 0005_alerts
Create Date: 2026-11-30

A table of its own, one row per kind the company changed from the default: a new column in
company_settings would change that row's evidence image (every column counts,
relgui/store/evidence.py) and make `audit verify` report it changed behind the application. Like
the alert settings, the rows are company settings audited as events (company.save), not row
evidence. Self-contained like 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_document_numbering'
down_revision = '0005_alerts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'document_numbering',
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('pattern', sa.String(length=60), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_document_numbering_updated_by_id_users')),
        sa.PrimaryKeyConstraint('kind', name=op.f('pk_document_numbering')),
    )


def downgrade() -> None:
    op.drop_table('document_numbering')
