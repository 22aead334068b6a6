"""Latin-letter forms: a message in another script or without diacritics meets its
transliteration on the same letters."""

from __future__ import annotations

import pytest

from bot.language.romanise import romanised, skeleton


def test_diacritics_and_case_go():
    assert romanised("ILE dostanę PIENIĘDZY?") == "ile dostane pieniedzy"
    assert romanised("Kiek mokama už kursą") == "kiek mokama uz kursa"
    assert romanised("Får jeg støtte") == "far jeg stotte"


@pytest.mark.parametrize("script,latin", [
    ("сколько платят", "skolko platyat"),          # Russian
    ("хочу на курс", "hochu na kurs"),             # х written h or kh
    ("скільки платять", "skilky platiat"),        # Ukrainian
    ("привіт", "pryvit"),
    ("شو في كورسات", "shu fi kursat"),             # Arabic and Arabizi
    ("عايز اعرف", "3ayez a3raf"),                  # digits for the letters Latin lacks
    ("بحكي", "b7ki"),
    ("میخوام ثبت نام کنم", "mikham sabt nam konam"),  # Persian and Finglish
])
def test_a_transliteration_has_the_skeleton_of_its_script(script, latin):
    assert skeleton(script) == skeleton(latin)


def test_unrelated_words_keep_different_skeletons():
    assert skeleton("сколько платят") != skeleton("kiedy kurs")


def test_geez_syllables_are_spelled_by_their_names():
    assert romanised("ኮርስ") == "kors"
    assert skeleton("ሰላም") == skeleton("selam")
