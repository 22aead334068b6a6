"""The NLU inbox: messages the bot was unsure about, masked, for staff to label.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nlu_inbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("guess", sa.String(64)),
        sa.Column("confidence", sa.Float),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("label", sa.String(64)),
        sa.Column("labelled_by", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("labelled_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_nlu_inbox_language", "nlu_inbox", ["language"])
    op.create_index("ix_nlu_inbox_status", "nlu_inbox", ["status"])
    op.create_index("ix_nlu_inbox_created_at", "nlu_inbox", ["created_at"])


def downgrade() -> None:
    op.drop_table("nlu_inbox")
