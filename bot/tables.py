"""Every table of the project, registered on the shared metadata of `bot.db`.

The table modules depend on `bot.db`; this module depends on them, so the database module
itself never imports the parts that keep tables in it.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.db import metadata


def load_tables() -> sa.MetaData:
    """The metadata with every table of the project registered (for migrations and tests)."""
    from bot.accounts import audit, logins, sessions, users  # noqa: F401
    from bot.escalations import store  # noqa: F401
    from bot.learning import inbox  # noqa: F401

    return metadata
