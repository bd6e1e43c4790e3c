"""Organization names in Lithuanian text: matching keys, nominative forms, known funders.

Names appear in any grammatical case ("Moterų informacijos centro misija", "Nacionaliniam
lygybės ir įvairovės forumui", "drauge su Nacionaliniu aktyvių mamų sambūriu"). In such names
only the first adjective and the head noun inflect; the words between are genitives.
"""

import re
from dataclasses import dataclass

from projects.search.analysis import lithuanian_stemmer

from .text import LOWER, UPPER, strip_accents

LEGAL_FORM_WORDS = {
    "všį": "public_institution",
    "vsi": "public_institution",
    "viešoji įstaiga": "public_institution",
    "uab": "private_company",
    "mb": "other",
    "ab": "other",
    "asociacija": "association",
    "labdaros ir paramos fondas": "charity_foundation",
}
STATE_PREFIX = re.compile(r"^(?:lietuvos respublikos|lr)\s+", re.IGNORECASE)
QUOTES = re.compile(r"[„“”\"«»‘’'`]")


def name_key(name):
    """A key equal for the same organization in any case, quoting, legal form or accents.

    "VšĮ „Socialinės partnerystės centras“" and "Socialinės partnerystės centro" share a key.
    """
    text = QUOTES.sub(" ", name or "").casefold()
    text = STATE_PREFIX.sub("", text.strip())
    words = re.findall(rf"[{LOWER}a-z0-9]+", text)
    words = [w for w in words if w not in {"všį", "vsi", "uab", "mb", "ab", "asociacija"}]
    words = [w for w in words if w not in {"ir", "bei"}]
    return " ".join(strip_accents(lithuanian_stemmer().stemWord(word)) for word in words)


def split_legal_form(name):
    """("Socialinės partnerystės centras", "public_institution") from "VšĮ Socialinės…"."""
    match = re.match(r"^(VšĮ|VŠĮ|VsI|UAB|MB|AB)\s+(.+)$", name.strip())
    if not match:
        return name.strip(), ""
    return match[2].strip(), LEGAL_FORM_WORDS.get(match[1].casefold(), "")


# Endings of the head noun (last word) and of a leading "-inis" adjective, case → nominative.
HEAD_ENDINGS = [
    ("iui", "is"),
    ("iumi", "ius"),
    ("ijos", "ija"),
    ("ijai", "ija"),
    ("iją", "ija"),
    ("ijoje", "ija"),
    ("ės", "ė"),
    ("ei", "ė"),
    ("ę", "ė"),
    ("os", "a"),
    ("ai", "a"),
    ("ą", "as"),
    ("ui", "as"),
    ("iu", "is"),
    ("u", "as"),
    ("o", "as"),
]
ADJECTIVE_ENDINGS = [("iam", "is"), ("iu", "is"), ("io", "is"), ("į", "is")]
ORG_HEADS = (
    "centr|forum|asociacij|institut|sambūr|sąjung|fond|bendrij|bendruomen|draugij|klub|"
    "koalicij|tinkl|organizacij|ministerij|departament|gimnazij|mokykl|skyri|tarnyb|agentūr|"
    "savivaldyb|įstaig|federacij|akademij|universitet|kolegij|biblioteka|namai|taryb"
)
HEAD_NOUN = re.compile(rf"^({ORG_HEADS})", re.IGNORECASE)


def to_nominative(phrase):
    """ "Nacionaliniam lygybės ir įvairovės forumui" → "Nacionalinis … forumas"."""
    words = phrase.split()
    if not words:
        return phrase
    # A trailing acronym ("asociacija MES") does not inflect: the head noun is before it.
    head = len(words) - 1
    while head > 0 and words[head].isupper() and len(words[head]) > 1:
        head -= 1
    if HEAD_NOUN.match(words[head]):
        words[head] = _replace_ending(words[head], HEAD_ENDINGS)
    if head > 0 and re.search(r"in(iam|iu|io|į)$", words[0]):
        words[0] = _replace_ending(words[0], ADJECTIVE_ENDINGS)
    return " ".join(words)


def _replace_ending(word, endings):
    for ending, nominative in endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return word


