"""The translation client against a local fake of the LibreTranslate HTTP API."""

from __future__ import annotations

import pytest

from bot.machine_translation import MachineTranslator, TranslationUnavailable
from tests.bot.fake_translate import fake_translate


def test_translates_and_names_the_languages():
    with fake_translate() as fake:
        translator = MachineTranslator(fake.url, api_key="k")
        assert translator.translate("Hvor er kurset?", "nb", "ar") == "[ar] Hvor er kurset?"
        assert fake.requests == [{"q": "Hvor er kurset?", "source": "nb", "target": "ar",
                                  "format": "text", "api_key": "k"}]
        assert translator.translate("Samme språk", "nb", "nb") == "Samme språk"
        assert len(fake.requests) == 1  # nothing sent when nothing needs translating


def test_a_server_that_is_down_or_missing_is_reported_not_raised_raw():
    with fake_translate() as fake:
        fake.down = True
        with pytest.raises(TranslationUnavailable):
            MachineTranslator(fake.url).translate("tekst", "nb", "so")
    with pytest.raises(TranslationUnavailable):  # nobody listens there any more
        MachineTranslator(fake.url).translate("tekst", "nb", "so")
