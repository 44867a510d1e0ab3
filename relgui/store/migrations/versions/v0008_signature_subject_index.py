"""An index on what a signature is over (subject, subject_id).

Revision ID: 0008_signature_subject_index
Revises: 0007_daily_flow
Create Date: 2026-12-01

A plan revision's approval is found by its subject (facts.approval_state): every release's
detail, every 发布计划 generated and every closure sealed asked for it, and without this index
each asking read the whole signatures table — on 100 000 releases (93 000 signatures) a full
scan per release shown or document made, the demo's archiving slowing as it went. An index
holds no row content: the rows' evidence images are unchanged.
"""

from alembic import op

revision = '0008_signature_subject_index'
down_revision = '0007_daily_flow'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_signatures_subject', 'signatures', ['subject', 'subject_id'])


def downgrade() -> None:
    op.drop_index('ix_signatures_subject', table_name='signatures')
