"""NLU pipeline components: a linear intent classifier over character n-grams and an
entity extractor for the names in the training data's lookup tables.

Both train in seconds on the whole multilingual training set. Character n-grams
within words carry every script without pretrained embeddings, and catch typos and
inflected forms; read again from the romanised text, they catch missing diacritics and
Russian, Ukrainian, Arabic and Persian written in Latin letters; the names of courses, counties and languages are a closed list that
comes from the catalogue, so they are looked up rather than learned.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.textmatch import COURSE_WORDS, NameIndex, fold
from bot.rasa.calibration import fit_temperature, fit_with_held_out_scores, softmax
from bot.rasa.features import Features, romanised_text, saved_channels, without_placeholders
from bot.rasa.mash import is_mash
from bot.rasa.sentences import sentences, weigh_requests

__all__ = ["CharNgramIntentClassifier", "NameEntityExtractor", "code_modules", "without_placeholders"]

logger = logging.getLogger(__name__)


def code_modules() -> List[Path]:
    """The source of this module and of the ones it fits and reads text with; the model's
    fingerprint (TRAINING_INPUTS of bot/ops/training.py) must name every one of them."""
    from bot import masking
    from bot.language import romanise, textmatch
    from bot.rasa import calibration, features, sentences

    return [Path(str(module)) for module in (__file__, textmatch.__file__, masking.__file__, features.__file__,
                                             romanise.__file__, sentences.__file__, calibration.__file__)]


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of `code_modules()`. Rasa's training cache keys a component by its config and
    inputs only; this makes a change of code retrain it."""
    digest = hashlib.sha256()
    for module in code_modules():
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


class _CodeVersioned:
    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return code_version()


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class LinearModel:
    vectorizer: Features  # fitted
    weights: np.ndarray  # intents x n-grams
    bias: np.ndarray
    intents: List[str]
    temperature: float
    request_weight: float = 0.0  # see bot/rasa/sentences.py

    def __post_init__(self) -> None:
        self.informative = self.vectorizer.informative_columns()
        # Laid out once as the sparse product wants them: a transposed view, or weights of
        # another float type than the features', would be copied on every message (most
        # of the time of a parse).
        self._columns = np.ascontiguousarray(self.weights.T)
        self._informative = np.zeros(self.weights.shape[1])
        self._informative[self.informative] = 1.0
        self._known_word = self._familiar_word_test()

    def _familiar_word_test(self) -> Callable[[str], bool]:
        """Whether the training data had a word, or at least 90 % of its letter triples
        (a real word of an unseen form has them; "kjhkjh" and "qwerty" do not)."""
        channels = self.vectorizer.channels
        vocabularies = dict(zip(channels, (v.vocabulary_ for v in self.vectorizer.vectorizers), strict=True))
        words, grams = vocabularies.get("words", {}), vocabularies.get("text", {})

        def familiar(word: str) -> bool:
            folded = without_placeholders(word)
            triples = [folded[at:at + 3] for at in range(len(folded) - 2)]
            return romanised_text(word) in words or bool(
                triples and sum(t in grams for t in triples) >= 0.9 * len(triples))
        return familiar

    def confidences(self, texts: Sequence[str]) -> np.ndarray:
        """A text with no n-gram the model knows, or of keyboard mash only (bot/rasa/mash.py),
        gets the same confidence for every intent (so the fallback catches it), not the
        intent with the largest bias or the nearest n-grams."""
        features = weigh_requests(self.vectorizer.transform(texts), texts, self.vectorizer.transform,
                                  self.request_weight)
        scores = features.astype(self._columns.dtype) @ self._columns + self.bias
        confidences = softmax(np.asarray(scores, dtype=np.float64) * self.temperature)
        unknown = np.asarray(abs(features) @ self._informative).ravel() == 0
        unknown |= np.array([is_mash(text, self._known_word) for text in texts], dtype=bool)
        confidences[unknown] = 1.0 / len(self.intents)
        return confidences


