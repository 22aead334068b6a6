import pytest

from bot.config import PROJECT_ROOT
from bot.content.loader import load_catalogue
from bot.content.matcher import Matcher, matcher_for


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
