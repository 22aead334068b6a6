"""Response generator: renders the domain's responses in the participant's language.

Loaded in-process by the Rasa server (`endpoints.yml`: `nlg: type: bot.rasa.nlg.GettextNLG`).
The domain holds English source texts; this class looks each up in the gettext
catalogs for the language in the `language` slot, fills `%(name)s` placeholders
and marks right-to-left text. A reply is never a raw key.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.config import get_settings
from bot.i18n.catalogs import Translator, get_translator
from bot.i18n.formatting import directional
from bot.language.supported import BY_CODE, is_rtl
from bot.rasa.speedups import apply as apply_rasa_speedups

logger = logging.getLogger(__name__)


def reply_language(slots: Dict[str, Any], default: str) -> str:
    language = slots.get("language")
    return language if language in BY_CODE else default


class GettextNLG(TemplatedNaturalLanguageGenerator):
    """Translates domain responses through Babel catalogs, per message, per language.

    A subclass of Rasa's templated generator because Rasa hands the domain's
    responses to that class (and only that class) when it loads a model.
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None,
                 domain: Optional[Domain] = None, translator: Optional[Translator] = None):
        super().__init__(domain.responses if domain else {})
        apply_rasa_speedups()  # this class is loaded by the Rasa server: the hook we have
        settings = get_settings()
        self.default_language = settings.default_language
        self.retention_days = settings.escalation_retention_days
        self.translator = translator or get_translator(settings.translations_dir)

    async def generate(self, utter_action: str, tracker: DialogueStateTracker,
                       output_channel: str, **kwargs: Any) -> Optional[Dict[str, Any]]:
        slots = tracker.current_slot_values()
        if slots.get("language_unsupported"):
            # The language notice was already sent; a guess at the intent would only confuse.
            return None
        return self.render(utter_action, slots, **kwargs)

    def render(self, utter_action: str, slots: Dict[str, Any], **kwargs: Any) -> Optional[Dict[str, Any]]:
        variations = self.responses.get(utter_action)
        if not variations:
            logger.error("No response %s in the domain", utter_action)
            return None
        language = reply_language(slots, self.default_language)
        variation = variations[0]
        params = {**{k: v for k, v in slots.items() if isinstance(v, (str, int, float))},
                  "retention_days": self.retention_days, **kwargs}
        message: Dict[str, Any] = {
            "metadata": {"language": language, "direction": "rtl" if is_rtl(language) else "ltr",
                         "response": utter_action},
        }
        if variation.get("text"):
            text = self.translator.gettext(language, variation["text"], **params)
            message["text"] = directional(text, language)
        buttons: List[Dict[str, str]] = [
            {"title": self.translator.gettext(language, b["title"]), "payload": b["payload"]}
            for b in variation.get("buttons") or []]
        if buttons:
            message["buttons"] = buttons
        return message