# The message key of each sentence's best intent (`CharNgramIntentClassifier.sentence_intents`).
SENTENCE_INTENTS = "sentence_intents"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class CharNgramIntentClassifier(_CodeVersioned, GraphComponent, IntentClassifier):
    """TF-IDF of character n-grams within words, of the text as written and of its
    Latin-letter forms (bot/rasa/features.py); a linear SVM; confidences by softmax. A
    message of several sentences weighs its request sentence more (bot/rasa/sentences.py).

    The softmax temperature is fitted on scores the SVM gives to training examples it
    did not see (cross-validation on the training data), so the confidences follow how
    often the classifier is right on new messages and the FallbackClassifier's threshold
    means something.
    """

    WEIGHTS = "weights.npz"
    META = "meta.json"

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_ngram": 1, "max_ngram": 5, "C": 1.0, "folds": 3, "scored_folds": None,
                "request_weight": 0.0,
                "channels": ["text", "romanised", "skeleton"],
                "ranking_length": LABEL_RANKING_LENGTH, "random_seed": 42}

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "scipy"]

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearModel] = None) -> None:
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CharNgramIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.svm import LinearSVC

        examples = [m for m in training_data.intent_examples if (m.get(TEXT) or "").strip()]
        intents = sorted({m.get(INTENT) for m in examples})
        if len(intents) < 2:
            logger.warning("%s needs examples of at least two intents; it will not classify.",
                           self.__class__.__name__)
            return self._resource
        labels = np.array([intents.index(m.get(INTENT)) for m in examples])
        texts = [m.get(TEXT) for m in examples]
        vectorizer = Features(self.component_config, self.component_config["channels"])
        weight = self.component_config["request_weight"]
        features = weigh_requests(vectorizer.fit_transform(texts), texts, vectorizer.transform, weight)
        seed = self.component_config["random_seed"]
        folds = min(self.component_config["folds"], int(np.bincount(labels).min()))
        svm, held_out = fit_with_held_out_scores(LinearSVC(C=self.component_config["C"], random_state=seed),
                                                 features, labels, folds, seed, self.component_config["scored_folds"])
        temperature = 1.0 if held_out is None else fit_temperature(held_out[1], labels[held_out[0]])
        self.model = LinearModel(vectorizer, svm.coef_.astype(np.float32),
                                 svm.intercept_.astype(np.float32), intents, temperature, weight)
        self.persist()
        return self._resource

    def confidences(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text: the confidence of every intent, in `self.model.intents` order."""
        if self.model is None:
            raise RuntimeError(f"{self.__class__.__name__} is not trained")
        return self.model.confidences(texts)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        intents = self.model.intents
        for message in messages:
            confidences = self.model.confidences([message.get(TEXT) or ""])[0]
            order = np.argsort(-confidences)[: self.component_config["ranking_length"]]
            ranking = [{"name": intents[i], "confidence": float(confidences[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set(SENTENCE_INTENTS, self.sentence_intents(message.get(TEXT) or ""))
        return messages

    def sentence_intents(self, text: str) -> List[Dict[str, Any]]:
        """The best intent of each sentence of a message of several, read alone: what one
        sentence says can drown in the others ("I think about ending my life. Three courses,
        no job, the debts grow and I see no way out" reads as despair as a whole, its first
        sentence as a crisis; bot/rasa/crisis.py). Empty for a message of one sentence."""
        found = sentences(text)
        if len(found) < 2 or self.model is None:
            return []
        rows = self.model.confidences(found)
        return [{"name": self.model.intents[int(row.argmax())], "confidence": float(row.max())} for row in rows]

    def persist(self) -> None:
        if self.model is None:
            return
        model = self.model
        with self._model_storage.write_to(self._resource) as folder:
            channels = model.vectorizer.channels
            idfs = {f"idf_{c}": idf for c, idf in zip(channels, model.vectorizer.idfs, strict=True)}
            np.savez_compressed(Path(folder) / self.WEIGHTS, weights=model.weights,
                                bias=model.bias, **idfs)
            meta = {"intents": model.intents, "temperature": model.temperature,
                    "channels": channels, "vocabularies": model.vectorizer.vocabularies}
            _write_json(Path(folder) / self.META, meta)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> CharNgramIntentClassifier:
        try:
            with model_storage.read_from(resource) as folder:
                meta = _read_json(Path(folder) / cls.META)
                with np.load(Path(folder) / cls.WEIGHTS) as arrays:
                    weights, bias = arrays["weights"], arrays["bias"]
                    channels, vocabularies, idfs = saved_channels(meta, arrays)
        except (ValueError, FileNotFoundError):
            logger.debug("%s has no trained model in this model file.", cls.__name__)
            return cls(config, model_storage, resource)
        vectorizer = Features(config, channels, vocabularies, idfs)
        return cls(config, model_storage, resource,
                   LinearModel(vectorizer, weights, bias, meta["intents"], meta["temperature"],
                               config["request_weight"]))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class NameEntityExtractor(_CodeVersioned, GraphComponent, EntityExtractorMixin):
    """Entities named in the lookup tables, found as whole words, inflected ("sveisekurset")
    or with an Arabic article ("بالسياقة"). A name that is a synonym gets the synonym's
    value: every course name in every language becomes the course's id."""

    NAMES = "names.json"

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Names shorter than this ("IT") are course names only beside a word for "course"
        # ("IT course", "IT-kurset", "курс IT"), so the pronoun "it" stays a pronoun.
        return {"min_length": 3}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 names: Optional[Dict[str, List[Tuple[str, str]]]] = None) -> None:
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        self._use(names or {})

    def _use(self, names: Dict[str, List[Tuple[str, str]]]) -> None:
        self.names = names
        self.indexes = {entity: NameIndex(pairs, min_length=self.component_config["min_length"],
                                          beside=COURSE_WORDS if entity == "course" else ())
                        for entity, pairs in names.items()}

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> NameEntityExtractor:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        synonyms = {fold(surface): value for surface, value in training_data.entity_synonyms.items()}
        names: Dict[str, List[Tuple[str, str]]] = {}
        for table in training_data.lookup_tables:
            elements = table.get("elements") or []
            if isinstance(elements, str):  # a file of one name per line
                elements = Path(elements).read_text(encoding="utf-8").splitlines()
            pairs = names.setdefault(table["name"], [])
            for element in (e.strip() for e in elements if e and e.strip()):
                value = synonyms.get(fold(element), element)
                pairs.append((element, value))
                if value != element:  # the synonym's own value names it too: "care-assistant"
                    pairs += [(value, value), (value.replace("-", " "), value)]
        self._use(names)
        self.persist()
        return self._resource

    def extract(self, text: str) -> List[Dict[str, Any]]:
        entities = []
        for entity, index in self.indexes.items():
            for match in index.find_all(text):
                entities.append({"entity": entity, "start": match.start, "end": match.end,
                                 "value": match.value, "confidence_entity": 1.0})
        return sorted(entities, key=lambda e: e["start"])

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = self.add_extractor_name(self.extract(message.get(TEXT) or ""))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as folder:
            _write_json(Path(folder) / self.NAMES, self.names)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> NameEntityExtractor:
        try:
            with model_storage.read_from(resource) as folder:
                names = _read_json(Path(folder) / cls.NAMES)
        except (ValueError, FileNotFoundError):
            logger.debug("%s has no trained names in this model file.", cls.__name__)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource,
                   {entity: [tuple(pair) for pair in pairs] for entity, pairs in names.items()})
