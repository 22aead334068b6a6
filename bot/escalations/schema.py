"""All tables of the escalation database, for Alembic's comparisons."""

from bot.escalations import audit, sessions, users  # noqa: F401  (each registers its table)
from bot.escalations.store import metadata

__all__ = ["metadata"]
