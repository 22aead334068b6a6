"""The bot's offers answered in words, in all ten languages: a typed yes (or 👍) does
what the offer's button does, a typed no does not start anything."""

from __future__ import annotations

from typing import Tuple

import pytest

from bot.language.supported import SUPPORTED
from bot.learning import inbox
from bot.services import Services
from tests.e2e.test_flows import CATALOGUE, Conversation, Turn, chosen

pytestmark = pytest.mark.model

YES = {
    "nb": "ja, gjerne", "en": "yes please", "ar": "نعم من فضلك", "so": "haa, fadlan", "ti": "እወ",
    "uk": "так, будь ласка", "ru": "да, пожалуйста", "pl": "tak, poproszę", "lt": "taip, prašau",
    "fa": "بله لطفا",
}
NO = {
    "nb": "nei takk", "en": "no thanks", "ar": "لا شكرا", "so": "maya, mahadsanid", "ti": "ኣይፋል",
    "uk": "ні, дякую", "ru": "нет, спасибо", "pl": "nie, dziękuję", "lt": "ne, ačiū", "fa": "نه ممنون",
}
# Answers to an offer in a whole sentence: a polite decline read as change_course (nb, en)
# once got the page on switching courses instead of "OK".
POLITE_NO = {
    "nb": "Takk for tilbudet, men det passer ikke for meg akkurat nå.",
    "en": "Thanks for offering, but I would rather not do that right now.",
    "ar": "شكرا على العرض، لكن لا أريد ذلك الآن.", "so": "Waad ku mahadsan tahay, laakiin hadda ma rabo.",
    "ti": "የቐንየለይ፡ ግን ሕጂ ኣይደልን እየ።", "uk": "Дякую за пропозицію, але зараз я цього не хочу.",
    "ru": "Спасибо за предложение, но сейчас мне это не нужно.",
    "pl": "Dziękuję za propozycję, ale teraz nie chcę.", "lt": "Ačiū už pasiūlymą, bet dabar nenoriu.",
    "fa": "ممنون از پیشنهادتان، ولی الان نمی‌خواهم.",
}
WHOLE_YES = {
    "nb": "Ja, det høres bra ut for meg, la oss gjøre det.", "en": "Yes, that sounds good to me, let's do that.",
    "ar": "نعم، هذا يناسبني، لنفعل ذلك.", "so": "Haa, taasi way ii fiican tahay, aan sidaas samayno.",
    "ti": "እወ፡ እዚ ጽቡቕ እዩ፡ ከምኡ ንግበሮ።", "uk": "Так, мені це підходить, давайте так і зробимо.",
    "ru": "Да, меня это устраивает, давайте так и сделаем.", "pl": "Tak, to mi pasuje, zróbmy tak.",
    "lt": "Taip, man tinka, darykime taip.", "fa": "بله، برایم خوب است، همین کار را بکنیم.",
}
# A yes after a thought or a talk with the family, and a no with an everyday reason: such
# little stories were read as a crisis, so the crisis page came before the question form.
REASONED_YES = {
    "nb": "Har sovet på det og snakket med kona, så ja, du kan sende det.",
    "en": "I slept on it and talked to my husband, so yes, please pass it on.",
    "ar": "فكرت بالموضوع منيح وحكيت مع مرتي، ماشي، ابعتها.",
    "so": "Waan ka fikiray oo xaaskayga waan la hadlay, haa, u gudbi.",
    "ti": "ሓሲበሉ ምስ በዓልቲ ቤተይ ድማ ተዘራሪበ፡ እወ ኣመሓላልፎ።",
    "uk": "Я подумала над цим і порадилася з чоловіком, тож так, передайте.",
    "ru": "Я пару дней подумал над этим, и да, можете отправлять мой вопрос.",
    "pl": "Przemyślałem to i pogadałem z żoną, więc tak, przekaż to dalej.",
    "lt": "Gerai apgalvojau per savaitgalį, taigi taip, siųskite.",
    "fa": "فکرهایم را کردم و با همسرم هم صحبت کردم، پس بله، بفرستید.",
}
REASONED_NO = {
    "nb": "Jeg sitter på bussen til legen nå, så ikke akkurat nå.",
    "en": "I'm picking up my kids from school now, so not at the moment.",
    "ar": "أنا بالشغل هلأ وما عندي وقت، خليها بعدين.",
    "so": "Hadda shaqo ayaan joogaa, markaa maya, mar kale.",
    "ti": "ሕጂ ምግቢ ኣብ ምድላው እየ ዘለኹ፡ ስለዚ ሕጂ ኣይኮነን።",
    "uk": "Я зараз забираю дитину з садочка, тому не зараз.",
    "ru": "Я сейчас на приёме у врача, так что пока нет.",
    "pl": "Jestem teraz w pracy, więc nie teraz, może później.",
    "lt": "Dabar vairuoju į darbą, tai ne dabar, gal vėliau.",
    "fa": "الان سر کلاس زبان هستم، پس فعلاً نه، بعداً.",
}
ASK_QUESTION = ("Write your question in your own words and language. Please do not write your national "
                "identity number; I remove such numbers, phone numbers and e-mail addresses before storing.")


