"""lesson cards

Revision ID: 0006
Revises: 0005

Each lesson row keeps what the lists show of it (its card) beside the whole lesson, so a start
reads cards only and a lesson's steps are read when it is opened. Rows applied before this
revision have no card until the next pack is applied; the repository derives theirs meanwhile.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('card', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.drop_column('card')
