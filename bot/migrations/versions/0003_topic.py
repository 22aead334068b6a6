"""What a question is about (the intent before it), for the caseworker's gist.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.add_column(sa.Column("topic", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.drop_column("topic")
