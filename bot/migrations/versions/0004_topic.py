"""What a question is about (the intent before it), for the caseworker's gist.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.add_column(sa.Column("topic", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.drop_column("topic")
