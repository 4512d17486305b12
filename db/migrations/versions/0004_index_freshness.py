"""index freshness, signing-key serial, the center view synced

Revision ID: 0004
Revises: 0003

The kiosk remembers when its newest signed index expires (to tell the guide that content may
be out of date), the highest signing-key serial it has seen (to refuse rotated-out keys) and
which center's view its revision is of.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('index_expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('key_serial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('view_center', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.drop_column('view_center')
        batch_op.drop_column('key_serial')
        batch_op.drop_column('index_expires_at')