def test_every_language_has_a_yes_and_a_no():
    assert (set(YES) == set(NO) == set(POLITE_NO) == set(WHOLE_YES) == set(REASONED_YES) == set(REASONED_NO)
            == set(SUPPORTED))


@pytest.mark.parametrize("answers", [YES, WHOLE_YES, REASONED_YES], ids=["word", "sentence", "reasoned"])
@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_yes_after_a_placement_problem_starts_the_question(bot, language, answers):
    talk = chosen(bot, language)
    assert "/contact_caseworker" in talk.say("/placement_problem").payloads
    turn = talk.say(answers[language])
    assert talk.t(ASK_QUESTION) in turn.text
    assert "113" not in turn.text, turn.text


@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_yes_after_hopelessness_starts_the_question(bot, language):
    talk = chosen(bot, language)
    talk.say("/frustration")
    assert talk.t(ASK_QUESTION) in talk.say(YES[language]).text


@pytest.mark.parametrize("offer, answers", [("/frustration", NO), ("/placement_problem", POLITE_NO),
                                            ("/placement_problem", REASONED_NO)],
                         ids=["word", "sentence", "reasoned"])
@pytest.mark.parametrize("language", SUPPORTED)
def test_typed_no_after_an_offer_starts_nothing(bot, language, offer, answers):
    talk = chosen(bot, language)
    talk.say(offer)
    turn = talk.say(answers[language])
    assert talk.t(ASK_QUESTION) not in turn.text
    assert talk.t("OK. What would you like to know?") in turn.text, turn.text


@pytest.mark.parametrize("language, mash", [
    ("en", "kjhkjh"), ("nb", "hhhhh"), ("uk", "йцукен"), ("ar", "شسيبلاتن"), ("pl", "asdf asdf")])
def test_keyboard_mash_after_an_offer_starts_nothing_and_asks_to_rephrase(bot, language, mash):
    """"kjhkjh" was a confident yes: typed after an offer it started the question."""
    talk = chosen(bot, language)
    talk.say("/placement_problem")
    turn = talk.say(mash)
    assert talk.t(ASK_QUESTION) not in turn.text
    assert talk.t("Sorry, I did not understand that. Could you say it in other words?") in turn.text, turn.text


def test_a_polish_no_to_an_offer_is_asked_about_and_a_yes_then_starts_the_question(bot):
    """Spoken Polish says "no" for yes ("no, jasne"): neither a refusal nor a yes."""
    talk = chosen(bot, "pl")
    talk.say("/placement_problem")
    asked = talk.say("no")
    assert talk.t("I am not sure whether you mean yes or no.") in asked.text, asked.text
    assert asked.payloads == ["/contact_caseworker", "/deny"]
    assert talk.t(ASK_QUESTION) in talk.say("tak").text


@pytest.mark.parametrize("emoji", ["👍", "👌🏽"])
def test_a_thumbs_up_is_a_yes(bot, emoji):
    talk = chosen(bot, "uk")
    talk.say("/placement_problem")
    assert talk.t(ASK_QUESTION) in talk.say(emoji).text


def test_yes_after_i_am_a_chatbot_leads_to_a_caseworker(bot):
    talk = chosen(bot, "en")
    talk.say("/bot_challenge")
    assert talk.t(ASK_QUESTION) in talk.say("yes").text


# Short, vague messages; the model is unsure of some of them but has a best guess.
VAGUE = ("litt info", "hvem", "måned", "skjema", "kanskje", "uke", "tid", "hjelp", "info",
         "lurer på noe", "spørsmål", "jeg vet ikke", "hva med det", "kurs penger", "penger praksis",
         "veileder kurs", "kurs jobb", "praksis kurs", "tiltak", "NAV kurs", "brev kurs")


def a_guess(bot) -> Tuple[str, Turn]:  # type: ignore[no-untyped-def]
    """A message the bot answers with "did you mean ...?", and that answer."""
    for text in VAGUE:
        talk = Conversation(bot, "nb")
        asked = talk.say(text)
        if talk.t("Did you mean: %(meaning)s?", meaning="\x00").split("\x00")[0] in asked.text:
            return text, asked
    raise AssertionError("the bot asks 'did you mean ...?' about none of VAGUE")


