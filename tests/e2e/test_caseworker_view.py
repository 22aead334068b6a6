"""A question asked in Arabic, Somali or Tigrinya reaches the caseworker with a Norwegian gist
and the bot's earlier turns in Norwegian (the participant's own words stay as written)."""

from __future__ import annotations

import re

import pytest

from bot.escalations.gist import GistView
from bot.escalations.store import EscalationStore
from bot.services import Services
from tests.e2e.test_flows import CATALOGUE, Conversation, T

pytestmark = pytest.mark.model

QUESTION = {
    "ar": "هل أحصل على المال إذا مرضت أثناء الدورة؟",
    "so": "Ma helayaa lacag haddii aan jirto inta koorsada lagu jiro?",
    "ti": "ኣብ እዋን ኮርስ እንተሓሚመ ገንዘብ እረክብ ድየ?",
}
NAME = {"ar": "arabisk", "so": "somali", "ti": "tigrinja"}


@pytest.mark.parametrize("language", sorted(QUESTION))
def test_the_caseworker_reads_the_gist_and_the_bots_turns_in_norwegian(bot, language):
    talk = Conversation(bot, language)
    talk.say(f'/choose_language{{"language":"{language}"}}')
    money_page = talk.say("/allowance")
    assert talk.c(CATALOGUE.pages["money"].title) in money_page.text
    talk.say("/contact_caseworker")
    talk.say(QUESTION[language])
    talk.say("oslo")
    talk.say(language)
    talk.say("/affirm")  # an interpreter
    done = talk.say("/affirm")  # consent
    reference = re.search(r"K-[0-9A-Z]{4}", done.text).group(0)

    record = EscalationStore(bot.settings.effective_database_url).get(reference)
    assert record.topic == "allowance"
    view = GistView.of(Services(bot.settings), "nb")
    described = view.describe(record)
    assert described["gist"] == (f"Spør om: penger under kurset · fylke: {CATALOGUE.counties['oslo']} · "
                                 f"svar på: {NAME[language]} · ønsker tolk")
    shown = [turn for turn in described["context"] if turn["who"] == "bot"]
    sent = [turn.text for turn in record.context if turn.who == "bot"]
    assert shown and all(turn["rendered"] and turn["language"] == "nb" for turn in shown), shown
    for norwegian, original in zip(shown, sent, strict=True):
        assert norwegian["text"] != original
    money_in_norwegian = T.lookup("content", "nb", CATALOGUE.pages["money"].title).text
    assert any(money_in_norwegian in turn["text"] for turn in shown), shown
    participant = [turn for turn in described["context"] if turn["who"] == "participant"]
    assert all(not turn["rendered"] and turn["language"] == language for turn in participant)
