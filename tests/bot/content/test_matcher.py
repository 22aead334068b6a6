import pytest

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.content.matcher import Matcher, Mention, matcher_for


@pytest.fixture(scope="module")
def matcher():
    catalogue, _ = load_catalogue(PROJECT_ROOT / "content")
    return matcher_for(catalogue)


@pytest.mark.parametrize("text, course", [
    ("jobb på lager etter kurset?", "warehouse-forklift"),
    ("hva lærer man på lagerkurset", "warehouse-forklift"),
    ("kurs innen lager eller transport", "warehouse-forklift"),
    ("tell me about the warehouse course", "warehouse-forklift"),
    ("jeg lager mat hjemme", None),  # "lager" the verb, "makes"
    ("hvordan lager jeg en CV?", None),
    ("is it worth it?", None),  # the pronoun, not the IT course
    ("How long is the IT course?", "it-support"),
    ("IT-kurs i Bergen", "it-support"),
    ("hvor lenge varer IT-kurset", "it-support"),
    ("скільки триває курс IT", "it-support"),
    ("كم مدة دورة IT", "it-support"),
    ("kurs IT w Oslo", "it-support"),
    ("IT kursai", "it-support"),
    ("koorsada IT", "it-support"),
    ("ma ka qaybgali karaa koorsada nadaafadda?", "cleaning"),  # Somali's everyday word, inflected
    ("ኮርስ IT", "it-support"),
    ("دوره IT چقدر است", "it-support"),
    ("how long is it?", None),
    ("is it a course for me?", None),
    ("I liked it, course or not", None),  # a comma between: not one phrase
])
def test_course_names_in_free_text(matcher, text, course) -> None:
    assert matcher.course(text) == course


def test_cities_name_their_county(matcher) -> None:
    assert matcher.county("kurs i Bergen?") == "vestland"
    assert matcher.county("دورات في أوسلو") == "oslo"


@pytest.mark.parametrize("text, county", [
    ("чи є курси в Тромсе?", "troms"),
    ("курсы в Кристиансанне", "agder"),
    ("دورات في كريستيانساند", "agder"),
    ("دوره در نارویک هست؟", "nordland"),
    ("ኣብ ትሮምሶ ኮርስ ኣሎ ድዩ?", "troms"),
    ("شو في كورسات في ستافنجر؟", "rogaland"),
    ("هل توجد دورات في درامن؟", "buskerud"),
    ("دوره‌های درامن کدام‌اند؟", "buskerud"),
    ("ኣብ ድራመን ኮርስ ኣሎ ድዩ?", "buskerud"),
    ("що буде після курсу?", None),  # "буде" (will be), though Ukrainian writes Bodø so
    ("я беру курс", None),
])
def test_cities_in_other_scripts_name_their_county(matcher, text, county) -> None:
    assert matcher.county(text) == county


def test_places_come_from_the_content_folder(content_copy) -> None:
    path = content_copy / "places.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  mo i rana: nordland\n", encoding="utf-8")
    catalogue, problems = load_catalogue(content_copy)
    assert catalogue is not None, [str(p) for p in problems]
    assert Matcher(catalogue).county("kurs i Mo i Rana") == "nordland"


def test_every_course_name_the_bot_shows_names_its_course():
    """A participant types or copies a course's name from a list the bot sent, in any
    language: "Tell me about Shop and sales", "Розкажіть про Магазин і продажі"."""
    from bot.i18n.catalogs import CONTENT, get_translator
    from bot.language.supported import SUPPORTED

    catalogue, _ = load_catalogue(PROJECT_ROOT / "content")
    translator = get_translator(PROJECT_ROOT / "translations")
    matcher = matcher_for(catalogue, translator)
    missed = [(language, course.id) for course in catalogue.courses.values() for language in SUPPORTED
              if matcher.course(f"« {translator.lookup(CONTENT, language, course.name).text} »?") != course.id]
    assert missed == []
    assert matcher.course("Tell me about the Shop and sales course") == "retail"
    assert matcher.course("Ile trwa kurs Pielęgnacja i opieka?") == "care-assistant"


def test_a_new_translation_of_a_name_rebuilds_the_matcher():
    class OneName:
        """A translator that knows one course name, in Polish."""

        def __init__(self, name: str):
            self.name = name

        def has(self, domain, language, msgid):  # type: ignore[no-untyped-def]
            return language == "pl" and msgid == "Renhold"

        def catalog(self, domain, language):  # type: ignore[no-untyped-def]
            return type("Catalog", (), {"gettext": lambda _, msgid: self.name})()

    catalogue, _ = load_catalogue(PROJECT_ROOT / "content")
    assert matcher_for(catalogue, OneName("Czyszczenie biur")).course("kurs Czyszczenie biur") == "cleaning"
    assert matcher_for(catalogue, OneName("Mycie okien")).course("kurs Czyszczenie biur") is None
    assert matcher_for(catalogue, OneName("Mycie okien")).course("kurs Mycie okien") == "cleaning"


@pytest.mark.parametrize("text, course, unmistakable", [
    ("jeg må på butikken først", "retail", False),  # a synonym that is an everyday word
    ("my childcare place closes early today", "kindergarten-assistant", False),
    ("мой сосед водитель автобуса", "professional-driver", False),
    ("butikken gikk konkurs", "retail", False),
    ("en butikkonkurs i byen", "retail", False),  # konkurs (bankruptcy) holds no "kurs"
    ("fortell om Butikk og salg", "retail", True),  # the name
    ("tell me about Shop and sales, please", "retail", True),  # the name as the bot shows it
    ("hva med butikk-kurset", "retail", True),  # beside a word for "course"
    ("hva med butikkurset", "retail", True),  # one compound: "butikk" + "kurset"
    ("noen som har tatt renholdskurset?", "cleaning", True),
    ("I heard about the childcare course", "kindergarten-assistant", True),
    ("а курс водителя есть?", "professional-driver", True),
    ("barnehage?", "kindergarten-assistant", True),  # the whole message
    ("водитель автобуса", "professional-driver", True),
    ("и водитель?", "professional-driver", True),  # one word besides
    ("what is the weather tomorrow", None, None),
    # A name of one word is an everyday word too.
    ("I need to do the cleaning at home first", "cleaning", False),
    ("Renhold er viktig på jobben min", "cleaning", False),
    ("Cleaning, please", "cleaning", True),  # one word besides it
])
def test_a_course_named_unmistakably_is_told_from_a_course_word(matcher, text, course, unmistakable) -> None:
    assert matcher.mention(text) == (Mention(course, unmistakable) if course else None)


def test_an_unmistakable_name_wins_over_a_course_word_before_it(matcher) -> None:
    assert matcher.mention("the kindergarten is closed, so tell me about the retail course") == Mention("retail", True)


def test_name_terms_are_the_names_as_named_and_as_written(matcher) -> None:
    # The words as written, inflected or compounded, so language identification skips them.
    assert set(matcher.name_terms("kiedy startuje kurs helsefagarbeider w Tromsø")) >= {"helsefagarbeider", "tromsø"}
    assert "helsefagkurset" in matcher.name_terms("Hvor lenge varer helsefagkurset?")
    assert matcher.name_terms("Hvor lenge varer det?") == []