@pytest.mark.parametrize("yes", ["ja", "👍"])
def test_typed_yes_to_did_you_mean_does_what_its_button_does(bot, yes):
    text, _ = a_guess(bot)
    typed, pressed = Conversation(bot, "nb"), Conversation(bot, "nb")
    offer = typed.say(text).payloads[0]
    assert offer != "/out_of_scope"
    pressed.say(text)
    by_button = pressed.say(offer)
    by_word = typed.say(yes)
    assert by_word.text == by_button.text and by_word.payloads == by_button.payloads, by_word.text
    assert typed.t("OK. What would you like to know?") not in by_word.text


def test_a_polish_no_to_did_you_mean_is_asked_about_and_a_yes_then_does_what_the_button_does(bot):
    text, _ = a_guess(bot)
    typed, pressed = chosen(bot, "pl"), chosen(bot, "pl")
    offer = typed.say(text).payloads[0]
    again = typed.say("no")
    assert typed.t("I am not sure whether you mean yes or no.") in again.text, again.text
    assert again.payloads[0] == offer and len(again.payloads) == 2
    pressed.say(text)
    by_button = pressed.say(offer)
    by_word = typed.say("tak")
    assert by_word.text == by_button.text and by_word.payloads == by_button.payloads, by_word.text


@pytest.mark.parametrize("no", ["/out_of_scope", "nei", "👎"])
def test_no_to_did_you_mean_asks_to_rephrase_and_notes_the_message_for_review(bot, no):
    """The No button, or no in words: "say it in other words", and the message the guess
    was about goes to the NLU inbox for the admins to label."""
    services = Services(bot.settings)
    text, _ = a_guess(bot)

    def refused() -> int:
        return sum(1 for item in inbox.items(services.database, status=None)
                   if item.reason == "refused_guess" and item.text == text)

    before = refused()
    talk = Conversation(bot, "nb")
    talk.say(text)
    turn = talk.say(no)
    assert talk.t("Sorry, I did not understand that. Could you say it in other words?") in turn.text, turn.text
    assert refused() == before + 1


WHAT_IS_AMO = {"nb": "hva er et AMO-kurs?", "en": "I got a letter from NAV about a course, what is it?",
               "uk": "Що таке курс AMO?", "ar": "ما هي دورة AMO؟", "so": "Waa maxay koorsada AMO?"}


@pytest.mark.parametrize("language", sorted(WHAT_IS_AMO))
def test_the_first_list_of_all_courses_says_what_an_amo_course_is(bot, language):
    talk = Conversation(bot, language)
    about = CATALOGUE.pages["about"]
    first = talk.say(WHAT_IS_AMO[language])
    assert talk.c(about.title) in first.text, first.text
    assert talk.c(about.sections[0].text) in first.text
    assert talk.t("These are the courses I know about. Choose one to read more:") in first.text
    again = talk.say("/list_courses")
    assert talk.c(about.title) not in again.text
    assert talk.t("These are the courses I know about. Choose one to read more:") in again.text


OUT_OF_SCOPE = "Sorry, I can only help with NAV's labour-market courses (AMO), the work placement and money during a course."
# Unrelated questions with a word for a course in them: the shop, a neighbour who drives a bus.
UNRELATED = {
    "nb": ("hva blir været i morgen når jeg skal på butikken?", "retail"),
    "en": ("my neighbour is a taxi driver, what will the weather be like tomorrow?", "professional-driver"),
    "ru": ("какая завтра погода? мой сосед водитель автобуса", "professional-driver"),
}


@pytest.mark.parametrize("language", sorted(UNRELATED))
def test_an_unrelated_message_with_a_course_word_gets_the_limits_and_an_offer_a_yes_takes(bot, language):
    text, course_id = UNRELATED[language]
    course = CATALOGUE.courses[course_id]
    talk = chosen(bot, language)
    turn = talk.say(text)
    assert talk.t(OUT_OF_SCOPE) in turn.text, turn.text
    assert talk.t("If you meant the course «%(course)s», I can tell you about it.", course=talk.c(course.name)) in turn.text
    assert f'/course_details{{"course":"{course_id}"}}' in turn.payloads
    assert talk.t("What you learn:") not in turn.text
    shown = talk.say(YES[language])
    assert f"*{talk.c(course.name)}*" in shown.text and talk.t("What you learn:") in shown.text, shown.text


def test_an_unrelated_message_that_names_a_course_gets_the_course(bot):
    talk = chosen(bot, "en")
    turn = talk.say("what is the capital of France? tell me about the cleaning course")
    assert "*Cleaning*" in turn.text and talk.t(OUT_OF_SCOPE) not in turn.text, turn.text
