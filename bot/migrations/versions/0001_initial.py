"""Escalations, users, dashboard sessions and the audit log.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


# Columns the store gained before it had migrations; a database made then gets them here.
LATE_COLUMNS = (
    ("reply_language", lambda: sa.Column("reply_language", sa.String(8))),
    ("interpreter", lambda: sa.Column("interpreter", sa.Boolean, nullable=False, server_default=sa.false())),
    ("assigned_to", lambda: sa.Column("assigned_to", sa.String(64))),
    ("notified_at", lambda: sa.Column("notified_at", TZ)),
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    if "escalations" in existing:
        present = {column["name"] for column in inspector.get_columns("escalations")}
        for name, column in LATE_COLUMNS:
            if name not in present:
                op.add_column("escalations", column())
    else:
        op.create_table(
            "escalations",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("reference", sa.String(16), nullable=False, unique=True),
            sa.Column("sender_id", sa.String(255), nullable=False, index=True),
            sa.Column("channel", sa.String(32), nullable=False),
            sa.Column("language", sa.String(8), nullable=False),
            sa.Column("question", sa.Text, nullable=False),
            sa.Column("course", sa.String(64)),
            sa.Column("office", sa.String(64)),
            sa.Column("reply_language", sa.String(8)),
            sa.Column("interpreter", sa.Boolean, nullable=False, server_default=sa.false()),
            sa.Column("urgent", sa.Boolean, nullable=False, server_default=sa.false()),
            sa.Column("status", sa.String(16), nullable=False, index=True),
            sa.Column("answer", sa.Text),
            sa.Column("answered_by", sa.String(64)),
            sa.Column("assigned_to", sa.String(64)),
            sa.Column("request_key", sa.String(64), unique=True),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("answered_at", TZ),
            sa.Column("closed_at", TZ),
            sa.Column("notified_at", TZ),
        )
    if "users" not in existing:
        op.create_table(
            "users",
            sa.Column("username", sa.String(64), primary_key=True),
            sa.Column("password_hash", sa.String(255), nullable=False),
            sa.Column("role", sa.String(16), nullable=False),
            sa.Column("offices", sa.String(255), nullable=False, server_default=""),
        )
    if "web_sessions" not in existing:
        op.create_table(
            "web_sessions",
            sa.Column("id_hash", sa.String(64), primary_key=True),
            sa.Column("username", sa.String(64), nullable=False, index=True),
            sa.Column("csrf_token", sa.String(64), nullable=False),
            sa.Column("created_at", TZ, nullable=False),
            sa.Column("last_seen_at", TZ, nullable=False),
        )
    if "audit_log" not in existing:
        op.create_table(
            "audit_log",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("at", TZ, nullable=False, index=True),
            sa.Column("username", sa.String(64), nullable=False),
            sa.Column("action", sa.String(32), nullable=False),
            sa.Column("reference", sa.String(16), nullable=False, index=True),
            sa.Column("detail", sa.String(255)),
        )


def downgrade() -> None:
    for table in ("audit_log", "web_sessions", "users", "escalations"):
        op.drop_table(table)
