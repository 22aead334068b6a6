import pytest

from bot.language.supported import (
    LANGUAGES,
    accepted_languages,
    is_rtl,
    language_named_in,
    languages_named_in,
    native_names,
    negotiate,
    normalise_code,
)


def test_channel_codes_are_normalised():
    assert normalise_code("nb-NO") == "nb"
    assert normalise_code("nn") == "nb"
    assert normalise_code("da") == "nb"
    assert normalise_code("fa-AF") == "fa"
    assert normalise_code("prs") == "fa"
    assert normalise_code("de") is None
    assert normalise_code(None) is None
    assert normalise_code(42) is None  # type: ignore[arg-type]
    assert normalise_code("fa_AF") == "fa" and normalise_code("*") is None


def test_arabic_and_persian_are_written_right_to_left_and_the_rest_left_to_right():
    assert [lang.code for lang in LANGUAGES if lang.rtl] == ["ar", "fa"]
    assert is_rtl("fa") and not is_rtl("ti") and not is_rtl("he")  # he: not one of ours


def test_accept_language_is_read_by_quality_then_order():
    assert accepted_languages("fr;q=0.1, ar-SA;q=0.8, nn-NO, *;q=0.5, en;q=0") == ["nn", "ar", "fr"]
    assert accepted_languages("") == [] and accepted_languages(None) == []


def test_the_browsers_most_wanted_supported_language_is_chosen():
    assert negotiate("de-DE,de;q=0.9,nn;q=0.8,en;q=0.7") == "nb"  # Nynorsk is read as Norwegian
    assert negotiate("uk-UA, ru;q=0.9") == "uk"
    assert negotiate("fa-AF") == "fa"
    assert negotiate("de, fr") is None and negotiate(None) is None
    dashboard = {"no": "nb", "nn": "nb"}
    assert negotiate("da, en-GB", ("nb", "en"), dashboard) == "en"  # Danish is not Norwegian there
    assert negotiate("no", ("nb", "en"), dashboard) == "nb"


def test_languages_named_in_any_language():
    assert language_named_in("Can we speak Arabic please?") == "ar"
    assert language_named_in("på norsk takk") == "nb"
    assert language_named_in("можна українською?") == "uk"
    assert language_named_in("بالعربي لو سمحت") == "ar"
    assert language_named_in("af soomaali") == "so"
    assert language_named_in("what courses are there") is None


def test_languages_named_in_latin_letters_as_transliterations_write_them():
    assert language_named_in("mumkin nehki bel3arabi") == "ar"
    assert language_named_in("mozhno po-russki?") == "ru"
    assert language_named_in("mozhna ukrainskoyu?") == "uk"
    assert language_named_in("hakki inglizi law sama7t") == "en"
    assert language_named_in("btigrinya kitzareb tkh'el do") == "ti"
    assert language_named_in("parsi balad hasti?") == "fa"


@pytest.mark.parametrize("text, code", [
    ("перейдіть на українську, будь ласка", "uk"), ("давайте на украинском", "uk"),
    ("можна російську?", "ru"), ("czy możemy po norwesku?", "nb"), ("waxaan rabaa Noorweeji", "nb"),
    ("gal galime lenkiškai?", "pl"), ("ممكن بالصومالي", "so"), ("أريد بالإنجليزي", "en"),
    ("af Soomaaliga iigu jawaab", "so"), ("по-русски пожалуйста", "ru"),
])
def test_languages_named_in_their_cases_and_with_prepositions(text, code):
    """The forms a request to switch takes: Ukrainian accusative, Russian prepositional,
    Polish "po ...", Arabic "بال...", Somali "-ga"."""
    assert language_named_in(text) == code


def test_ten_languages_each_named_in_its_own_script():
    assert len(LANGUAGES) == 10
    assert "ትግርኛ" in native_names() and "العربية" in native_names()


def test_every_language_named_is_found_in_order():
    assert languages_named_in("Я плохо читаю по-норвежски, можно на русском?") == ["nb", "ru"]
    assert languages_named_in("English or Arabic, and Arabic again") == ["en", "ar"]
    assert languages_named_in("what courses are there") == []
