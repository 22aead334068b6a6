from bot.masking import is_account_number, is_national_id, mask

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def valid_fnr(first9: str) -> str:
    """Completes nine digits with the two mod-11 check digits, if they exist."""
    def check(digits, weights):
        r = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        return 0 if r == 0 else 11 - r
    for individual in range(1000):
        base = first9[:6] + f"{individual:03d}"
        k1 = check(base, W1)
        if k1 == 10:
            continue
        k2 = check(base + str(k1), W2)
        if k2 == 10:
            continue
        return base + str(k1) + str(k2)
    raise AssertionError


def test_valid_national_id_and_d_number_are_masked():
    fnr = valid_fnr("150589")
    dnr = valid_fnr("550589")
    assert is_national_id(fnr) and is_national_id(dnr)
    result = mask(f"fnr {fnr}, d-nummer {dnr[:6]} {dnr[6:]}")
    assert fnr not in result.text and dnr[6:] not in result.text
    assert result.kinds == ("national_id",)


def test_date_shaped_number_is_masked_even_with_bad_check_digits():
    assert "[ID-NUMBER]" in mask("01017012345").text


def test_account_number_email_and_phone_are_masked():
    result = mask("konto 1234.56.78903, ring +47 912 34 567 eller skriv til ola.nordmann@example.no")
    assert is_account_number("12345678903")
    assert result.text == "konto [ACCOUNT-NUMBER], ring [PHONE] eller skriv til [E-MAIL]"


def test_ordinary_numbers_stay():
    assert mask("Kurset varer 42 uker fra 2027, 30 timer").text == "Kurset varer 42 uker fra 2027, 30 timer"