@dataclass(frozen=True)
class KnownBody:
    name: str
    short_name: str
    stem_words: str  # the name's words before "ministerija", accent-free and casefolded


# Lithuanian ministries: funders named in any case become one organization.
MINISTRIES = [
    KnownBody(
        "Lietuvos Respublikos socialinės apsaugos ir darbo ministerija",
        "SADM",
        "socialines apsaugos ir darbo",
    ),
    KnownBody(
        "Lietuvos Respublikos švietimo, mokslo ir sporto ministerija",
        "ŠMSM",
        "svietimo mokslo ir sporto",
    ),
    KnownBody("Lietuvos Respublikos sveikatos apsaugos ministerija", "SAM", "sveikatos apsaugos"),
    KnownBody("Lietuvos Respublikos kultūros ministerija", "KM", "kulturos"),
    KnownBody("Lietuvos Respublikos vidaus reikalų ministerija", "VRM", "vidaus reikalu"),
    KnownBody("Lietuvos Respublikos teisingumo ministerija", "TM", "teisingumo"),
    KnownBody("Lietuvos Respublikos aplinkos ministerija", "AM", "aplinkos"),
    KnownBody("Lietuvos Respublikos žemės ūkio ministerija", "ŽŪM", "zemes ukio"),
    KnownBody("Lietuvos Respublikos ekonomikos ir inovacijų ministerija", "EIMIN", "ekonomikos ir"),
    KnownBody("Lietuvos Respublikos finansų ministerija", "FM", "finansu"),
    KnownBody("Lietuvos Respublikos užsienio reikalų ministerija", "URM", "uzsienio reikalu"),
    KnownBody("Lietuvos Respublikos krašto apsaugos ministerija", "KAM", "krasto apsaugos"),
    KnownBody("Lietuvos Respublikos susisiekimo ministerija", "SM", "susisiekimo"),
    KnownBody("Lietuvos Respublikos energetikos ministerija", "ENMIN", "energetikos"),
]

MINISTRY_PHRASE = re.compile(
    rf"(?:(?:Lietuvos Respublikos|LR)\s+)?((?:[{UPPER}{LOWER}]+,?\s+){{1,4}})ministerij[{LOWER}]*",
    re.IGNORECASE,
)


def find_ministry(text):
    """(KnownBody or a nominative name, matched text) of the first ministry named in `text`."""
    for match in MINISTRY_PHRASE.finditer(text):
        words = strip_accents(match[1].casefold()).replace(",", " ")
        words = " ".join(words.split())
        for body in MINISTRIES:
            if words.endswith(body.stem_words):
                return body, match.group(0)
        # An unknown ministry: keep the words the page wrote, in the nominative.
        name = re.sub(r"ministerij\w*$", "ministerija", match.group(0).strip())
        return name[:1].upper() + name[1:], match.group(0)
    return None, ""


ACRONYM_STOP = {"NVO", "ES", "LR", "UAB", "VŠĮ", "MB", "AB", "EUR", "NE", "PVM", "ŠMSM", "SADM"}


def acronym_expansions(text):
    """{acronym: phrase} where a phrase's initials spell an acronym used in the page.

    'Moterų informacijos centro … MIC' gives {'MIC': 'Moterų informacijos centro'}.
    """
    acronyms = {}
    for acronym in re.findall(rf"\b[{UPPER}]{{2,6}}\b", text):
        if acronym not in ACRONYM_STOP:
            acronyms[acronym] = acronyms.get(acronym, 0) + 1
    found = {}
    words = list(re.finditer(rf"[{UPPER}{LOWER}]+", text))
    for acronym in sorted(acronyms, key=lambda a: -acronyms[a]):
        letters = list(acronym)
        for index, word in enumerate(words):
            if not word.group(0)[0].isupper() or word.group(0).isupper():
                continue
            phrase, position, cursor = [], 0, index
            while cursor < len(words) and position < len(letters):
                current = words[cursor].group(0)
                if current in {"ir", "bei"} and phrase:
                    phrase.append(current)
                elif current[0].upper() == letters[position]:
                    phrase.append(current)
                    position += 1
                else:
                    break
                cursor += 1
            if position == len(letters) and HEAD_NOUN.match(phrase[-1]):
                found[acronym] = " ".join(phrase)
                break
    return found, acronyms
