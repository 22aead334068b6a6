"""The NLU components of bot/rasa/nlu.py trained, persisted and loaded the way Rasa does."""

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.ops.training import TRAINING_INPUTS
from bot.rasa.calibration import fit_temperature, fit_with_held_out_scores
from bot.rasa.nlu import CharNgramIntentClassifier, NameEntityExtractor, code_modules

EXAMPLES = {
    "greet": ["hei", "hallo", "hello there", "hi", "god morgen", "hey du", "good morning",
              "heisann", "hallo hallo", "hi bot"],
    "list_courses": ["hvilke kurs finnes", "what courses are there", "list the courses",
                     "vis kursene", "which courses can I take", "kursliste", "show me courses",
                     "hvilke kurs har dere", "any courses near me", "alle kurs"],
    "allowance": ["får jeg tiltakspenger", "money during the course", "do I get paid",
                  "tiltakspenger?", "who pays for the bus", "reisepenger", "barnepass penger",
                  "how much money", "lønn på kurset", "allowance please"],
}


def _training_data() -> TrainingData:
    return TrainingData(training_examples=[
        Message(data={"text": text, "intent": intent})
        for intent, texts in EXAMPLES.items() for text in texts])


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _parse(component, text: str) -> Message:
    return component.process([Message(data={"text": text})])[0]


def test_classifier_learns_persists_and_loads_the_same_model(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intents")
    config = {**CharNgramIntentClassifier.get_default_config()}
    trained = CharNgramIntentClassifier.create(config, storage, resource, _context())
    trained.train(_training_data())

    loaded = CharNgramIntentClassifier.load(config, storage, resource, _context())
    for text in ("heisann du", "which courses do you have", "tiltakspenger penger"):
        assert np.allclose(trained.confidences([text]), loaded.confidences([text]), atol=1e-5)
    assert _parse(loaded, "heisann du").get("intent")["name"] == "greet"
    assert _parse(loaded, "which courses do you have").get("intent")["name"] == "list_courses"
    ranking = _parse(loaded, "tiltakspenger?").get("intent_ranking")
    assert ranking[0]["name"] == "allowance"
    assert [r["name"] for r in ranking] == sorted(EXAMPLES, key=lambda i: -next(
        r["confidence"] for r in ranking if r["name"] == i))
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0, abs=1e-5)


def test_classifier_gives_low_confidence_to_text_it_knows_nothing_about(tmp_path: Path) -> None:
    config = CharNgramIntentClassifier.get_default_config()
    classifier = CharNgramIntentClassifier.create(config, LocalModelStorage(tmp_path),
                                                  Resource("intents"), _context())
    classifier.train(_training_data())
    assert _parse(classifier, "").get("intent")["confidence"] < 0.6
    assert _parse(classifier, "hello").get("intent")["confidence"] > \
        _parse(classifier, "qqqq zzzz").get("intent")["confidence"]


def test_untrained_classifier_leaves_messages_alone(tmp_path: Path) -> None:
    config = CharNgramIntentClassifier.get_default_config()
    classifier = CharNgramIntentClassifier.load(config, LocalModelStorage(tmp_path),
                                                Resource("missing"), _context())
    assert _parse(classifier, "hei").get("intent") is None


def test_temperature_sharpens_scores_that_separate_well() -> None:
    labels = np.array([0, 1, 0, 1])
    scores = np.array([[1.0, -1.0], [-1.0, 1.0], [0.8, -0.8], [-0.9, 0.9]])
    assert fit_temperature(scores, labels) > 5
    mixed = np.array([[1.0, -1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, 1.0]])
    assert fit_temperature(mixed, labels) < 1


def test_the_model_fingerprint_covers_all_the_classifier_code() -> None:
    """A change to any module the classifier fits or reads text with makes a new model: Rasa's
    cache keys the component by its code, and `amo-bot train` names the model by its inputs."""
    from bot.config import PROJECT_ROOT

    assert {str(path.relative_to(PROJECT_ROOT)) for path in code_modules()} <= set(TRAINING_INPUTS)


