"""The release office's daily flow (issue 15): forced password change, company options, and the
reasons recorded for deviating from the approved window.

Revision ID: 0007_daily_flow
Revises: 0006_document_numbering
Create Date: 2026-11-30

Tables of their own, like 0006: a new column in users, company_settings, releases or
step_records would change those rows' evidence images (every column counts,
relgui/store/evidence.py) and make `audit verify` report every existing row changed behind the
application. These rows are audited as events of the use cases that write them.

- account_flags: an account that must change its password at the next login (an administrator
  reset it).
- company_options: company settings added after 0001 (the policy profile in force), one row
  per key.
- deviations: a reason recorded for doing something outside what the approved plan allows
  (deployment started outside the approved window or inside a freeze, step times outside the
  execution window), read by the 发布变更报告. Appended, never edited.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0007_daily_flow'
down_revision = '0006_document_numbering'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        'account_flags',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_flags_user_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_account_flags_set_by_id_users')),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_account_flags')),
    )
    op.create_table(
        'company_options',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False, server_default=''),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_company_options_updated_by_id_users')),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_company_options')),
    )
    op.create_table(
        'deviations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('subject', sa.String(length=60), nullable=False, server_default=''),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('detail', JSON, nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_deviations_release_id_releases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_deviations_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deviations')),
    )
    op.create_index(op.f('ix_deviations_release_id'), 'deviations', ['release_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_deviations_release_id'), table_name='deviations')
    op.drop_table('deviations')
    op.drop_table('company_options')
    op.drop_table('account_flags')
