"""Two speed-ups of Rasa 3.6: its check of action server responses, applied in the Rasa
server, and its reading of the NLU data in training.

Rasa validates every action server response with `jsonschema.validate`, which first
validates the *schema itself* against the JSON Schema metaschema, on every call.
Profiling the Rasa server under load (py-spy) showed about 65 % of its CPU time in that
metaschema check. Here the schema is checked once and one validator is reused: every
response is still validated against the same schema, with the same error message.

Applied when the Rasa server imports our NLG class (endpoints.yml); only for the Rasa
version whose code this mirrors.

In training, Rasa's importers cache the NLU data by the arguments of the call, and it is
asked for twice: by `rasa train` itself as `get_nlu_data()` and by the training graph in the
pipeline's language, `get_nlu_data("xx")`, so it read and merged all the files once more
(about 40 s of a training from scratch, for 62,700 examples). The language changes nothing
in what is read: Rasa's YAML and JSON readers take it and never use it. `apply_to_training`
gives every call one cache entry in each of the three importers that cache it, whatever the
language, so all get the same data (tests/bot/rasa/test_speedups.py); a model trained with it
has the same weights as one trained without.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Callable, Dict, Optional

import jsonschema
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.importers.importer import CombinedDataImporter, E2EImporter, ResponsesSyncImporter
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


# Rasa's own default: every call is made with it, so all share one cache entry.
_ONE_LANGUAGE = "en"
# The importers that cache the NLU data by the call's arguments, innermost first.
_CACHING = (CombinedDataImporter, ResponsesSyncImporter, E2EImporter)


def _one_key(get_nlu_data: Callable[..., TrainingData]) -> Callable[..., TrainingData]:
    """`get_nlu_data` called always with one language as one positional argument, the form
    its cache keys on, so calls with or without a language share the entry."""
    def get(self: Any, language: Optional[str] = _ONE_LANGUAGE) -> TrainingData:
        return get_nlu_data(self, _ONE_LANGUAGE)

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
    for importer in _CACHING:
        importer.get_nlu_data = _one_key(importer.get_nlu_data)  # type: ignore[method-assign]
    return True
