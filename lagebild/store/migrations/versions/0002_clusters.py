"""clusters: document signatures and near-copy groups, event clusters and their members

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-09 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_signatures',
    sa.Column('doc_key', sa.String(length=64), nullable=False),
    sa.Column('minhash', sa.LargeBinary(), nullable=False),
    sa.Column('shingles', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['doc_key'], ['documents.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_key')
    )
    op.create_table('document_clusters',
    sa.Column('doc_key', sa.String(length=64), nullable=False),
    sa.Column('cluster_id', sa.String(length=64), nullable=False),
    sa.Column('representative', sa.Boolean(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['doc_key'], ['documents.key'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_key')
    )
    with op.batch_alter_table('document_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_clusters_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('event_clusters',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('quad_code', sa.Integer(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('first_seen', sa.String(length=10), nullable=True),
    sa.Column('last_seen', sa.String(length=10), nullable=True),
    sa.Column('mentions', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('sources', sa.Integer(), nullable=False),
    sa.Column('representative_event', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_clusters_type'), ['type'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_clusters_version'), ['version'], unique=False)

    op.create_table('event_cluster_members',
    sa.Column('event_id', sa.String(length=32), nullable=False),
    sa.Column('cluster_id', sa.String(length=32), nullable=False),
    sa.Column('linked_to', sa.String(length=32), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['event_clusters.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id')
    )
    with op.batch_alter_table('event_cluster_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_cluster_members_cluster_id'), ['cluster_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('event_cluster_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_cluster_members_cluster_id'))

    op.drop_table('event_cluster_members')
    with op.batch_alter_table('event_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_clusters_version'))
        batch_op.drop_index(batch_op.f('ix_event_clusters_type'))

    op.drop_table('event_clusters')
    with op.batch_alter_table('document_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_clusters_cluster_id'))

    op.drop_table('document_clusters')
    op.drop_table('document_signatures')
