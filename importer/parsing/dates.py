"""Project periods and publication dates as Lithuanian pages write them.

"2017 m. rugsėjo 1 d.", "nuo … iki …", "2017 09 01 – 2017 12 31", "2024.01.01–2024.12.31",
"2020-2021 metais", "2020 metų sausis-gruodis", "2017 m. rugsėjo 1 d. – gruodžio 31 d." (a year
written once for both ends). Pages also mention contract dates, programme periods ("konkursas
2020–2021 metams") and history years; only sentences that speak of the project's own run count.
"""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from projects.periods import DatePrecision, period_end, period_start

from .text import split_sentences

VILNIUS = ZoneInfo("Europe/Vilnius")

MONTHS_GENITIVE = {
    "sausio": 1, "vasario": 2, "kovo": 3, "balandžio": 4, "gegužės": 5, "birželio": 6,
    "liepos": 7, "rugpjūčio": 8, "rugsėjo": 9, "spalio": 10, "lapkričio": 11, "gruodžio": 12,
}  # fmt: skip
MONTHS_NOMINATIVE = {
    "sausis": 1, "vasaris": 2, "kovas": 3, "balandis": 4, "gegužė": 5, "birželis": 6,
    "liepa": 7, "rugpjūtis": 8, "rugsėjis": 9, "spalis": 10, "lapkritis": 11, "gruodis": 12,
}  # fmt: skip
_GEN = "|".join(MONTHS_GENITIVE)
_NOM = "|".join(MONTHS_NOMINATIVE)
_DASH = r"\s*[-–—]\s*"

TOKEN_PATTERNS = [
    # 2017 m. rugsėjo 1 d.
    (
        "lt_day",
        re.compile(rf"(?P<y>(?:19|20)\d\d)\s*m\.?\s+(?P<m>{_GEN})\s+(?P<d>\d{{1,2}})\s*d\.?"),
    ),
    # 2017-09-01, 2017 09 01, 2017.09.01
    (
        "num_day",
        re.compile(
            r"(?<![\d:])(?P<y>(?:19|20)\d\d)(?P<sep>[-. /])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
            r"(?P<d>0?[1-9]|[12]\d|3[01])\b(?!\s*\d\d:\d\d)"
        ),
    ),
    # 2020 metų sausis-gruodis, 2017 m. rugsėjo–gruodžio mėn.
    (
        "lt_months",
        re.compile(
            rf"(?P<y>(?:19|20)\d\d)\s*(?:m\.|metų)\s+(?P<m1>{_NOM})(?:{_DASH}(?P<m2>{_NOM}))?\b"
        ),
    ),
    (
        "lt_months_gen",
        re.compile(
            rf"(?P<y>(?:19|20)\d\d)\s*m\.\s+(?P<m1>{_GEN})(?:{_DASH}(?P<m2>{_GEN}))?\s*mėn\.?"
        ),
    ),
    # gruodžio 31 d. (its year comes from the date before it)
    ("lt_day_no_year", re.compile(rf"(?<![\d.] )(?P<m>{_GEN})\s+(?P<d>\d{{1,2}})\s*d\.?")),
    # 2020-2021 metais / metus / m.; not "2020–2021 metams" (a programme's years)
    (
        "year_range",
        re.compile(
            rf"(?<!\d)(?P<y1>(?:19|20)\d\d){_DASH}(?P<y2>(?:19|20)\d\d)\s*"
            r"(?P<unit>m\.|metais|metus|metų)(?!\w)"
        ),
    ),
]

LABEL_WORDS = re.compile(
    r"trukmė|laikotarp|įgyvendinama|įgyvendinamas|įgyvendinti per|bus įgyvendint|vykdomas|"
    r"vykdo projekt|vykdo\b|\bnuo\b|pradėtas projektas|projektas pradėtas|projekt",
    re.IGNORECASE,
)
START_WORDS = re.compile(r"pradėtas projektas|projektas pradėtas|prasidėjo|\bnuo\b", re.IGNORECASE)
# Sentences about something else than the project's own run.
EXCLUDE_WORDS = re.compile(r"konkurs|paskelbta|ataskait|įkurt|veikia nuo", re.IGNORECASE)
CONNECTOR = re.compile(r"^\s*(?:[-–—]|iki|ir|,)\s*$", re.IGNORECASE)
PRECISION_RANK = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1}


@dataclass
class Token:
    start: int
    end: int
    first: tuple  # (year, month, day) with None for what is not stated
    last: tuple


@dataclass
class PeriodCandidate:
    start: tuple | None
    end: tuple | None
    text: str
    sentence: str
    labeled: bool

    @property
    def precision_rank(self):
        parts = [p for p in (self.start, self.end) if p]
        return min(3 - sum(x is None for x in part[1:]) for part in parts) if parts else 0


@dataclass
class Period:
    start_date: datetime.date | None = None
    start_precision: str = ""
    end_date: datetime.date | None = None
    end_precision: str = ""
    text: str = ""
    source: str = ""
    warning: str = ""


def _tokens(sentence):
    tokens, taken = [], []
    for kind, pattern in TOKEN_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            token = _token(kind, match, tokens, sentence)
            if token:
                tokens.append(token)
                taken.append((match.start(), match.end()))
    tokens.sort(key=lambda token: token.start)
    # A year written once: "2017 m. rugsėjo 1 d. – gruodžio 31 d." takes the year from the left.
    for index, token in enumerate(tokens):
        if token.first[0] is None:
            year = tokens[index - 1].last[0] if index else None
            if year is None:
                token.first = token.last = None
            else:
                token.first = token.last = (year, *token.first[1:])
    return [token for token in tokens if token.first]


