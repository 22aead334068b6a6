"""Rasa's own check of the project (`rasa data validate`): the domain, the stories and rules
against it, the intents of the NLU data, and the story structure. `amo-bot train` skips it
(bot/ops/rasa_commands.py: it reads every NLU file twice more), so it runs here."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pytest
from rasa.cli.utils import _validate_domain, _validate_nlu, _validate_story_structure
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from bot.config import PROJECT_ROOT
from bot.ops.rasa_commands import TRAINING_DATA
from tests.test_nlu_data import NLU, load_data


def _importer(data: Sequence[str]) -> TrainingDataImporter:
    return TrainingDataImporter.load_from_config(
        str(PROJECT_ROOT / "config.yml"), str(PROJECT_ROOT / "nlu_data" / "domain.yml"),
        [str(PROJECT_ROOT / path) for path in data])


@pytest.fixture(scope="module")
def project() -> Validator:
    """As `Validator.from_importer` of the project's data, with the NLU files read as the
    other data tests read them (each file once per run)."""
    importer = _importer([path for path in TRAINING_DATA if path != "nlu_data/nlu"])
    return Validator(importer.get_domain(), load_data(str(NLU)), importer.get_stories(), importer.get_config())


def _passes(validator: Validator) -> bool:
    """What `rasa data validate --fail-on-warnings` checks, warnings counted as failures."""
    return all([_validate_domain(validator), _validate_nlu(validator, fail_on_warnings=True),
                _validate_story_structure(validator, max_history=None, fail_on_warnings=True)])


def test_the_project_passes_rasas_validation(project: Validator) -> None:
    assert _passes(project)


def test_the_check_fails_on_a_story_with_an_intent_the_domain_lacks(project: Validator, tmp_path: Path) -> None:
    stories = tmp_path / "stories.yml"
    stories.write_text('version: "3.1"\nstories:\n- story: unknown\n  steps:\n'
                       "  - intent: no_such_intent_anywhere\n  - action: utter_goodbye\n", encoding="utf-8")
    broken = Validator(project.domain, project.intents, _importer((str(stories),)).get_stories(), project.config)
    assert not _passes(broken)
