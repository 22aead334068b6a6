from bot.language.textmatch import NameIndex, fold, words


def test_words_keep_positions_in_the_original_text() -> None:
    text = "Kurs i SVEISING, takk!"
    assert [(text[s:e], w) for s, e, w in words(text)] == [
        ("Kurs", "kurs"), ("i", "i"), ("SVEISING", "sveising"), ("takk", "takk")]


def test_folding_drops_accents_vowel_marks_and_arabic_article() -> None:
    assert fold("Café  Økonomi") == "cafe økonomi"
    assert fold("السِّيَاقَة") == "سياقة"  # vowel marks, then the article
    assert fold("بالسياقة") == "سياقة"


def test_whole_words_inflection_and_changed_ending() -> None:
    index = NameIndex([("sveising", "welding"), ("helsefagarbeider", "hfa"),
                       ("доглядальниця", "care"), ("it", "it")])
    assert index.find("kurs i sveising").value == "welding"
    assert index.find("sveisekurset") is None  # "sveise" is not the name
    assert index.find("sveisingskurset").value == "welding"  # inflected: name + ending
    assert index.find("helsefagarbeidere").value == "hfa"
    assert index.find("хочу на доглядальницю").value == "care"  # last letter changed
    assert index.find("is it good?") is None  # shorter than three letters: never matched
    assert index.find("") is None and index.find(None) is None


def test_short_names_match_whole_words_only() -> None:
    index = NameIndex([("bygg", "construction")])
    assert index.find("byggkurs") is None
    assert index.find("kurs i bygg").value == "construction"


def test_find_all_prefers_the_longer_name_and_reports_spans() -> None:
    index = NameIndex([("care", "c"), ("care assistant", "ca"), ("oslo", "oslo")])
    text = "Care assistant course in Oslo or care work"
    found = index.find_all(text)
    assert [(text[m.start:m.end], m.value) for m in found] == [
        ("Care assistant", "ca"), ("Oslo", "oslo"), ("care", "c")]


def test_exact_aliases_lists_whole_word_names() -> None:
    index = NameIndex([("sveising", "welding"), ("renhold", "cleaning")])
    assert index.exact_aliases("Sveising eller renholdskurs?") == ["sveising"]


def test_a_short_name_matches_only_beside_a_keyword() -> None:
    index = NameIndex([("IT", "it-support"), ("Oslo", "oslo")], beside=("course", "kurs"))
    assert index.find("the IT course").value == "it-support"
    assert index.find("IT-kurset").value == "it-support"
    assert index.find("is it any good") is None
    assert index.find("it, course") is None
    assert NameIndex([("IT", "it-support")]).find("the IT course") is None  # no keywords: ignored


def test_a_name_beside_a_keyword_or_compounded_with_one() -> None:
    index = NameIndex([("bus driver", "driver"), ("renhold", "cleaning"), ("butikk", "retail")],
                      beside=("course", "kurs"))

    def beside(text: str) -> bool:
        return index.beside_a_keyword(text, index.find(text))

    assert beside("the bus driver course") and beside("kurs - bus driver") and beside("renholdskurset")
    assert beside("butikkurset")  # three k's written as two
    assert not beside("my bus driver, of course") and not beside("renhold etter kurset")
    assert not beside("butikkonkurs")  # konkurs: bankruptcy
