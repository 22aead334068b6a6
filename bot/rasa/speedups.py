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

Reading the 443 NLU files of 71,000 examples itself took about 40 s of a training from
scratch on two cores. Three things took most of it, and `apply_to_training` changes them:
- every annotation with a dict (`[бухгалтерії]{"entity": "course", "value": ...}`, 2,900 of
  them) is checked against its JSON schema with `jsonschema.validate`, which checks the
  schema itself against the metaschema each time, as in the action server's responses above:
  now once per schema, each annotation still checked, with Rasa's error;
- Rasa's check of each file against its YAML schema parses the file a second time with
  ruamel's round-trip parser (pure Python, for line numbers in its error message) and reads
  the schema files anew for every file: now each file's data is checked against the same
  schema by the same validator, parsed once, the schema read once, and only a file that fails
  is checked again by Rasa's own code, whose error message with its line numbers is what the
  course admin sees;
- `TrainingData.merge` deep-copies every example: the freshly read files are now merged
  without copies (nothing else holds them) into the same training data, duplicates dropped
  as Rasa drops them.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

import jsonschema
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.importers.importer import CombinedDataImporter, E2EImporter, ResponsesSyncImporter
from rasa.shared.nlu.training_data import util as nlu_util
from rasa.shared.nlu.training_data.formats.rasa_yaml import NLU_SCHEMA_FILE, RasaYAMLReader
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

PATCHED_VERSION = "3.6.21"


@lru_cache(maxsize=8)
def _validator_for(schema: str) -> Any:
    """A validator of the JSON schema `schema` (as JSON), the schema checked once."""
    spec = json.loads(schema)
    validator_class = jsonschema.validators.validator_for(spec)
    validator_class.check_schema(spec)
    return validator_class(spec)


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    return _validator_for(json.dumps(RemoteAction.action_response_format_spec(), sort_keys=True))


def _validate_training_data(json_data: Dict[str, Any], schema: Dict[str, Any]) -> None:
    """`rasa.shared.utils.validation.validate_training_data` with the schema checked once:
    the same verdicts and error."""
    from rasa.shared.constants import DOCS_URL_TRAINING_DATA
    from rasa.shared.exceptions import SchemaValidationError

    error = jsonschema.exceptions.best_match(
        _validator_for(json.dumps(schema, sort_keys=True)).iter_errors(json_data))
    if error is not None:
        error.message += (
            f". Failed to validate data, make sure your data "
            f"is valid. For more information about the format visit "
            f"{DOCS_URL_TRAINING_DATA}."
        )
        raise SchemaValidationError.create_from(error) from error


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


@lru_cache(maxsize=1)
def _nlu_schema() -> Tuple[Dict[str, Any], str]:
    """The schema `validate_yaml_schema` checks an NLU file against and its extensions file,
    read as it reads them."""
    import pkg_resources
    from rasa.shared.constants import PACKAGE_NAME, RESPONSES_SCHEMA_FILE, SCHEMA_EXTENSIONS_FILE
    from rasa.shared.utils.io import read_yaml_file

    def resource(path: str) -> str:
        return pkg_resources.resource_filename(PACKAGE_NAME, path)

    schema = read_yaml_file(resource(NLU_SCHEMA_FILE))
    return dict(schema, **read_yaml_file(resource(RESPONSES_SCHEMA_FILE))), resource(SCHEMA_EXTENSIONS_FILE)


def _passes_schema(string: str) -> bool:
    """Whether an NLU file's text parses and its data passes Rasa's NLU schema."""
    from pykwalify.core import Core
    from rasa.shared.utils.io import read_yaml

    logging.getLogger("pykwalify").setLevel(logging.CRITICAL)  # as Rasa's check sets it
    try:
        data = read_yaml(string)
        schema, extensions = _nlu_schema()
        Core(source_data=data, schema_data=schema, extensions=[extensions]).validate(raise_exception=True)
    except Exception:  # whatever fails here, Rasa's own check is made and tells why
        return False
    return True


_rasas_validate = RasaYAMLReader.validate


def _validate_nlu_file(self: RasaYAMLReader, string: str) -> None:
    """Rasa's check of an NLU file, done by Rasa's own code only when the file fails."""
    if not _passes_schema(string):
        _rasas_validate(self, string)


def merged(data: Iterable[TrainingData]) -> TrainingData:
    """`TrainingData().merge(*data)` without copying the examples: the same examples in the
    same order, duplicates dropped, the same synonyms (a conflicting one warned about),
    regexes, lookup tables and responses."""
    examples: List[Any] = []
    synonyms: Dict[str, str] = {}
    regexes: List[Dict[str, str]] = []
    lookups: List[Dict[str, Any]] = []
    responses: Dict[str, List[Dict[str, Any]]] = {}
    for one in data:
        if not one:
            continue
        examples.extend(one.training_examples)
        regexes.extend(one.regex_features)
        lookups.extend(one.lookup_tables)
        for text, synonym in one.entity_synonyms.items():
            nlu_util.check_duplicate_synonym(synonyms, text, synonym, "merging training data")
        synonyms.update(one.entity_synonyms)
        responses.update(one.responses)
    return TrainingData(examples, synonyms, regexes, lookups, responses)


def _training_data_from_paths(paths: Iterable[str], language: str) -> TrainingData:
    from rasa.shared.nlu.training_data import loading

    return merged(loading.load_data(path, language) for path in paths)


def apply_to_training() -> bool:
    """Installs the one cache entry for the NLU data, the faster schema check and the merge
    without copies; returns False (and changes nothing) on another Rasa or when installed
    already."""
    from rasa.shared.importers import utils
    from rasa.shared.utils import validation

    if rasa.__version__ != PATCHED_VERSION:
        logger.warning("Rasa %s: NLU data reading left as it is", rasa.__version__)
        return False
    if getattr(CombinedDataImporter.get_nlu_data, "one_key", False):
        return False
    for importer in _CACHING:
        importer.get_nlu_data = _one_key(importer.get_nlu_data)  # type: ignore[method-assign]
    RasaYAMLReader.validate = _validate_nlu_file  # type: ignore[method-assign]
    validation.validate_training_data = _validate_training_data
    utils.training_data_from_paths = _training_data_from_paths
    return True