def test_side_by_side_fits_give_what_sklearn_gives_one_after_another() -> None:
    """The fits run in processes side by side; the model and the held-out scores are those of
    a plain fit and of sklearn's cross_val_predict with the same folds (up to the rounding of
    sums taken in another order: the features are laid out as liblinear reads them)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.svm import LinearSVC

    texts = [text for texts in EXAMPLES.values() for text in texts]
    labels = np.array([index for index, texts in enumerate(EXAMPLES.values()) for _ in texts])
    features = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit_transform(texts)
    svm = LinearSVC(C=1.0, random_state=42)
    fitted, held_out = fit_with_held_out_scores(svm, features, labels, folds=3, seed=42)
    expected = cross_val_predict(svm, features, labels, method="decision_function",
                                 cv=StratifiedKFold(3, shuffle=True, random_state=42))
    assert held_out is not None
    rows, scores = held_out
    assert sorted(rows) == list(range(len(labels))) and np.allclose(scores, expected[rows], atol=1e-9)
    assert np.allclose(fitted.coef_, LinearSVC(C=1.0, random_state=42).fit(features, labels).coef_, atol=1e-9)
    alone, none = fit_with_held_out_scores(svm, features, labels, folds=1, seed=42)
    assert none is None and np.array_equal(alone.coef_, fitted.coef_)


def test_one_scored_fold_gives_the_scores_of_its_third_and_the_same_model() -> None:
    """With `scored=1` only the first fold's copy is fitted: its third of the examples gets
    the scores cross-validation gives them, and the model on all examples is unchanged."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.svm import LinearSVC

    texts = [text for texts in EXAMPLES.values() for text in texts]
    labels = np.array([index for index, texts in enumerate(EXAMPLES.values()) for _ in texts])
    features = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit_transform(texts)
    svm = LinearSVC(C=1.0, random_state=42)
    fitted, held_out = fit_with_held_out_scores(svm, features, labels, folds=3, seed=42, scored=1)
    first_third = next(StratifiedKFold(3, shuffle=True, random_state=42).split(features, labels))[1]
    expected = cross_val_predict(svm, features, labels, method="decision_function",
                                 cv=StratifiedKFold(3, shuffle=True, random_state=42))
    assert held_out is not None
    rows, scores = held_out
    assert np.array_equal(rows, first_third) and len(rows) < len(labels)
    assert np.allclose(scores, expected[rows], atol=1e-9)
    assert np.allclose(fitted.coef_, LinearSVC(C=1.0, random_state=42).fit(features, labels).coef_, atol=1e-9)


def test_side_by_side_fits_take_a_large_float32_matrix_with_unsorted_indices() -> None:
    """As the features of the real training data: large enough to be shared with the
    processes as a read-only memory map, float32 and with unsorted indices, which sklearn
    would otherwise convert and sort in place."""
    from scipy import sparse
    from sklearn.svm import LinearSVC

    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 2000)
    features = sparse.random(len(labels), 3000, density=0.05, format="csr", dtype=np.float32, random_state=0)
    features = features + sparse.csr_matrix((np.ones(len(labels), dtype=np.float32), (np.arange(len(labels)), labels)),
                                            shape=features.shape)
    features = sparse.csr_matrix((features.data, features.indices, features.indptr), shape=features.shape)
    for row in range(features.shape[0]):  # unsort each row's indices
        start, end = features.indptr[row], features.indptr[row + 1]
        order = rng.permutation(end - start) + start
        features.indices[start:end], features.data[start:end] = features.indices[order], features.data[order]
    features.has_sorted_indices = False
    assert features.data.nbytes > 1_000_000
    fitted, held_out = fit_with_held_out_scores(LinearSVC(random_state=42), features, labels, folds=3, seed=42)
    assert held_out is not None and (held_out[1].argmax(axis=1) == labels[held_out[0]]).mean() > 0.9
    assert fitted.coef_.shape == (3, 3000)


def _entity_data() -> TrainingData:
    return TrainingData(
        training_examples=[Message(data={"text": "hei", "intent": "greet"})],
        entity_synonyms={"Sveising": "welding", "اللحام": "welding", "Helsefagarbeider": "care"},
        lookup_tables=[{"name": "course", "elements": ["Sveising", "اللحام", "Helsefagarbeider", "IT"]},
                       {"name": "county", "elements": ["Oslo", "Vestland"]}])


