"""help request key

Revision ID: 0003
Revises: 0002

Every help request gets the global key it is known by on the server and the other kiosks.
A request already queued or uploaded was sent under its outbox record's key, so that key
becomes its help key; older ones get a new one. A queued local "done" (a usage event naming
the local row id) becomes a help_done record naming the key.
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

help_requests = sa.table('help_requests', sa.column('id', sa.Integer), sa.column('key', sa.String))
outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                  sa.column('idempotency_key', sa.String), sa.column('payload', sa.JSON),
                  sa.column('sent_at', sa.DateTime))


def upgrade() -> None:
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=32), nullable=True))

    connection = op.get_bind()
    sent_as = {}
    for record_key, payload in connection.execute(
        sa.select(outbox.c.idempotency_key, outbox.c.payload).where(outbox.c.kind == 'help_request')
    ):
        if isinstance(payload, dict) and isinstance(payload.get('local_id'), int):
            sent_as[payload['local_id']] = record_key
    keys = {}
    for (row_id,) in connection.execute(sa.select(help_requests.c.id)):
        keys[row_id] = sent_as.get(row_id) or uuid.uuid4().hex
        connection.execute(help_requests.update().where(help_requests.c.id == row_id).values(key=keys[row_id]))
    for entry_id, payload in connection.execute(
        sa.select(outbox.c.id, outbox.c.payload).where(outbox.c.kind == 'usage', outbox.c.sent_at.is_(None))
    ):
        if isinstance(payload, dict) and payload.get('event') == 'help_done' and payload.get('local_id') in keys:
            connection.execute(outbox.update().where(outbox.c.id == entry_id).values(
                kind='help_done', payload={'key': keys[payload['local_id']]}))

    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=32), nullable=False)
        batch_op.create_index(batch_op.f('ix_help_requests_key'), ['key'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_requests_key'))
        batch_op.drop_column('key')
