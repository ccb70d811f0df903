"""places: the actor a place mention stands for (a capital or country that acts)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 06:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_local_id', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('actor_id', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_column('actor_id')
        batch_op.drop_column('actor_local_id')
