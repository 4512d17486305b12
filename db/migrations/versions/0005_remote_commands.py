"""remote commands

Revision ID: 0005
Revises: 0004

Remote-care commands from the admin page (protocol.commands), recorded as they arrive so each
is carried out once, across restarts, and its answer is sent again until the server has it.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'remote_commands',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('asked_by', sa.String(length=120), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('done_at', sa.DateTime(), nullable=True),
        sa.Column('ok', sa.Boolean(), nullable=True),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('remote_commands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remote_commands_answered_at'), ['answered_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('remote_commands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remote_commands_answered_at'))
    op.drop_table('remote_commands')
