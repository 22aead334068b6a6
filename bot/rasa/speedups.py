"""Two speed-ups of Rasa 3.6: its check of action server responses, applied in the Rasa
server, and its reading of the NLU data in training.

Rasa validates every action server response with `jsonschema.validate`, which first
validates the *schema itself* against the JSON Schema metaschema, on every call.
Profiling the Rasa server under load (py-spy) showed about 65 % of its CPU time in that
metaschema check. Here the schema is checked once and one validator is reused: every
response is still validated against the same schema, with the same error message.

Applied when the Rasa server imports our NLG class (endpoints.yml); only for the Rasa
version whose code this mirrors.

In training, Rasa's importer caches the NLU data by the arguments of the call, and it is
asked for the same data as `get_nlu_data()` and `get_nlu_data("en")`, so it read all the
files (about 45 s for 54,000 examples) once more. `apply_to_training` gives both calls one
cache entry, so both get the same data (tests/bot/rasa/test_speedups.py); a model trained
with it had the same weights as one trained without.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Callable, Dict, Optional

import jsonschema
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.importers.importer import CombinedDataImporter
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

PATCHED_VERSION = "3.6.21"


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(spec)
    validator_class.check_schema(spec)  # once, instead of on every response
    return validator_class(spec)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    # best_match picks the same error `jsonschema.validate` reports.
    error = jsonschema.exceptions.best_match(_response_validator().iter_errors(result))
    try:
        if error is not None:
            raise error
        return True
    except jsonschema.ValidationError as e:
        e.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


def apply() -> bool:
    """Installs the faster check; returns False (and changes nothing) on another Rasa."""
    if rasa.__version__ != PATCHED_VERSION:
        logger.warning("Rasa %s: action response check left as it is", rasa.__version__)
        return False
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    return True


def _one_key(get_nlu_data: Callable[..., TrainingData]) -> Callable[..., TrainingData]:
    """`get_nlu_data` called always with the language as one positional argument, the form
    its cache keys on, so a call without it and one with the default share the entry."""
    def get(self: CombinedDataImporter, language: Optional[str] = "en") -> TrainingData:
        return get_nlu_data(self, language)

    get.one_key = True  # type: ignore[attr-defined]
    return get


def apply_to_training() -> bool:
    """Installs the one cache entry for the NLU data; returns False (and changes nothing) on
    another Rasa or when installed already."""
    if rasa.__version__ != PATCHED_VERSION:
        logger.warning("Rasa %s: NLU data reading left as it is", rasa.__version__)
        return False
    if getattr(CombinedDataImporter.get_nlu_data, "one_key", False):
        return False
    CombinedDataImporter.get_nlu_data = _one_key(CombinedDataImporter.get_nlu_data)  # type: ignore[method-assign]
    return True
