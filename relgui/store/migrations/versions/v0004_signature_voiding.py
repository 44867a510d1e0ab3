"""A signature row can only be voided, once: voided_at goes from NULL to a time (with its
reason) and nothing else of the row ever changes (R-DOC-SIGN, R-1.3-TRACE).

Revision ID: 0004_signature_voiding
Revises: 0003_record_versions
Create Date: 2026-12-01

PostgreSQL only: the trigger holds for every role (the workstation role's column grant
UPDATE (voided_at, voided_reason) lets it reach the trigger at all; relgui/store/pgroles.py).
The schema's owner can still disable it, as it can the audit trail's triggers: the signature
hashes and the audit chain show what was changed then. SQLite has no roles and is unchanged
(its protection is the file's permissions).

Self-contained like 0001.
"""

from alembic import op

revision = '0004_signature_voiding'
down_revision = '0003_record_versions'
branch_labels = None
depends_on = None

PG_FUNCTION = """
CREATE FUNCTION signatures_void_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF OLD.voided_at IS NOT NULL THEN
        RAISE EXCEPTION 'signature % was voided already: it cannot change again', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.voided_at IS NULL THEN
        RAISE EXCEPTION 'signature %: the only change allowed is voiding it (voided_at from NULL to a time)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (to_jsonb(NEW) - 'voided_at' - 'voided_reason') IS DISTINCT FROM
       (to_jsonb(OLD) - 'voided_at' - 'voided_reason') THEN
        RAISE EXCEPTION 'signature %: only voided_at and voided_reason may change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$
"""
PG_TRIGGER = """
CREATE TRIGGER signatures_void_only BEFORE UPDATE ON signatures
FOR EACH ROW EXECUTE FUNCTION signatures_void_only()
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(PG_FUNCTION)
    op.execute(PG_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS signatures_void_only ON signatures")
    op.execute("DROP FUNCTION IF EXISTS signatures_void_only()")
