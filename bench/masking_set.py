"""The generated measurement set of bot/masking.py: identifiers in many spellings, and
harmless texts (dates, times, prices, organisation numbers, course codes) that must stay.

Deterministic (seeded), so the tests and `bench/masking.py` measure the same texts.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
ACCOUNT = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

NBSP, THIN, NNBSP, LRM, RLM, ZWSP = "\u00a0", "\u2009", "\u202f", "\u200e", "\u200f", "\u200b"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _check(digits: str, weights: Tuple[int, ...]) -> int:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if remainder == 0 else 11 - remainder


def identity_numbers(count: int, seed: int = 14) -> List[str]:
    """`count` distinct valid fødselsnummer (four in five) and D-numbers (one in five)."""
    rng = random.Random(seed)
    found: Dict[str, None] = {}
    while len(found) < count:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000))
        day = born.day + (40 if rng.random() < 0.2 else 0)
        base = f"{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randrange(1000):03d}"
        k1 = _check(base, W1)
        k2 = _check(base + str(k1 % 10), W2)
        if k1 < 10 and k2 < 10:
            found[base + str(k1) + str(k2)] = None
    return list(found)


def account_numbers(count: int, seed: int = 15) -> List[str]:
    rng = random.Random(seed)
    found: Dict[str, None] = {}
    while len(found) < count:
        base = f"{rng.randrange(1000, 9999)}{rng.randrange(100):02d}{rng.randrange(10000):04d}"
        check = _check(base, ACCOUNT)
        if check < 10:
            found[base + str(check)] = None
    return list(found)


def phone_numbers(count: int, seed: int = 16) -> List[str]:
    rng = random.Random(seed)
    return [str(rng.choice((2, 3, 4, 5, 6, 7, 9))) + f"{rng.randrange(10 ** 7):07d}" for _ in range(count)]


# Each spelling writes an 11-digit identity number the way a participant might.
ID_SPELLINGS: Dict[str, Callable[[str], str]] = {
    "plain": lambda n: n,
    "spaced 6+5": lambda n: f"{n[:6]} {n[6:]}",
    "no-break space": lambda n: f"{n[:6]}{NBSP}{n[6:]}",
    "thin space": lambda n: f"{n[:6]}{THIN}{n[6:]}",
    "narrow no-break space": lambda n: f"{n[:6]}{NNBSP}{n[6:]}",
    "two spaces": lambda n: f"{n[:6]}  {n[6:]}",
    "hyphen": lambda n: f"{n[:6]}-{n[6:]}",
    "en dash": lambda n: f"{n[:6]}\u2013{n[6:]}",
    "spaced dash": lambda n: f"{n[:6]} - {n[6:]}",
    "slash": lambda n: f"{n[:6]}/{n[6:]}",
    "dots": lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]}.{n[6:]}",
    "date dots and space": lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}",
    "6+3+2": lambda n: f"{n[:6]} {n[6:9]} {n[9:]}",
    "LRM inside": lambda n: f"{n[:6]}{LRM}{n[6:]}",
    "LRM between digits": lambda n: LRM.join(n),
    "RLM and space": lambda n: f"{RLM}{n[:6]} {RLM}{n[6:]}",
    "zero-width space": lambda n: f"{n[:6]}{ZWSP}{n[6:]}",
    "fullwidth digits": lambda n: "".join(chr(0xFF10 + int(d)) for d in n),
    "Arabic-Indic digits": lambda n: n.translate(ARABIC_INDIC),
    "Arabic-Indic 6+5": lambda n: f"{n[:6]} {n[6:]}".translate(ARABIC_INDIC),
    "Persian digits": lambda n: n.translate(PERSIAN),
    "Persian en dash": lambda n: f"{n[:6]}\u2013{n[6:]}".translate(PERSIAN),
    "Persian no-break space": lambda n: f"{n[:6]}{NBSP}{n[6:]}".translate(PERSIAN),
    "in Norwegian": lambda n: f"Fødselsnummeret mitt er {n[:6]} {n[6:]}, kan dere sjekke?",
    "in English": lambda n: f"My ID number is {n}.",
    "in Arabic": lambda n: f"رقمي الشخصي هو {n.translate(ARABIC_INDIC)} من فضلك ساعدني",
    "in Arabic, Latin digits, RLM": lambda n: f"رقمي الشخصي{RLM} {n[:6]}{THIN}{n[6:]}{RLM} شكرا",
    "in Persian": lambda n: f"کد ملی من {n.translate(PERSIAN)} است",
    "in Somali": lambda n: f"Lambarka aqoonsigaygu waa {n[:6]}{NBSP}{n[6:]}, fadlan i caawi.",
    "in Somali, en dash": lambda n: f"Lambarkaygu waa {n[:6]} \u2013 {n[6:]}",
    "in Tigrinya": lambda n: f"ቁጽሪ መንነተይ {n} እዩ።",
    "in Ukrainian": lambda n: f"Мій номер: {n[:6]}/{n[6:]}.",
    "with a phone after": lambda n: f"{n} 40012345",
    "digit by digit": lambda n: " ".join(n),
    "2+2+2+5": lambda n: f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
    "4+7": lambda n: f"{n[:4]} {n[4:]}",
}

# Spellings masking is known not to catch, measured apart (not part of the target).
HARD_SPELLINGS: Dict[str, Callable[[str], str]] = {
    "5+6": lambda n: f"{n[:5]} {n[5:]}",
    "line break inside": lambda n: f"{n[:6]}\n{n[6:]}",
    "comma inside": lambda n: f"{n[:6]},{n[6:]}",
}

HARMLESS_TEMPLATES = (
    "Kurset starter {}.", "The course starts on {}.", "Oppmøte {} på NAV-kontoret.",
    "يبدأ الدورة في {}", "Koorsku wuxuu bilaabanayaa {}.", "Курс починається {}.",
)


def harmless_texts(seed: int = 17) -> List[Tuple[str, str]]:
    """(category, text) pairs that hold no personal identifier and must stay as written."""
    rng = random.Random(seed)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(1500)) for _ in range(60)]
    items: List[Tuple[str, str]] = []
    for day in days:
        template = rng.choice(HARMLESS_TEMPLATES)
        for spelling in (f"{day:%d.%m.%Y}", f"{day:%Y-%m-%d}", f"{day:%d/%m/%Y}",
                         f"{day.day}.{day.month}.{day.year}", f"{day:%d.%m.%y}",
                         f"{day:%d.%m.%Y}\u2013{day + dt.timedelta(days=5):%d.%m.%Y}",
                         f"{day:%d.%m.%Y} kl. {rng.randrange(8, 16):02d}.{rng.choice((0, 15, 30, 45)):02d}"):
            items.append(("date", template.format(spelling)))
    for _ in range(60):
        start, end = rng.randrange(6, 14), rng.randrange(14, 23)
        minute = rng.choice((0, 15, 30, 45))
        items += [("time", f"Undervisning {start:02d}.{minute:02d}-{end:02d}.{minute:02d} hver dag."),
                  ("time", f"Classes {start:02d}:{minute:02d}\u2013{end:02d}:30, Monday to Friday."),
                  ("time", f"kl. {start}.{minute:02d} - {end}.{minute:02d}")]
    for _ in range(60):
        amount = rng.randrange(100, 30_000_000)
        grouped = f"{amount:,}".replace(",", " ")
        items += [("price", f"Det koster kr {grouped},-"), ("price", f"Stønaden er {grouped}{NBSP}kr i året."),
                  ("price", f"NOK {grouped}.00"), ("price", f"Prisen er {f'{amount:,}'.replace(',', '.')} kroner.")]
    for _ in range(40):
        org = f"{rng.choice((8, 9))}{rng.randrange(10 ** 8):08d}"
        items += [("organisation number", f"Org.nr. {org[:3]} {org[3:6]} {org[6:]}"),
                  ("organisation number", f"Leverandør: NO {org} MVA"),
                  ("organisation number", f"Organisasjonsnummer {org}")]
    for _ in range(40):
        year = rng.randrange(2020, 2030)
        items += [("course code", f"Kurskode AMO-{year}-{rng.randrange(10000):04d}"),
                  ("course code", f"Søk på kurs {rng.randrange(2000, 9999)}-{rng.randrange(10000):04d}."),
                  ("course code", f"Kurs AMOK{rng.randrange(100000):05d}, skoleåret {year}/{year + 1}"),
                  ("course code", f"Referanse K-{rng.randrange(1000, 9999)}, år {year}-{year + 1}")]
    return items


def calendar_texts() -> List[str]:
    """Every day of 2020-2030 in seven spellings, and times of day in four: none may change."""
    texts: List[str] = []
    day = dt.date(2020, 1, 1)
    while day < dt.date(2031, 1, 1):
        texts += [f"Kurset starter {spelling}." for spelling in (
            f"{day:%d.%m.%Y}", f"{day:%Y-%m-%d}", f"{day:%d/%m/%Y}", f"{day:%d.%m.%y}", f"{day:%Y%m%d}",
            f"{day:%d. %m. %Y}", f"{day.day}.{day.month}.{day.year}")]
        day += dt.timedelta(days=1)
    for start in range(24):
        for minute in (0, 15, 30, 45):
            for end in range(24):
                texts += [f"{start:02d}.{minute:02d}-{end:02d}.{minute:02d}", f"{start:02d}:{minute:02d}\u2013{end:02d}:30",
                          f"kl. {start}.{minute:02d} - {end}.00", f"{start:02d}{minute:02d}-{end:02d}00"]
    return texts


@dataclass(frozen=True)
class Sample:
    spelling: str
    text: str
    number: str  # the identifier's own digits, which must not survive masking


def identity_samples(count: int = 1000, spellings: Dict[str, Callable[[str], str]] = ID_SPELLINGS) -> List[Sample]:
    return [Sample(name, spell(n), n) for n in identity_numbers(count) for name, spell in spellings.items()]


def other_samples(count: int = 300) -> List[Sample]:
    samples: List[Sample] = []
    for n in account_numbers(count):
        samples += [Sample("account 4.2.5", f"Kontonummer {n[:4]}.{n[4:6]}.{n[6:]}", n),
                    Sample("account spaced", f"konto {n[:4]} {n[4:6]} {n[6:]}", n),
                    Sample("account plain", f"account {n}", n),
                    Sample("account in an IBAN", f"IBAN NO{int(n) % 90 + 10} {n[:4]} {n[4:8]} {n[8:]}", n)]
    for n in phone_numbers(count):
        samples += [Sample("phone plain", f"Ring meg på {n}", n),
                    Sample("phone +47", f"tlf +47 {n[:3]} {n[3:5]} {n[5:]}", n),
                    Sample("phone 0047", f"0047{n}", n),
                    Sample("phone 4+4", f"mobil {n[:4]} {n[4:]}", n),
                    Sample("phone 3+2+3", f"{n[:3]} {n[3:5]} {n[5:]}", n),
                    Sample("phone 2+2+2+2", f"nummer {n[:2]} {n[2:4]} {n[4:6]} {n[6:]}", n),
                    Sample("phone Arabic-Indic", f"هاتفي {n.translate(ARABIC_INDIC)}", n)]
    return samples


def digits_of(text: str) -> str:
    """Every decimal digit of `text`, folded to 0-9."""
    import unicodedata

    return "".join(str(unicodedata.decimal(c)) for c in text if unicodedata.category(c) == "Nd")


def survived(sample: Sample, masked_text: str) -> bool:
    """True when any part of the identifier can still be read in the masked text."""
    left = digits_of(masked_text)
    number = sample.number
    return number[:6] in left or number[-5:] in left or number[-4:] in left
