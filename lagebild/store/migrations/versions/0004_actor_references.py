"""actor_references: the pronouns resolved to an actor, with a confidence

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 07:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('actor_references',
    sa.Column('doc_key', sa.String(length=64), nullable=False),
    sa.Column('local_id', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['doc_key'], ['documents.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_key', 'local_id', 'position')
    )


def downgrade() -> None:
    op.drop_table('actor_references')
