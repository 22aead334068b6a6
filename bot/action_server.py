"""Action server entry point: loads the catalogue and language models, then serves actions."""

from __future__ import annotations

import logging
import threading
import time

from bot.config import get_settings
from bot.services import Services, get_services

logger = logging.getLogger("bot.action_server")


def housekeeping(services: Services, every: float = 10.0) -> None:
    """Stores spooled questions once the database is back; deletes closed ones past retention."""
    rounds = 0
    schema_ready = False
    while True:
        try:
            store = services.escalations
            if not schema_ready:  # the database may have been down when the server started
                store.create_schema()
                schema_ready = True
            store.flush_spool()
            if rounds % 360 == 0:  # about hourly
                purged = store.purge_closed(services.settings.escalation_retention_days)
                if purged:
                    logger.info("Deleted %d closed questions past retention", purged)
        except Exception:
            logger.warning("Escalation housekeeping failed; retrying in %.0f s", every, exc_info=True)
        rounds += 1
        time.sleep(every)


def main() -> None:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    services = get_services()
    try:
        catalogue = services.catalogue.current()
        logger.info("Catalogue %s: %d courses", catalogue.version, len(catalogue.courses))
    except Exception as exc:  # the server still starts; actions apologise and the admin sees why
        logger.error("The content catalogue could not be loaded: %s", exc)
    services.languages.warm_up()
    threading.Thread(target=housekeeping, args=(services,), daemon=True, name="housekeeping").start()
    from rasa_sdk.endpoint import run

    run("actions", port=settings.actions_port)


if __name__ == "__main__":
    main()
