"""A greeting before the request (bot/rasa/openings.py)."""

from bot.rasa.openings import after_opening, learn_openings

OPENINGS = learn_openings(["Hei!", "god morgen", "السلام عليكم", "Dzień dobry", "hello there",
                           "hi, how are you doing today my friend"])


def test_openings_are_the_short_greetings_folded():
    assert ("hei",) in OPENINGS
    assert ("dzien", "dobry") in OPENINGS
    assert ("سلام", "عليكم") in OPENINGS  # the Arabic article folded away, as in every match
    assert not any(opening[0] == "hi" for opening in OPENINGS)  # too long to be an opening


def test_what_follows_the_longest_opening_is_the_rest():
    assert after_opening("Dzień dobry, mam pytanie do doradcy", OPENINGS) == "mam pytanie do doradcy"
    assert after_opening("God morgen! Hvor lenge varer kurset?", OPENINGS) == "Hvor lenge varer kurset?"
    assert after_opening("السلام عليكم، وصلتني رسالة من ناف", OPENINGS) == "وصلتني رسالة من ناف"
    assert after_opening("DZIEN DOBRY mam pytanie do doradcy", OPENINGS) == "mam pytanie do doradcy"


def test_no_rest_without_an_opening_or_with_too_little_after_it():
    assert after_opening("mam pytanie do doradcy", OPENINGS) is None
    assert after_opening("Hei, kurs?", OPENINGS) is None  # too short to be read alone
    assert after_opening("Hei", OPENINGS) is None
    assert after_opening("Heisann, hvor lenge varer kurset?", OPENINGS) is None  # a whole word only
    assert after_opening("", OPENINGS) is None
