"""Model training: NLU data generated from the catalogue, fingerprinted, trained only on change."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence

from bot.content.loader import load_catalogue
from bot.content.model import Catalogue
from bot.language.supported import LANGUAGES
from bot.ops.rasa_commands import train_command
from bot.ops.supervisor import QUIET_ENV
from bot.ops.translations import read_catalog

TRAINING_INPUTS = ("config.yml", "nlu_data/domain.yml", "nlu_data/nlu", "nlu_data/rules",
                   "nlu_data/stories", "bot/rasa/nlu.py", "bot/rasa/features.py", "bot/rasa/sentences.py",
                   "bot/rasa/calibration.py", "bot/rasa/crisis.py", "bot/language/romanise.py",
                   "bot/language/textmatch.py", "bot/masking.py")
# Rasa warns that lookup tables need its RegexFeaturizer or RegexEntityExtractor and
# that annotated entities need a learning extractor; bot.rasa.nlu.NameEntityExtractor reads
# the lookup tables instead (the annotations stay as data the tests check).
QUIET_WARNINGS = ("ignore:You have defined training data consisting of lookup tables:UserWarning,"
                  "ignore:You have defined training data consisting of entity examples:UserWarning")
GENERATED = Path("nlu_data/nlu/generated/courses.yml")


def translated_names(translations: Path, catalogue: Catalogue) -> Dict[str, List[str]]:
    """Course id -> the course's name as translated in translations/<lang>/content.po (the
    names the bot shows), fuzzy translations left out as the compiled catalogs leave them."""
    ids = {course.name: course.id for course in catalogue.courses.values()}
    found: Dict[str, List[str]] = {}
    for po in sorted(translations.glob("*/LC_MESSAGES/content.po")):
        for message in read_catalog(po, po.parent.parent.name):
            if message.id in ids and message.string and not message.fuzzy:
                found.setdefault(ids[message.id], []).append(str(message.string))
    return found


def course_synonyms_yaml(catalogue: Catalogue, translated: Optional[Mapping[str, List[str]]] = None) -> str:
    """Rasa NLU data: every course's name, its translations (`translated`) and synonyms map
    to its id; lookup tables of course, county and language names, which the
    NameEntityExtractor finds in messages."""
    lines = ["# Generated from content/courses and the course names of translations/*/content.po",
             "# by `amo-bot train`; do not edit by hand.", 'version: "3.1"', "nlu:"]
    lookup: List[str] = []
    for course in sorted(catalogue.courses.values(), key=lambda c: c.id):
        names = list(dict.fromkeys(n.strip() for n in (course.name, *(translated or {}).get(course.id, ()),
                                                     *course.synonyms)
                                   if n.strip()))
        lines += [f"  - synonym: {course.id}", "    examples: |"]
        lines += [f"      - {_escape(n)}" for n in names]
        lookup += names
    places = [p.place for c in catalogue.courses.values() for p in c.places]
    counties = [*catalogue.counties.values(), *places, *catalogue.places]
    languages = [name for lang in LANGUAGES for name in (lang.native_name, *lang.aliases)]
    for entity, names in (("course", lookup), ("county", counties), ("language", languages)):
        lines += [f"  - lookup: {entity}", "    examples: |"]
        lines += [f"      - {_escape(n)}" for n in dict.fromkeys(names) if len(n.strip()) >= 2]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("\n", " ").strip()


def generated_text(root: Path, catalogue: Catalogue) -> str:
    """What the generated NLU file of `root` should hold for `catalogue`."""
    return course_synonyms_yaml(catalogue, translated_names(root / "translations", catalogue))


def generate_nlu(root: Path) -> bool:
    """Writes the generated NLU file; returns True when it changed (a retrain is needed)."""
    catalogue, problems = load_catalogue(root / "content")
    if catalogue is None:
        raise ValueError("The catalogue has errors:\n" + "\n".join(str(p) for p in problems))
    text = generated_text(root, catalogue)
    target = root / GENERATED
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


def generated_is_current(root: Path) -> Optional[bool]:
    catalogue, _ = load_catalogue(root / "content")
    if catalogue is None:
        return None
    target = root / GENERATED
    return target.is_file() and target.read_text(encoding="utf-8") == generated_text(root, catalogue)


def fingerprint(root: Path) -> str:
    """A hash of every training input's content (names and bytes), the NLU components'
    code included."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix not in (".yml", ".yaml", ".py") or not file.exists():
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def model_path(root: Path, models_dir: Path) -> Path:
    return models_dir / f"amo-{fingerprint(root)}.tar.gz"


def train(root: Path, models_dir: Path, force: bool = False, echo=print,
          keep: Sequence[Path] = ()) -> Path:
    """Trains the model unless one with the same fingerprint exists. Returns its path."""
    if generate_nlu(root):
        echo("Course names changed in the catalogue: NLU data regenerated.")
    target = model_path(root, models_dir)
    if target.is_file() and not force:
        echo(f"Model is up to date: {target.relative_to(root) if target.is_relative_to(root) else target}")
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    echo(f"Training {target.name} (about four minutes on 2 cores)...")
    started = time.monotonic()
    command = train_command(models_dir, f".training-{os.getpid()}")
    warnings = ",".join(filter(None, (os.environ.get("PYTHONWARNINGS"), QUIET_WARNINGS)))
    result = subprocess.run(command, cwd=root,
                            env={**os.environ, **QUIET_ENV, "PYTHONWARNINGS": warnings})
    partial = models_dir / f".training-{os.getpid()}.tar.gz"
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
    # Renamed only when complete, so a server or a parallel run never loads half a file.
    os.replace(partial, target)
    echo(f"Trained in {time.monotonic() - started:.0f} s: {target.name}")
    for old in models_dir.glob("amo-*.tar.gz"):
        if old != target and old not in keep:  # the published model stays until replaced
            old.unlink()
    return target


def latest_model(root: Path, models_dir: Path) -> Optional[Path]:
    target = model_path(root, models_dir)
    return target if target.is_file() else None
