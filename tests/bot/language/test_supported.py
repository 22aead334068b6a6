from bot.language.supported import LANGUAGES, language_named_in, native_names, normalise_code


def test_channel_codes_are_normalised():
    assert normalise_code("nb-NO") == "nb"
    assert normalise_code("nn") == "nb"
    assert normalise_code("da") == "nb"
    assert normalise_code("fa-AF") == "fa"
    assert normalise_code("prs") == "fa"
    assert normalise_code("de") is None
    assert normalise_code(None) is None
    assert normalise_code(42) is None  # type: ignore[arg-type]


def test_languages_named_in_any_language():
    assert language_named_in("Can we speak Arabic please?") == "ar"
    assert language_named_in("på norsk takk") == "nb"
    assert language_named_in("можна українською?") == "uk"
    assert language_named_in("بالعربي لو سمحت") == "ar"
    assert language_named_in("af soomaali") == "so"
    assert language_named_in("what courses are there") is None


def test_ten_languages_each_named_in_its_own_script():
    assert len(LANGUAGES) == 10
    assert "ትግርኛ" in native_names() and "العربية" in native_names()
