"""The last turns of the conversation, masked, stored with the question for the caseworker.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.add_column(sa.Column("context", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.drop_column("context")
