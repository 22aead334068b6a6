"""Shared services of a process, built on first use (never at import time)."""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from typing import Optional

from bot.config import Settings, get_settings
from bot.content.store import CatalogueStore
from bot.db import Database
from bot.escalations.store import EscalationStore
from bot.i18n.catalogs import Translator, get_translator
from bot.language.identify import LanguageIdentifier, get_identifier
from bot.machine_translation import MachineTranslator
from bot.tables import load_tables


class Services:
    """The catalogue, translations, language ID and escalation store of one process."""

    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or get_settings()

    @cached_property
    def catalogue(self) -> CatalogueStore:
        return CatalogueStore(self.settings.content_dir, self.settings.content_watch_seconds,
                              status_file=self.settings.var_dir / "content-status.json")

    @cached_property
    def translator(self) -> Translator:
        return get_translator(self.settings.translations_dir)

    @cached_property
    def languages(self) -> LanguageIdentifier:
        return get_identifier()

    @cached_property
    def machine_translator(self) -> Optional[MachineTranslator]:
        """None unless a translation server is configured (`AMO_TRANSLATE_URL`)."""
        if not self.settings.translate_url:
            return None
        return MachineTranslator(self.settings.translate_url, self.settings.translate_api_key)

    @cached_property
    def database(self) -> Database:
        load_tables()
        return Database(self.settings.effective_database_url)

    @cached_property
    def escalations(self) -> EscalationStore:
        store = EscalationStore(self.database, spool_dir=self.settings.var_dir / "spool")
        try:
            store.create_schema()
        except Exception:  # the database may be down at start: questions are spooled meanwhile
            logging.getLogger(__name__).error("Escalation database not ready", exc_info=True)
        return store


_lock = threading.Lock()
_services: Optional[Services] = None


def get_services() -> Services:
    global _services
    if _services is None:
        with _lock:
            if _services is None:
                _services = Services()
    return _services


def set_services(services: Optional[Services]) -> None:
    """Replaces the process's services (tests point them at temporary folders)."""
    global _services
    _services = services
