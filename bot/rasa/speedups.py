"""A speed-up for Rasa 3.6's check of action server responses, applied in the Rasa server.

Rasa validates every action server response with `jsonschema.validate`, which first
validates the *schema itself* against the JSON Schema metaschema, on every call.
Profiling the Rasa server under load (py-spy) showed about 65 % of its CPU time in that
metaschema check. Here the schema is checked once and one validator is reused: every
response is still validated against the same schema, with the same error message.

Applied when the Rasa server imports our NLG class (endpoints.yml); only for the Rasa
version whose code this mirrors.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Dict

import jsonschema
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

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
