from bot.i18n.formatting import RLM, date, directional, money, number


def test_money_follows_the_locale():
    assert money(285, "nb") == "285\xa0kr"
    assert money(2.52, "nb") == "2,52\xa0kr"
    assert "4\xa0340" in money(4340, "uk")


def test_numbers_and_dates_follow_the_locale():
    assert number(3000, "nb") == "3\xa0000"
    assert number(3000, "en") == "3,000"
    assert date("2027-01-11", "nb") == "11. januar 2027"
    assert "2027" in date("2027-01-11", "ti")


def test_right_to_left_lines_start_with_a_mark():
    text = directional("NAV\n2027", "ar")
    assert all(line.startswith(RLM) for line in text.split("\n"))
    assert directional("NAV", "nb") == "NAV"
