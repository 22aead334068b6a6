"""Languages the bot speaks: codes, names in their own script, direction, aliases, and
the choice among them from a browser's Accept-Language header."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from babel import Locale
from babel.core import negotiate_locale, parse_locale

from bot.language.textmatch import NameIndex


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    # Words people use to name this language, in any of the supported languages.
    aliases: Tuple[str, ...] = ()

    @property
    def rtl(self) -> bool:
        """Written right to left (Babel's locale data says so)."""
        return is_rtl(self.code)


LANGUAGES: Tuple[Language, ...] = (
    Language("nb", "Norsk", "Norwegian", aliases=(
        "norsk", "bokmål", "bokmal", "nynorsk", "norwegian", "norweski", "norweskim", "norvegų",
        "norvegiškai", "норвезька", "норвезькою", "норвежский", "по-норвежски", "النرويجية",
        "نرويجي", "نروژی", "نروژي", "norwiijiga", "af norwiiji", "ኖርወይኛ", "ብኖርወይኛ",
        # in Latin letters, as Arabizi, Finglish and transliterated Cyrillic write them
        "norvezhski", "po-norvezhski", "norvezkoyu", "norwiji", "norvezhi",
        # other cases and forms: "перейди на норвезьку", "po norwesku", "بالنرويجي"
        "норвезьку", "норвезької", "норвежском", "po norwesku", "norwesku", "norweskiego",
        "norwiiji", "noorweeji", "af noorweeji", "بالنرويجي", "بالنرويجية")),
    Language("en", "English", "English", aliases=(
        "english", "engelsk", "angielski", "angielsku", "anglų", "angliškai", "англійська",
        "англійською", "английский", "по-английски", "الإنجليزية", "الانجليزية", "انجليزي",
        "انگلیسی", "ingiriis", "af ingiriis", "እንግሊዝኛ", "ብእንግሊዝኛ",
        "inglizi", "inglisi", "engelisi", "bil inglizi", "anglijski", "anglijskij", "angliyski",
        "po-angliyski", "po-anglijski", "na anglijskom", "angliyskom", "anhliiskoyu",
        "angliiskoyu", "anhliyskoyu", "englisi",
        "англійську", "англійської", "английском", "po angielsku", "angielskiego", "ingiriisi",
        "af ingiriisi", "بالانجليزي", "بالإنجليزي", "بالانجليزية", "بالإنجليزية")),
    Language("ar", "العربية", "Arabic", aliases=(
        "arabic", "arabisk", "arabski", "arabsku", "arabų", "арабська", "арабською", "арабский",
        "العربية", "عربي", "بالعربي", "عربی", "carabi", "af carabi", "ዓረብኛ", "ብዓረብኛ",
        "3arabi", "3arabiya", "bel3arabi", "bil3arabi", "bl3arbiya", "bel 3arabi", "arabi",
        "арабську", "арабской", "арабском", "po arabsku", "arabiškai", "carabiga", "af carabiga",
        "بالعربية", "عربى")),
    Language("so", "Soomaali", "Somali", aliases=(
        "somali", "somalisk", "somalijski", "somalių", "сомалі", "сомалійська", "сомалийский",
        "الصومالية", "سومالی", "soomaali", "af soomaali", "ሶማልኛ", "ብሶማልኛ",
        "сомалійську", "сомалийском", "po somalijsku", "somališkai", "soomaaliga", "af soomaaliga",
        "صومالي", "بالصومالي", "بالصومالية", "سومالیایی")),
    Language("ti", "ትግርኛ", "Tigrinya", aliases=(
        "tigrinya", "tigrinja", "tigrigna", "tigrinia", "тигринья", "تغرينية",
        "التغرينية", "تیگرینیا", "ትግርኛ", "ብትግርኛ", "tigrinyna", "btigrinya", "btgrigna",
        "tgrinya", "tgrigna",
        "тигринї", "po tigrinia", "tigrinja kalba", "التغرينيا", "بالتغرينية", "تگرینیا")),
    Language("uk", "Українська", "Ukrainian", aliases=(
        "ukrainian", "ukrainsk", "ukraiński", "ukraińsku", "ukrainski", "ukrainiečių",
        "українська", "українською", "украинский", "по-украински", "الأوكرانية", "اوکراینی",
        "af ukrain", "ዩክሬንኛ",
        "ukrainskoyu", "ukrainskoju", "ukrainskoiu", "ukrayinskoyu", "ukrayinska", "ukrainska",
        "ukrainsku", "po-ukrainski", "po ukrainsky", "po-ukrainsky", "ukrainskom", "na ukrainskom",
        "українську", "української", "украинском", "на украинском", "po ukraińsku", "ukrainietiškai",
        "أوكراني", "بالأوكرانية", "بالاوكراني")),
    Language("ru", "Русский", "Russian", aliases=(
        "russian", "russisk", "rosyjski", "rosyjsku", "rusų", "rusiškai", "російська",
        "російською", "русский", "по-русски", "русском", "الروسية", "روسی", "af ruush", "ሩስኛ",
        "po-russki", "po russki", "porusski", "russkij", "russkiy", "russki", "na russkom",
        "rosiyskoyu", "rosiiskoiu",
        "російську", "російської", "po rosyjsku", "af ruushka", "روسي", "بالروسي",
        "بالروسية")),
    Language("pl", "Polski", "Polish", aliases=(
        "polish", "polsk", "polski", "polsku", "po polsku", "lenkų", "польська", "польською",
        "польский", "по-польски", "البولندية", "لهستانی", "af boolish", "ፖሊሽኛ",
        "польську", "польської", "польском", "lenkiškai", "بولندي", "بالبولندي")),
    Language("lt", "Lietuvių", "Lithuanian", aliases=(
        "lithuanian", "litauisk", "litewski", "litewsku", "lietuvių", "lietuviškai",
        "литовська", "литовський", "литовский", "الليتوانية", "لیتوانیایی", "ሊትዌንኛ",
        "литовську", "литовском", "po litewsku", "ليتواني", "بالليتواني")),
    Language("fa", "فارسی / دری", "Persian/Dari", aliases=(
        "persian", "farsi", "dari", "persisk", "perski", "persų", "перська", "фарсі",
        "персидский", "фарси", "дари", "الفارسية", "فارسی", "فارسي", "دری", "دري",
        "af faarisi", "ፋርስኛ", "parsi", "farsee",
        "перську", "перською", "персидском", "po persku", "persiškai", "بالفارسي", "بالفارسية")),
)

BY_CODE: Dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
SUPPORTED: Tuple[str, ...] = tuple(BY_CODE)

# Codes a channel may send (Telegram language_code, browser locales) that we read as ours.
_CODE_ALIASES: Dict[str, str] = {
    "no": "nb", "nn": "nb", "da": "nb", "nob": "nb", "nno": "nb",
    "prs": "fa", "per": "fa", "fas": "fa", "ara": "ar", "som": "so", "tir": "ti",
    "ukr": "uk", "rus": "ru", "pol": "pl", "lit": "lt", "eng": "en",
}


def _language_subtag(tag: str) -> Optional[str]:
    """`nb` of `nb-NO` or `nb_NO` (Babel's `parse_locale`); None for `*` or no tag at all."""
    try:
        return parse_locale(tag.strip().replace("_", "-"), sep="-")[0]
    except ValueError:
        return None


def normalise_code(raw: Optional[str]) -> Optional[str]:
    """Maps a channel's language tag (`nb-NO`, `uk`, `fa-AF`, `da`) to a supported code."""
    if not raw or not isinstance(raw, str):
        return None
    base = _language_subtag(raw)
    base = _CODE_ALIASES.get(base, base) if base else None
    return base if base in BY_CODE else None


def accepted_languages(header: Optional[str]) -> List[str]:
    """The language subtags of an Accept-Language header, the most wanted first."""
    weighted = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = _language_subtag(tag)
        if language and quality > 0:
            weighted.append((-quality, position, language))
    return [language for _, _, language in sorted(weighted)]


def negotiate(header: Optional[str], available: Sequence[str] = SUPPORTED,
              aliases: Mapping[str, str] = _CODE_ALIASES) -> Optional[str]:
    """The browser's most wanted language among `available` (Babel's `negotiate_locale`)."""
    return negotiate_locale(accepted_languages(header), available, aliases=dict(aliases))


_LANGUAGE_NAMES = NameIndex(((alias, lang.code) for lang in LANGUAGES
                             for alias in (*lang.aliases, lang.native_name)),
                            min_length=2, changed_ending_from=None)


def language_named_in(text: str) -> Optional[str]:
    """Finds a supported language named in `text` ("на українській", "arabisk takk")."""
    found = _LANGUAGE_NAMES.find(text)
    return found.value if found else None


def languages_named_in(text: str) -> List[str]:
    """Every supported language named in `text`, in the order they are named ("I read
    Norwegian badly, can I have it in Russian?": nb, ru)."""
    return list(dict.fromkeys(match.value for match in _LANGUAGE_NAMES.find_all(text)))


def native_names(codes: Iterable[str] = SUPPORTED) -> List[str]:
    """Names of the languages, each in its own script."""
    return [BY_CODE[code].native_name for code in codes]


@functools.lru_cache(maxsize=64)
def is_rtl(code: str) -> bool:
    """Whether a supported language is written right to left (Babel's `character_order`)."""
    if code not in BY_CODE:
        return False
    return bool(Locale.parse(code).character_order == "right-to-left")
