import pytest

from bot.i18n.formatting import RLM, date, directional, money, number


def test_money_follows_the_locale():
    assert money(285, "nb") == "285\xa0kr"
    assert money(2.52, "nb") == "2,52\xa0kr"
    assert "4\xa0340" in money(4340, "uk")


@pytest.mark.parametrize("language", ["en", "so", "ti"])
def test_a_currency_in_letters_is_kept_apart_from_its_digits(language):
    """CLDR's currency spacing: "NOK 285", not "NOK285" (Babel's pattern for these languages
    puts the code right before the number)."""
    assert money(285, language) == "NOK\xa0285"
    assert money(2.52, language) == "NOK\xa02.52"


def test_numbers_and_dates_follow_the_locale():
    assert number(3000, "nb") == "3\xa0000"
    assert number(3000, "en") == "3,000"
    assert date("2027-01-11", "nb") == "11. januar 2027"
    assert "2027" in date("2027-01-11", "ti")


def test_right_to_left_lines_start_with_a_mark():
    text = directional("NAV\n2027", "ar")
    assert all(line.startswith(RLM) for line in text.split("\n"))
    assert directional("NAV", "nb") == "NAV"
