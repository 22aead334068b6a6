"""Action server entry point: loads the catalogue and language models, then serves actions."""

from __future__ import annotations

import logging
import threading

from bot.config import get_settings
from bot.escalations.housekeeping import housekeeping
from bot.files import private_files
from bot.services import get_services

logger = logging.getLogger(__name__)


def main() -> None:
    private_files()
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    services = get_services()
    try:
        catalogue = services.catalogue.current()
        logger.info("Catalogue %s: %d courses", catalogue.version, len(catalogue.courses))
    except Exception as exc:  # the server still starts; actions apologise and the admin sees why
        logger.error("The content catalogue could not be loaded: %s", exc)
    services.languages.warm_up()
    threading.Thread(target=housekeeping, daemon=True, name="housekeeping",
                     args=(lambda: services.escalations, settings)).start()
    from rasa_sdk.endpoint import run

    run("actions", port=settings.actions_port)


if __name__ == "__main__":
    main()
