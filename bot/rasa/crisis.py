"""A crisis the classifier puts second, or sees in one sentence of a longer message, is
still a crisis: a missed crisis costs more than the crisis page shown to someone who did not
need it.

Fresh messages showed what the classifier reads first when it misses one: a final goodbye
as goodbye, a threat at home as a placement problem, violence next door as out_of_scope,
often with a crisis second at 0.2-0.3; and thoughts of suicide followed by a long story of
courses and debts as despair, the first sentence alone a crisis. With 56,593 training
examples, on 280 fresh crisis messages in ten languages the page is shown for 263 with
these rules and 249 without; on 3,920 fresh messages of other intents, for none either way;
on the 1,790 held-out messages (none of them a crisis), for three out_of_scope messages,
two of them by the runner-up rule. Despair read as frustration keeps its own answer, after
the crisis page (`action_crisis_if_likely`), unless a sentence of it is a crisis; the page
shown for any other intent offers that intent's answer after the numbers
(`actions/pages.py`, ActionCrisis).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

from bot.rasa.nlu import SENTENCE_INTENTS

CRISIS = "crisis"
FALLBACK = "nlu_fallback"
# The parse result's key for the intent a message answered as a crisis was read as first.
READ_FIRST = "read_first"
# Intents whose own answer already brings the crisis page when a crisis is this likely.
ANSWERED_WITH_THE_PAGE = ("frustration",)


def crisis_confidence(intent: Dict[str, Any], ranking: List[Dict[str, Any]],
                      sentence_intents: List[Dict[str, Any]], runner_up: float,
                      sentence_share: float) -> Optional[float]:
    """The confidence to answer a message read as `intent` as a crisis with, or None to
    leave it: the crisis has at least `runner_up` of the classifier's confidence and the
    best other intent is not one whose answer shows the page itself; or one sentence of the
    message, read alone, is a crisis with at least `sentence_share`. A message the fallback
    caught is promoted too (despair at 0.35 beside a crisis at 0.3 would otherwise be asked
    "did you mean ...?"). The fallback's own entry in the ranking is not an intent."""
    if intent.get(INTENT_NAME_KEY) == CRISIS:
        return None
    in_a_sentence = max((s.get(PREDICTED_CONFIDENCE_KEY) or 0.0 for s in sentence_intents
                         if s.get(INTENT_NAME_KEY) == CRISIS), default=0.0)
    crisis = next((i.get(PREDICTED_CONFIDENCE_KEY) or 0.0 for i in ranking
                   if i.get(INTENT_NAME_KEY) == CRISIS), 0.0)
    if in_a_sentence >= sentence_share:
        return max(in_a_sentence, crisis)
    if crisis >= runner_up and intent.get(INTENT_NAME_KEY) not in ANSWERED_WITH_THE_PAGE:
        return crisis
    return None


def asked_beside(sentence_intents: List[Dict[str, Any]], sentence_share: float) -> Optional[str]:
    """For a message read as a crisis as a whole: the intent of its most confident sentence
    that, read alone, is something else at `sentence_share` or more ("I cut myself again last
    night. Where do I send the meldekort?" is a crisis and a question about the money), so the
    page can offer its answer after the numbers; None when no sentence is."""
    others = [s for s in sentence_intents if s.get(INTENT_NAME_KEY) not in (CRISIS, FALLBACK)
              and (s.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= sentence_share]
    if not others:
        return None
    return str(max(others, key=lambda s: s.get(PREDICTED_CONFIDENCE_KEY) or 0.0)[INTENT_NAME_KEY])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisRunnerUp(GraphComponent):
    """After the FallbackClassifier: a message with a crisis at `runner_up` or more of the
    confidence, or with a sentence read alone as a crisis at `sentence_share` or more
    (`SENTENCE_INTENTS`, bot/rasa/nlu.py), becomes a crisis; the classifier's ranking is
    kept in order below it, and its best other intent is kept as `READ_FIRST`. A message
    read as a crisis as a whole keeps as `READ_FIRST` what another of its sentences asks
    (`asked_beside`)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"runner_up": 0.2, "sentence_share": 0.5}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.runner_up = float(config["runner_up"])
        self.sentence_share = float(config["sentence_share"])

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CrisisRunnerUp:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            intent = message.get(INTENT) or {}
            sentence_intents = message.get(SENTENCE_INTENTS) or []
            if intent.get(INTENT_NAME_KEY) == CRISIS:
                asked = asked_beside(sentence_intents, self.sentence_share)
                if asked:
                    message.set(READ_FIRST, asked, add_to_output=True)
                continue
            confidence = crisis_confidence(intent, ranking, sentence_intents, self.runner_up,
                                           self.sentence_share)
            if confidence is None:
                continue
            crisis = {INTENT_NAME_KEY: CRISIS, PREDICTED_CONFIDENCE_KEY: confidence}
            first = next((i.get(INTENT_NAME_KEY) for i in ranking
                          if i.get(INTENT_NAME_KEY) not in (CRISIS, FALLBACK)), None)
            message.set(READ_FIRST, first, add_to_output=True)
            message.set(INTENT, crisis, add_to_output=True)
            message.set(INTENT_RANKING_KEY,
                        [crisis, *(i for i in ranking if i.get(INTENT_NAME_KEY) != CRISIS)],
                        add_to_output=True)
        return messages
