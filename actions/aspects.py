"""Which part of a course a message asks about: its length, where it is held, when it
starts, or something else ("how long is it?" wants the length, not the whole course page).

Word lists per language, matched on folded words (`bot.language.textmatch`) with the
remaining marks and a few letters folded too (å, ø, ł, ё, Arabic kaf), so case and missing
diacritics do not matter. A cue is one or more words in a row; a word ending in "*" matches the start
of a word ("тижн*": тижні, тижнів). Longer cues are tried first and take their words, so
"hvor mye" (how much: money) keeps "hvor" from counting as "where", and "hvor lenge" is
the length. A cue of `None` is such a blocker and asks about nothing.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.language.textmatch import fold_word, words


class Aspect(enum.Enum):
    DURATION = "duration"  # how long, how many weeks or hours, the rhythm
    PLACE = "place"  # where it is held
    START = "start"  # when it starts
    OTHER = "other"  # what you learn, the time of day: only the whole page answers it


_D, _P, _S, _O = Aspect.DURATION, Aspect.PLACE, Aspect.START, Aspect.OTHER
Cues = Dict[Optional[Aspect], Tuple[str, ...]]  # None: words that stop a shorter cue
Cue = Tuple[Tuple[str, ...], Optional[Aspect]]  # compiled: folded words, "*" kept

CUES: Dict[str, Cues] = {
    "nb": {
        _D: ("hvor lenge", "kor lenge", "hvor lang", "kor lang", "hvor lang tid", "hvor mye tid",
             "hvor mange uke*", "hvor mange time*", "hvor mange dag*", "hvor mange måned*", "varighet*",
             "lengde*", "kurslengde*"),
        _P: ("hvor", "hvilket sted", "hvilken by", "adresse*"),
        _S: ("når", "start*", "oppstart*", "begynn*", "opptak*"),
        _O: ("lære*", "klokk*", "kl", "morgen*", "ettermiddag*", "kveld*", "dagtid", "hver dag", "lunsj*",
             "pause*", "slutt*", "ferdig"),
        # "hvor" is "how" before these: how much (money), how many, how often, how far ...
        None: ("hvor mye", "hvor mange", "hvor ofte", "hvor gammel", "hvor langt", "hvor stor*",
               "hvor godt", "hvor bra", "hvor fort", "hvor vanskelig", "hvor dyrt"),
    },
    "en": {
        _D: ("how long", "how many week*", "how many hour*", "how many day*", "how many month*",
             "how much time", "duration", "length", "timetable", "schedule"),
        _P: ("where", "wheres", "location", "which city", "which town", "what city", "address"),
        _S: ("when", "whens", "start*", "begin*", "intake", "how long until", "how long till"),
        _O: ("learn*", "teach*", "syllabus", "topic*", "what time", "morning", "afternoon", "evening*",
             "daytime", "every day", "each day", "daily", "lunch*", "break*", "end", "ends", "finish*"),
    },
    "ar": {
        _D: ("مدة*", "مدت*", "كم أسبوع*", "كم أسابيع", "كم ساعة", "كم ساعات", "كم شهر*", "كم اشهر",
             "كم وقت", "كم من وقت", "تستغرق*", "يستغرق*", "تدوم", "يدوم", "يطول*", "تطول*", "بيطول", "بتطول*",
             "جدول*"),
        _P: ("أين", "وين", "فين", "لوين", "أي مدينة", "بأي مدينة", "عنوان*"),
        _S: ("متى", "متي", "امتى", "تبدأ*", "يبدأ*", "بداية*", "بدء", "دفعة*", "بتبلش", "تبلش", "يبلش"),
        _O: ("أتعلم", "تعلم*", "يتعلم*", "نتعلم", "يدرس*", "تدرس*", "ندرس*", "ينتهي", "تنتهي", "نهاية*",
             "صباح*"),
    },
    "so": {
        _D: ("muddo*", "imisa toddobaad*", "imisa saac*", "imisa bil*", "immisa toddobaad*", "immisa saac*",
             "immisa bil*", "intee ayuu socd*", "intee ayay socd*", "intee ayuu qaat*", "intee ayay qaad*"),
        _P: ("xaggee", "xagee", "halkee", "meeshee", "magaaladee"),
        _S: ("goorma*", "goormuu", "goormay", "bilaab*", "bilow*"),
        _O: ("baran*", "bartaa", "bartaan", "saacadee", "ilaa goorma", "galab*", "dhammaad*", "dhammaanay*",
             "dhamaat*"),
    },
    "ti": {
        _D: ("ክንደይ ግዜ", "ንኽንደይ ግዜ", "ንክንደይ ግዜ", "ክንደይ ሰሙን*", "ክንደይ ሰዓት*", "ክንደይ ወርሒ",
             "ክንደይ ኣዋርሕ", "ክንደይ ይወስድ", "ይነውሕ*"),
        _P: ("ኣበይ*", "አበይ*", "ኣየናይ ከተማ", "አየናይ ከተማ"),
        _S: ("መዓስ*", "ይጅምር*", "ዝጅምር*", "ክጅምር*", "ምጅማር*", "መጀመርታ*"),
        _O: ("ይምሃር*", "ክመሃር*", "ንመሃር*", "ትመሃር*", "ምምሃር*", "ሰዓት ክንደይ", "ክሳብ ክንደይ ሰዓት*", "ንግሆ"),
    },
    "uk": {
        _D: ("трива*", "скільки часу", "скільки тижн*", "скільки годин*", "скільки місяц*", "як довго"),
        _P: ("де", "куди", "якому місті", "адрес*"),
        _S: ("коли", "почина*", "початок", "старт*", "набір", "набору"),
        _O: ("навчаю*", "вчать", "вивча*", "котрі*", "котро*", "ранку", "закінч*"),
    },
    "ru": {
        _D: ("длит*", "длительност*", "продолжительност*", "сколько времени", "сколько недел*",
             "сколько час*", "сколько месяц*", "как долго"),
        _P: ("где", "куда", "каком городе", "адрес*"),
        _S: ("когда", "начина*", "начало", "начнёт*", "старт*", "набор"),
        _O: ("учат", "чему", "науч*", "изуча*", "во сколько", "утр*", "законч*", "заканчива*", "конец"),
    },
    "pl": {
        _D: ("trwa*", "jak długo", "ile czasu", "ile tygodni*", "ile godzin*", "ile miesięc*", "ile miesiąc*"),
        _P: ("gdzie", "jakim mieście", "adres*"),
        _S: ("kiedy", "zaczyna*", "rozpoczyna*", "rozpoczęc*", "start*", "nabór"),
        _O: ("uczy", "naucz*", "czego", "której", "kończ*", "koniec", "wakacj*"),
    },
    "lt": {
        _D: ("trunk*", "trukmė*", "kiek laiko", "kiek savaič*", "kiek valand*", "kiek mėnes*", "kiek ilgai", "kelioms savait*",
             "kelias savait*"),
        _P: ("kur", "kokiame mieste", "kuriame mieste", "adres*"),
        _S: ("kada", "prasid*", "pradžia", "pradžios", "start*", "priėmim*"),
        _O: ("mokom*", "mokys*", "išmok*", "kelint*", "baig*"),
    },
    "fa": {
        _D: ("مدت*", "چه مدت*", "چند هفته*", "چند ساعت*", "چند ماه*", "چقدر وقت", "چقدر طول", "طول میکش*",
             "طول می کش*"),
        _P: ("کجا*", "کدوم شهر*", "کدام شهر*", "چه شهر*", "آدرس*"),
        _S: ("شروع*", "چه زمانی", "چه وقت*", "چه موقع*"),
        _O: ("یاد", "ساعت چند", "صبح", "عصر", "تموم*", "پایان*"),
    },
}

_EXTRA_FOLDS = str.maketrans({"ø": "o", "æ": "ae", "ł": "l", "ß": "ss", "ك": "ک", "ة": "ه"})
_ARABIC_AND = "و"  # written onto the next word: "وكم" is "and how much", "وأين" "and where"


def key(word: str) -> str:
    """A word as the cues are compared: folded, with every mark and a few letters folded
    further, so "når" and "nar", "długo" and "dlugo", Arabic and Persian kaf meet. Yeh stays apart:
    Persian "این" is "this", Arabic "اين" "where"."""
    word = "".join(ch for ch in unicodedata.normalize("NFD", fold_word(word))
                   if unicodedata.category(ch) != "Mn")
    return word.translate(_EXTRA_FOLDS)



def _compile() -> List[Cue]:
    found: Dict[Tuple[str, ...], Optional[Aspect]] = {}
    for cues in CUES.values():
        for aspect, phrases in cues.items():
            for phrase in phrases:
                parts = tuple(key(w.rstrip("*")) + ("*" if w.endswith("*") else "") for w in phrase.split())
                found.setdefault(parts, aspect)
    return sorted(found.items(), key=lambda cue: (-len(cue[0]), -sum(len(w) for w in cue[0])))


_CUES = _compile()


def _fits(cue_word: str, word: str) -> bool:
    if cue_word.endswith("*"):
        return word.startswith(cue_word[:-1])
    return word == cue_word


def _fits_word(cue_word: str, word: str) -> bool:
    if _fits(cue_word, word):
        return True
    return len(word) > 2 and word.startswith(_ARABIC_AND) and _fits(cue_word, word[1:])


def aspects(text: str) -> FrozenSet[Aspect]:
    """Every part of a course `text` asks about (none for a button's payload)."""
    if text.startswith("/"):
        return frozenset()
    folded: Sequence[str] = [key(w) for _start, _end, w in words(text)]
    taken = [False] * len(folded)
    found = set()
    for parts, aspect in _CUES:
        for at in range(len(folded) - len(parts) + 1):
            span = range(at, at + len(parts))
            if any(taken[i] for i in span) or not all(
                    _fits_word(cue_word, folded[i]) for cue_word, i in zip(parts, span, strict=True)):
                continue
            for i in span:
                taken[i] = True
            if aspect is not None:
                found.add(aspect)
    return frozenset(found)


def asked_aspect(text: str) -> Optional[Aspect]:
    """The one part of a course `text` asks about, or None when it asks about none, about
    several, or about something only the whole page answers."""
    found = aspects(text)
    if len(found) != 1:
        return None
    (aspect,) = found
    return None if aspect is Aspect.OTHER else aspect
