import pytest

from bench.masking_set import (
    ID_SPELLINGS,
    harmless_texts,
    identity_numbers,
    identity_samples,
    other_samples,
    survived,
)
from bot.masking import is_account_number, is_national_id, mask, mask_answer

FNR = identity_numbers(1)[0]


def test_valid_national_id_and_d_number_are_masked():
    numbers = identity_numbers(200)
    dnr = next(n for n in numbers if int(n[0]) >= 4)
    fnr = next(n for n in numbers if int(n[0]) < 4)
    assert is_national_id(fnr) and is_national_id(dnr)
    result = mask(f"fnr {fnr}, d-nummer {dnr[:6]} {dnr[6:]}")
    assert result.text == "fnr [ID-NUMBER], d-nummer [ID-NUMBER]"
    assert result.kinds == ("national_id",)


def test_date_shaped_number_is_masked_even_with_bad_check_digits():
    assert not is_national_id("01017012345")
    assert mask("01017012345").text == "[ID-NUMBER]"
    assert mask("010170 12345").text == "[ID-NUMBER]"


def test_account_number_email_and_phone_are_masked():
    result = mask("konto 1234.56.78903, ring +47 912 34 567 eller skriv til ola.nordmann@example.no")
    assert is_account_number("12345678903")
    assert result.text == "konto [ACCOUNT-NUMBER], ring [PHONE] eller skriv til [E-MAIL]"


def test_account_number_inside_an_iban_is_masked():
    assert mask("IBAN NO93 8601 1117 947").text == "IBAN NO93 [ACCOUNT-NUMBER]"


@pytest.mark.parametrize("spelling", list(ID_SPELLINGS))
def test_every_spelling_of_an_identity_number_is_masked(spelling):
    text = ID_SPELLINGS[spelling](FNR)
    masked = mask(text).text
    assert "[ID-NUMBER]" in masked
    assert not survived(identity_samples(1, {spelling: ID_SPELLINGS[spelling]})[0], masked)


def test_only_the_number_is_replaced_and_the_rest_stays_as_written():
    persian = "می\u200cخواهم بدانم، کد ملی من " + FNR.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) + " است"
    assert mask(persian).text == "می\u200cخواهم بدانم، کد ملی من [ID-NUMBER] است"
    assert mask(f"ﬁnn {FNR[:6]}\u00a0{FNR[6:]}!").text == "ﬁnn [ID-NUMBER]!"


@pytest.mark.parametrize("text", [
    "ola[at]nav.no", "ola (at) nav (dot) no", "Ola.Nordmann+kurs@example.co.uk", "kari＠example.no"])
def test_email_addresses_are_masked(text):
    assert mask(f"skriv til {text} takk").text == "skriv til [E-MAIL] takk"


@pytest.mark.parametrize("text", [
    "40012345", "+47 400 12 345", "0047 22 33 44 55", "+4740012345", "(+47) 22334455", "4001 2345",
    "400 12 345", "400-12-345", "22 33 44 55", "٤٠٠١٢٣٤٥"])
def test_norwegian_phone_shapes_are_masked(text):
    assert mask(f"ring {text} i dag").text == "ring [PHONE] i dag"


@pytest.mark.parametrize("text", [
    "Kurset starter 12.03.2025", "Kurset starter 23.03.2025", "2025-03-12", "12/03/2025",
    "08.30-15.30", "kl. 08:30–15:30", "0830-1530", "kr 12 500,-", "NOK 25 000 000", "kr 2.500",
    "Org.nr. 912 345 678", "NO 912345678 MVA", "AMO-2025-0142", "kurs 2501-0042", "skoleåret 2024-2025",
    "2024/2025", "Kurset varer 42 uker fra 2027, 30 timer", "12.03.2025 kl. 08.30-15.30 i rom 214",
    "K-7F3Q", "20250312"])
def test_dates_times_prices_organisation_numbers_and_course_codes_stay(text):
    assert mask(text).text == text
    assert mask_answer(text).text == text


def test_caseworker_answers_keep_phone_numbers_but_not_identity_numbers():
    answer = f"Kurset starter 12.03.2025. Ring oss på 55 55 33 33. Ditt nummer {FNR} er registrert."
    assert mask_answer(answer).text == \
        "Kurset starter 12.03.2025. Ring oss på 55 55 33 33. Ditt nummer [ID-NUMBER] er registrert."


def test_generated_set_at_least_995_per_mille_masked_and_no_false_positive():
    samples = identity_samples(1000)
    assert len({s.number for s in samples}) == 1000
    missed = [s for s in samples if survived(s, mask(s.text).text)]
    assert len(missed) <= len(samples) * 0.005, missed[:5]
    others = other_samples(100)
    assert not [s for s in others if survived(s, mask(s.text).text)]
    harmless = harmless_texts()
    assert len(harmless) >= 200
    assert [t for _, t in harmless if mask(t).text != t] == []
    assert [t for _, t in harmless if mask_answer(t).text != t] == []


def test_text_without_identifiers_is_returned_unchanged():
    text = "Hei! Hvor lenge varer sveisekurset? \u200fمرحبا"
    result = mask(text)
    assert result.text == text and not result.changed
