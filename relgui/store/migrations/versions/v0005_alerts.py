"""Alerts through an outbox, their channels and rules, and who is who in the directory (issue 16).

Revision ID: 0005_alerts
Revises: 0004_signature_voiding
Create Date: 2026-11-30

- ``alerts``: the outbox. A use case writes its alerts in its own transaction; a deadline's
  alerts are rows due later. Senders claim due rows with a lease (relgui/alerts/sender.py).
- ``alert_channels``: e-mail (SMTP), 企业微信 and 钉钉 group robots; no secret is stored here
  (passwords, webhook keys and signing secrets live in the OS credential store).
- ``alert_settings``: one row: the company's alert rules (TOML text, relgui/policy/alerts.py)
  and the directory (LDAP) settings.
- ``user_contacts``: a user's e-mail address and language for alerts, and the source that
  authenticates them (local or the directory) with their directory name.

None of these is evidence the policy relies on (relgui/store/evidence.py): changes to channels,
rules and directory settings are audited as events; delivery results live in the outbox.
Self-contained like 0001.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

revision = '0005_alerts'
down_revision = '0004_signature_voiding'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'alert_channels',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('config', JSON, nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('last_error', sa.Text(), nullable=False, server_default=''),
        sa.Column('last_error_at', sa.DateTime(), nullable=True),
        sa.Column('last_ok_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_channels')),
        sa.UniqueConstraint('name', name=op.f('uq_alert_channels_name')),
    )
    op.create_table(
        'alert_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rules', sa.Text(), nullable=False, server_default=''),
        sa.Column('directory', JSON, nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_alert_settings_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_settings')),
    )
    op.create_table(
        'user_contacts',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False, server_default=''),
        sa.Column('language', sa.String(length=10), nullable=False, server_default='zh_CN'),
        sa.Column('auth_source', sa.String(length=10), nullable=False, server_default='local'),
        sa.Column('directory_dn', sa.String(length=500), nullable=False, server_default=''),
        sa.Column('directory_seen_at', sa.DateTime(), nullable=True),
        sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_contacts_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_contacts')),
    )
    op.create_table(
        'alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=40), nullable=False),
        sa.Column('dedupe_key', sa.String(length=200), nullable=False),
        sa.Column('release_id', sa.Integer(), nullable=True),
        sa.Column('recipient_id', sa.Integer(), nullable=True),
        sa.Column('channel_kind', sa.String(length=20), nullable=False),
        sa.Column('channel_id', sa.Integer(), nullable=True),
        sa.Column('address', sa.String(length=254), nullable=False, server_default=''),
        sa.Column('language', sa.String(length=10), nullable=False, server_default='zh_CN'),
        sa.Column('params', JSON, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('claimed_by', sa.String(length=100), nullable=False, server_default=''),
        sa.Column('lease_until', sa.DateTime(), nullable=True),
        sa.Column('attempt_at', sa.DateTime(), nullable=True),
        sa.Column('in_doubt', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('sent_by', sa.String(length=100), nullable=False, server_default=''),
        sa.Column('last_error', sa.Text(), nullable=False, server_default=''),
        sa.Column('read_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['release_id'], ['releases.id'], name=op.f('fk_alerts_release_id_releases'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], name=op.f('fk_alerts_recipient_id_users'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['channel_id'], ['alert_channels.id'], name=op.f('fk_alerts_channel_id_alert_channels'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts')),
        sa.UniqueConstraint('dedupe_key', name=op.f('uq_alerts_dedupe_key')),
    )
    op.create_index('ix_alerts_due', 'alerts', ['state', 'due_at'])
    op.create_index('ix_alerts_lease', 'alerts', ['state', 'lease_until'])
    op.create_index('ix_alerts_recipient', 'alerts', ['recipient_id', 'channel_kind', 'state'])
    op.create_index(op.f('ix_alerts_release_id'), 'alerts', ['release_id'])


def downgrade() -> None:
    op.drop_table('alerts')
    op.drop_table('user_contacts')
    op.drop_table('alert_settings')
    op.drop_table('alert_channels')
