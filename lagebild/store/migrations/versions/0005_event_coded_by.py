"""events: what coded each event (Event.by: rules, learned+rules, learned)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 10:20:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('coded_by', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('coded_by')