def test_entity_extractor_finds_names_with_their_synonym_value(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    config = NameEntityExtractor.get_default_config()
    NameEntityExtractor.create(config, storage, Resource("names"), _context()).train(_entity_data())
    extractor = NameEntityExtractor.load(config, storage, Resource("names"), _context())

    text = "Sveisingskurset i Oslo?"
    entities = _parse(extractor, text).get("entities")
    assert [(e["entity"], text[e["start"]:e["end"]], e["value"]) for e in entities] == [
        ("course", "Sveisingskurset", "welding"), ("county", "Oslo", "Oslo")]
    assert entities[0]["extractor"] == "NameEntityExtractor"
    assert [e["value"] for e in _parse(extractor, "أريد دورة باللحام").get("entities")] == ["welding"]
    assert [e["value"] for e in _parse(extractor, "tell me about welding").get("entities")] == ["welding"]
    # "IT" is shorter than min_length, so the pronoun "it" is never a course.
    assert _parse(extractor, "is it any good? IT").get("entities") == []


def test_text_without_a_known_ngram_gets_equal_confidences(tmp_path: Path) -> None:
    config = CharNgramIntentClassifier.get_default_config()
    classifier = CharNgramIntentClassifier.create(config, LocalModelStorage(tmp_path),
                                                  Resource("intents"), _context())
    classifier.train(_training_data())
    for text in ("", "🦜", "ⴰⵣⵓⵍ"):
        assert np.allclose(classifier.confidences([text]), 1 / len(EXAMPLES))


def test_keyboard_mash_gets_equal_confidences_unless_the_model_knows_its_words(tmp_path: Path) -> None:
    config = {**CharNgramIntentClassifier.get_default_config(),
              "channels": ["text", "romanised", "skeleton", "words"]}
    classifier = CharNgramIntentClassifier.create(config, LocalModelStorage(tmp_path),
                                                  Resource("intents"), _context())
    data = _training_data()
    data = data.merge(TrainingData(training_examples=[
        Message(data={"text": "were there any courses", "intent": "list_courses"})]))
    classifier.train(data)
    for text in ("kjhkjh", "asdf asdf", "hhhhh", "tree"):
        assert np.allclose(classifier.confidences([text]), 1 / len(EXAMPLES)), text
    assert not np.allclose(classifier.confidences(["were"]), 1 / len(EXAMPLES))  # a word it knows


def test_invisible_marks_do_not_change_the_features():
    from bot.rasa.nlu import without_placeholders

    # Persian with and without the zero-width non-joiner, and a copied right-to-left mark.
    assert without_placeholders("چقدر پول می\u200cگیرم؟") == without_placeholders("چقدر پول میگیرم؟")
    assert without_placeholders("\u200fمرحبا") == "مرحبا"


@pytest.mark.parametrize("typed, plain", [
    ("I don\u2019t understand", "i don't understand"),
    ("Які мої обов\u02bcязки на практиці?", "які мої обов'язки на практиці?"),
    ("Як з\u2019вʼязатися з veileder?", "як з'в'язатися з veileder?"),
    ("Скільки коштує проі\u0308зд", "скільки коштує проїзд"),
    ("ile dostane\u0328 pieniędzy", "ile dostanę pieniędzy"),
])
def test_apostrophes_and_decomposed_letters_are_read_as_one_spelling(typed, plain):
    """A phone's curly apostrophe, the Ukrainian ʼ and letters sent decomposed (NFD, as
    some keyboards and Macs do) give the classifier the same text as the plain spelling."""
    from bot.rasa.nlu import without_placeholders

    assert without_placeholders(typed) == plain


SCRIPT_EXAMPLES = {
    "allowance": ["сколько денег я получу", "сколько платят на курсе", "когда придут деньги",
                  "كم المصاري خلال الكورس", "متى بيجوا المصاري", "چقدر پول میگیرم"],
    "list_courses": ["какие есть курсы", "покажи курсы", "какие курсы в осло",
                     "شو في كورسات", "بدي اعرف الكورسات", "چه دوره هایی دارین"],
    "greet": ["привет", "здравствуйте", "добрый день", "مرحبا", "السلام عليكم", "سلام خوبی"],
}


@pytest.mark.parametrize("text,intent", [
    ("skolko platyat", "allowance"), ("kakie kursy est", "list_courses"),
    ("shu fi kursat", "list_courses"), ("emta byeju el masari", "allowance"),
    ("che dore hayi darin", "list_courses"), ("cheghadr pool migiram", "allowance"),
])
def test_text_in_latin_letters_is_read_like_its_own_script(tmp_path: Path, text, intent) -> None:
    """Trained on Cyrillic and Arabic script only, it reads their transliterations; the text
    channel alone does not."""
    data = TrainingData(training_examples=[
        Message(data={"text": t, "intent": i}) for i, texts in SCRIPT_EXAMPLES.items() for t in texts])

    def trained(channels):
        config = {**CharNgramIntentClassifier.get_default_config(), "channels": channels, "folds": 1}
        classifier = CharNgramIntentClassifier.create(config, LocalModelStorage(tmp_path),
                                                      Resource("_".join(channels)), _context())
        classifier.train(data)
        return classifier

    assert _parse(trained(["text", "romanised", "skeleton"]), text).get("intent")["name"] == intent
    text_only = trained(["text"]).confidences([text])[0]
    assert text_only.max() - text_only.min() < 0.2  # no idea: the fallback would catch it


def test_a_long_message_is_read_by_its_request_sentence(tmp_path: Path) -> None:
    """Greetings before the question outweigh it when the message is read as a whole only."""
    text = "Hallo, god morgen. Hei du. Får jeg tiltakspenger?"
    found = {}
    for weight in (0.0, 0.35):
        config = {**CharNgramIntentClassifier.get_default_config(), "request_weight": weight}
        folder = tmp_path / str(weight)
        folder.mkdir()
        storage, resource = LocalModelStorage(folder), Resource("intents")
        CharNgramIntentClassifier.create(config, storage, resource, _context()).train(_training_data())
        loaded = CharNgramIntentClassifier.load(config, storage, resource, _context())
        found[weight] = _parse(loaded, text).get("intent")["name"]
        assert _parse(loaded, "heisann du").get("intent")["name"] == "greet"
    assert found == {0.0: "greet", 0.35: "allowance"}


def test_the_words_channel_reads_words_and_pairs_of_the_romanised_text():
    from bot.rasa.features import Features

    config = {**CharNgramIntentClassifier.get_default_config()}
    features = Features(config, ["words"])
    features.fit_transform(["Hvor LENGE varer kurset?", "Skolko длится курс, a?"])
    vocabulary = features.vocabularies[0]
    # Case and script do not matter; single letters say nothing and are left out.
    assert {"hvor lenge", "varer kurset", "kurs", "skolko dlitsya"} <= set(vocabulary)
    assert not {"a", "kurs a"} & set(vocabulary)


def test_the_phrases_channel_reads_runs_across_words_that_three_texts_have():
    from bot.rasa.features import Features

    features = Features(CharNgramIntentClassifier.get_default_config(), ["phrases"])
    features.fit_transform(["Hvor lenge varer kurset?", "hvor LENGE er praksis", "Hvor lenge?", "Скільки триває?"])
    vocabulary = set(features.vocabularies[0])
    assert {"hvor len", "or len", "r lenge"} <= vocabulary  # across the space, any case
    assert not {"varer kurs", "skil"} & vocabulary  # in fewer than three texts; shorter than five
    assert all(5 <= len(gram) <= 8 for gram in vocabulary)


@pytest.mark.parametrize("channels", [["text", "romanised", "skeleton", "words"],
                                      ["text", "romanised", "skeleton", "words", "phrases"]])
def test_a_model_with_the_word_and_phrase_channels_persists_and_loads_the_same(tmp_path: Path, channels) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intents-words")
    config = {**CharNgramIntentClassifier.get_default_config(), "channels": channels}
    trained = CharNgramIntentClassifier.create(config, storage, resource, _context())
    trained.train(_training_data())
    loaded = CharNgramIntentClassifier.load(config, storage, resource, _context())
    for text in ("how much money do I get", "which courses do you have"):
        assert np.allclose(trained.confidences([text]), loaded.confidences([text]), atol=1e-5)
    assert _parse(loaded, "how much money").get("intent")["name"] == "allowance"



def test_each_sentence_of_a_longer_message_is_also_read_alone(tmp_path: Path) -> None:
    config = {**CharNgramIntentClassifier.get_default_config()}
    classifier = CharNgramIntentClassifier.create(config, LocalModelStorage(tmp_path), Resource("i"), _context())
    classifier.train(_training_data())
    # The greeting drowns in the course question when read as a whole; alone, it is one.
    parsed = _parse(classifier, "hello there. which courses can I take, show me the courses near me?")
    assert parsed.get("intent")["name"] == "list_courses"
    read = parsed.get("sentence_intents")
    assert [r["name"] for r in read] == ["greet", "list_courses"]
    assert all(0.0 < r["confidence"] <= 1.0 for r in read)
    assert _parse(classifier, "which courses can I take").get("sentence_intents") == []


def test_the_channels_fitted_side_by_side_are_those_fitted_one_after_the_other():
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.rasa.features import Features

    _ROOT = Path(__file__).resolve().parents[3]
    config = CharNgramIntentClassifier.get_default_config()
    channels = ["text", "romanised", "skeleton", "words", "phrases"]
    texts = [m.get("text") for m in load_data(str(_ROOT / "nlu_data" / "nlu" / "uk" / "plain.yml")).intent_examples]
    texts += [m.get("text") for m in load_data(str(_ROOT / "nlu_data" / "nlu" / "ar" / "messy.yml")).intent_examples]
    apart, together = Features(config, channels), Features(config, channels)
    one_by_one, side_by_side = apart.fit_transform(texts, n_jobs=1), together.fit_transform(texts, n_jobs=2)
    assert one_by_one.shape == side_by_side.shape and one_by_one.shape[1] > 10_000
    assert (one_by_one != side_by_side).nnz == 0
    assert apart.vocabularies == together.vocabularies
    assert all((a == b).all() for a, b in zip(apart.idfs, together.idfs, strict=True))
    assert (apart.transform(texts[:50]) != together.transform(texts[:50])).nnz == 0