def _token(kind, match, tokens, sentence):
    group = match.groupdict()
    if kind == "lt_day":
        date = (int(group["y"]), MONTHS_GENITIVE[group["m"]], int(group["d"]))
        return Token(match.start(), match.end(), date, date)
    if kind == "num_day":
        date = (int(group["y"]), int(group["m"]), int(group["d"]))
        return Token(match.start(), match.end(), date, date)
    if kind in {"lt_months", "lt_months_gen"}:
        months = MONTHS_NOMINATIVE if kind == "lt_months" else MONTHS_GENITIVE
        year = int(group["y"])
        first_month = months[group["m1"]]
        last_month = months[group["m2"]] if group["m2"] else first_month
        first, last = (year, first_month, None), (year, last_month, None)
        return Token(match.start(), match.end(), first, last)
    if kind == "lt_day_no_year":
        date = (None, MONTHS_GENITIVE[group["m"]], int(group["d"]))
        return Token(match.start(), match.end(), date, date)
    if kind == "year_range":
        first, last = (int(group["y1"]), None, None), (int(group["y2"]), None, None)
        return Token(match.start(), match.end(), first, last)
    return None


def _candidates(sentence):
    """Period candidates in one sentence: full ranges, or a start or an end alone."""
    if EXCLUDE_WORDS.search(sentence):
        return []
    tokens = _tokens(sentence)
    if not tokens:
        return []
    labeled = bool(LABEL_WORDS.search(sentence))
    candidates = []
    group = [tokens[0]]
    for token in tokens[1:]:
        if CONNECTOR.match(sentence[group[-1].end : token.start]):
            group.append(token)
        else:
            candidates.extend(_from_group(group, sentence, labeled))
            group = [token]
    candidates.extend(_from_group(group, sentence, labeled))
    return candidates


def _from_group(group, sentence, labeled):
    first, last = group[0], group[-1]
    text = sentence[first.start : last.end].strip()
    before = sentence[: first.start].rstrip().casefold()
    if len(group) > 1 or first.first != first.last:
        if before.endswith("nuo"):
            text = sentence[first.start - 4 : last.end].strip()
        return [PeriodCandidate(first.first, last.last, text, sentence, labeled)]
    if before.endswith("iki"):
        return [PeriodCandidate(None, first.last, "iki " + text, sentence, labeled)]
    if before.endswith("nuo") or START_WORDS.search(sentence):
        return [PeriodCandidate(first.first, None, text, sentence, labeled)]
    return []


def _as_date(parts, *, end):
    year, month, day = parts
    return (period_end if end else period_start)(year, month, day)


def find_period(lines):
    """The project's own period; a warning instead of dates when the page contradicts itself."""
    candidates = [
        candidate
        for line in lines
        for sentence in split_sentences(line)
        for candidate in _candidates(sentence)
    ]
    ranges = [c for c in candidates if c.start and c.end]
    if ranges:
        best = max(ranges, key=lambda c: (c.labeled, c.precision_rank))
        rivals = [
            c
            for c in ranges
            if c.labeled and (c.start[0], c.end[0]) != (best.start[0], best.end[0])
        ]
        if rivals:
            return Period(
                text=best.text,
                source=best.sentence,
                warning="Puslapyje nurodyti skirtingi projekto laikotarpiai: "
                + "; ".join(sorted({best.text, *(c.text for c in rivals)})),
            )
        return _period(best.start, best.end, best.text, best.sentence)
    starts = [c for c in candidates if c.start and c.labeled]
    ends = [c for c in candidates if c.end and c.labeled]
    if not starts and not ends:
        return Period()
    start = max(starts, key=lambda c: c.precision_rank) if starts else None
    end = max(ends, key=lambda c: c.precision_rank) if ends else None
    text = "; ".join(c.text for c in (start, end) if c)
    source = " ".join(c.sentence for c in (start, end) if c)
    return _period(start.start if start else None, end.end if end else None, text, source)


def _period(start, end, text, source):
    period = Period(text=text, source=source)
    try:
        if start:
            period.start_date, period.start_precision = _as_date(start, end=False)
        if end:
            period.end_date, period.end_precision = _as_date(end, end=True)
    except ValueError:
        return Period(text=text, source=source, warning=f"Neteisinga data šaltinyje: {text}")
    if period.start_date and period.end_date and period.end_date < period.start_date:
        return Period(
            text=text,
            source=source,
            warning=(
                f"Šaltinyje nurodyta pabaiga ankstesnė už pradžią ({text}). Laikotarpio datos "
                "neįrašytos, kol jų nepatikslins vykdytojas; šaltinio tekstas išsaugotas."
            ),
        )
    return period


PUBLISHED = re.compile(
    r"(?:Paskelbta|Publikuota|Įkelta)\s*:?\s*(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:[ T](?P<H>\d\d):(?P<M>\d\d))?",
    re.IGNORECASE,
)


def find_published_at(lines):
    """'Paskelbta: 2017-10-04 12:38' as an aware datetime in Europe/Vilnius, with its line."""
    for line in lines:
        match = PUBLISHED.search(line)
        if match:
            parts = {key: int(value) if value else 0 for key, value in match.groupdict().items()}
            try:
                value = datetime.datetime(
                    parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], tzinfo=VILNIUS
                )
            except ValueError:
                return None, line
            return value, line
    return None, ""
