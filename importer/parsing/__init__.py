"""Reads one Lithuanian project page into a proposal for a draft project.

Each proposed value carries the text it was read from (`ParsedPage.provenance`), and every doubt
becomes a warning instead of a guess: staff decide.
"""

import re
from dataclasses import dataclass, field

from .amounts import find_amounts
from .dates import Period, find_period, find_published_at
from .lists import find_activities, find_goals, find_tasks
from .organizations import (
    ACRONYM_STOP,
    KnownBody,
    acronym_expansions,
    find_ministry,
    name_key,
    split_legal_form,
    to_nominative,
)
from .text import (
    LOWER,
    UPPER,
    capitalize_first,
    clean_lines,
    has_mojibake,
    html_to_text,
    looks_like_html,
    repair_mojibake,
    split_sentences,
)


@dataclass
class OrganizationRef:
    name: str
    short_name: str = ""
    legal_form: str = ""
    kind: str = "ngo"
    role: str = ""
    source: str = ""
    legal_code: str = ""

    @property
    def key(self):
        return name_key(self.name)


@dataclass
class Warning:
    field: str
    message: str
    source_text: str = ""


@dataclass
class ParsedPage:
    title: str = ""
    implementer: OrganizationRef | None = None
    partners: list = field(default_factory=list)
    funder: OrganizationRef | None = None
    administrator: OrganizationRef | None = None
    programme: str = ""
    programme_years: tuple = (None, None)
    amount: object = None
    period: Period = field(default_factory=Period)
    goals: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    results: list = field(default_factory=list)
    excerpt: str = ""
    content: str = ""
    source_url: str = ""
    source_published_at: object = None
    text: str = ""
    warnings: list = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def warn(self, field_name, message, source_text=""):
        self.warnings.append(Warning(field_name, message, source_text))


def parse_page(text, *, source_url=""):
    page = ParsedPage(source_url=source_url)
    # NUL characters carry no text and PostgreSQL cannot store them.
    text = text.replace("\x00", "")
    if looks_like_html(text):
        text, canonical = html_to_text(text)
        page.source_url = page.source_url or canonical
    if has_mojibake(text):
        repaired = repair_mojibake(text)
        if repaired is None:
            page.warn(
                "content",
                "Puslapio koduotė sugadinta (pvz. „Ä—“ vietoj „ė“) ir jos atkurti nepavyko: "
                "pavadinimus ir datas patikrinkite pagal šaltinį.",
            )
        else:
            text = repaired
            page.warn(
                "content",
                "Puslapio koduotė buvo sugadinta (pvz. „Ä—“ vietoj „ė“); tekstas atkurtas "
                "automatiškai, patikrinkite jį.",
            )
    page.text = text
    lines = clean_lines(text)
    if not lines:
        raise ValueError("Puslapyje nėra teksto.")
    _read_title(page, lines)
    _read_body(page, lines)
    page.source_published_at, published_line = find_published_at(lines)
    if page.source_published_at:
        page.provenance["source_published_at"] = published_line
    page.period = find_period([line for line in lines if line != published_line])
    if page.period.source:
        page.provenance["period"] = page.period.source
    if page.period.warning:
        page.warn("period", page.period.warning, page.period.source)
    _read_organizations(page, lines)
    _read_funding(page, lines)
    page.goals, source = find_goals(lines)
    if page.goals:
        page.provenance["goals"] = source
    page.tasks, source = find_tasks(lines)
    if page.tasks:
        page.provenance["tasks"] = source
    page.activities, source = find_activities(lines)
    if page.activities:
        page.provenance["activities"] = source
    return page


TITLE_IN_QUOTES = re.compile(
    r"(?:^|\bprojektas\s+)[„“\"](?P<title>.+?)\.?[“”\"]\s*$", re.IGNORECASE
)


def _read_title(page, lines):
    first = lines[0]
    title = first.split(" | ")[0].strip()
    match = TITLE_IN_QUOTES.search(title)
    if match:
        title = match["title"].strip()
    title = re.sub(r"\bVŠĮ\b", "VšĮ", title)
    page.title = title
    page.provenance["title"] = first


def _read_body(page, lines):
    body = []
    for line in lines[1:]:
        if line.split(" | ")[0].strip() in {page.title, lines[0].split(" | ")[0].strip()}:
            continue
        if re.match(r"^(?:Paskelbta|Publikuota)\s*:", line, re.IGNORECASE):
            continue
        body.append(line)
    page.content = "\n\n".join(body)
    for line in body:
        for sentence in split_sentences(line):
            if len(sentence) > 60 and not sentence.startswith(("Trukmė", "Projektą finans")):
                page.excerpt = sentence[:497] + ("…" if len(sentence) > 497 else "")
                page.provenance["excerpt"] = sentence
                return


ORG_KIND = [
    (re.compile(r"ministerij|departament|agentūr|tarnyb", re.IGNORECASE), "public_body"),
    (re.compile(r"savivaldyb", re.IGNORECASE), "municipality"),
    (re.compile(r"gimnazij|mokykl|ugdymo centr|švietimo centr", re.IGNORECASE), "school"),
    (re.compile(r"forum|koalicij", re.IGNORECASE), "coalition"),
]
PUBLIC_PARTY = re.compile(r"departament|ministerij|agentūr|savivaldyb|tarnyb", re.IGNORECASE)


def _organization(name, *, role="", source="", short_name=""):
    name = name.strip(" ,.;:–-").strip()
    name = re.sub(r"^[„“\"]|[“”\"]$", "", name).strip()
    bare_name, legal_form = split_legal_form(name)
    if legal_form != "private_company":
        # "UAB IDEA MECCA" is how a company is named; "VšĮ" is only the legal form.
        name = bare_name
    kind = "business" if legal_form == "private_company" else "ngo"
    for pattern, guess in ORG_KIND:
        if pattern.search(name):
            kind = guess
            break
    return OrganizationRef(
        name=name,
        short_name=short_name,
        legal_form=legal_form,
        kind=kind,
        role=role,
        source=source,
    )


NAME = rf"[{UPPER}„“\"][^,;.]*?"
IMPLEMENTER_LABEL = re.compile(
    r"\bProjekto vykdytoj(?:as|a)\s*[–—:-]\s*(?P<name>.+)$", re.IGNORECASE
)
PARTNERS_LABEL = re.compile(r"\bProjekto partneriai\s*[–—:-]\s*(?P<names>.+)$", re.IGNORECASE)
CONTRACT = re.compile(
    rf"^(?P<a>{NAME})\s+ir\s+(?P<b>{NAME})\s+(?:\d{{4}}\s*m\.[^,]*?\s+)?pasirašė\s+sutart"
)
TOGETHER = re.compile(
    rf"^(?P<lead>[„“\"][^“”\"]+[“”\"]|{NAME})\s+(?:drauge|kartu)\s+su\s+(?P<rest>.+?)\s+"
    r"(?:\d{4}|vykdo|įgyvendina)"
)
PARTNER_INLINE = re.compile(
    rf"\bpartneri\w*\s+(?P<name>(?:UAB|VšĮ|MB|AB)\s+[„\"]?[{UPPER}0-9]"
    rf"[\w{UPPER}{LOWER}\- ]*?)[“\"]?"
    rf"(?=\s+[{LOWER}]|[,.;]|$)"
)
CARRIED_OUT_BY = re.compile(
    r"\bProjektas vykdomas\s+(?:\d+\s+organizacijų\s+vienijanči\w+\s+)?"
    rf"(?P<name>[{UPPER}][^,.;]*?(?:forumo|koalicijos|asociacijos|tinklo|sąjungos|centro))\b"
)
DEPARTMENT_UNDER = re.compile(
    rf"(?P<name>[{UPPER}][{LOWER}]+(?:\s+[{LOWER}]+){{0,4}}\s+(?:departamentas|agentūra|tarnyba)"
    rf"\s+prie\s+(?:[{UPPER}{LOWER}]+\s+){{1,5}}ministerijos)"
)


def _read_organizations(page, lines):
    for line in lines:
        match = IMPLEMENTER_LABEL.search(line)
        if match and not page.implementer:
            page.implementer = _organization(match["name"], source=line)
        match = PARTNERS_LABEL.search(line)
        if match:
            for name in re.split(r",\s+|;\s+", match["names"]):
                if name.strip():
                    page.partners.append(_organization(name, role="partner", source=line))
        for sentence in split_sentences(line):
            match = CONTRACT.search(sentence)
            if match:
                a, b = match["a"], match["b"]
                private, public = (b, a) if PUBLIC_PARTY.search(a) else (a, b)
                if not page.implementer and not PUBLIC_PARTY.search(private):
                    page.implementer = _organization(private, source=sentence)
                if PUBLIC_PARTY.search(public) and not page.administrator:
                    page.administrator = _organization(public, source=sentence)
            match = TOGETHER.search(sentence)
            if match and not page.implementer:
                page.implementer = _organization(match["lead"], source=sentence)
                for name in re.split(r",\s+|\s+ir\s+", match["rest"]):
                    page.partners.append(
                        _organization(to_nominative(name), role="co_implementer", source=sentence)
                    )
            for match in PARTNER_INLINE.finditer(sentence):
                page.partners.append(_organization(match["name"], role="partner", source=sentence))
            match = CARRIED_OUT_BY.search(sentence)
            if match:
                page.partners.append(
                    _organization(
                        to_nominative(match["name"]), role="co_implementer", source=sentence
                    )
                )
            match = DEPARTMENT_UNDER.search(sentence)
            if match and not page.administrator:
                page.administrator = _organization(match["name"], source=sentence)
    text = "\n".join(lines)
    expansions, counts = acronym_expansions(text)
    if not page.implementer:
        for acronym in sorted(expansions, key=lambda a: -counts[a]):
            phrase = expansions[acronym]
            page.implementer = _organization(
                to_nominative(phrase),
                short_name=acronym,
                source=_line_with(lines, phrase),
            )
            break
    elif page.implementer and not page.implementer.short_name:
        for acronym, phrase in expansions.items():
            if name_key(to_nominative(phrase)) == page.implementer.key:
                page.implementer.short_name = acronym
    if page.implementer:
        _short_name_from_text(page.implementer, text)
        codes = {match[1] or match[2] for match in LEGAL_CODE.finditer(text)}
        if len(codes) == 1:
            # One legal-entity code on the page: the implementer's, as its footer states it.
            page.implementer.legal_code = codes.pop()
        page.provenance["implementer"] = page.implementer.source
    else:
        page.warn("implementer", "Projekto vykdytojas nerastas: nurodykite jį.")
    # One row per organization; the implementer is not its own partner.
    seen = {page.implementer.key} if page.implementer else set()
    partners = []
    for partner in page.partners:
        if partner.key and partner.key not in seen:
            seen.add(partner.key)
            partners.append(partner)
    page.partners = partners
    if partners:
        page.provenance["partners"] = "\n".join(dict.fromkeys(p.source for p in partners))


LEGAL_CODE = re.compile(
    r"(?:juridinio asmens|įmonės|įstaigos|organizacijos)\s+kodas\s*:?\s*(\d{9})\b"
    r"|\bį\.\s*k\.\s*(\d{9})\b",
    re.IGNORECASE,
)


def _short_name_from_text(organization, text):
    """An acronym the page uses for the implementer, e.g. "(SPC)" or "SPC komanda"."""
    if organization.short_name:
        return
    initials = "".join(
        word[0].upper() for word in organization.name.split() if word not in {"ir", "bei"}
    )
    if len(initials) >= 2 and initials not in ACRONYM_STOP and re.search(rf"\b{initials}\b", text):
        organization.short_name = initials


def _line_with(lines, phrase):
    return next((line for line in lines if phrase in line), "")


FUNDING_WORDS = re.compile(r"finansuo|finansavo|\bremia\b|\bparėmė\b|lėšomis|skyrė", re.IGNORECASE)
FUNDER_AFTER_VERB = re.compile(
    rf"\b(?:finansuoja|remia|parėmė|finansavo)\s*[–—:-]?\s*(?P<name>[{UPPER}][^,.;]+)"
)
PROGRAMME_STRENGTHENING = re.compile(
    r"(?:^|[.,:;„“\"]\s*|\b(?:įgyvendina|vykdo|įgyvendino|vykdė|pradeda)\s+)"
    r"(?P<words>(?:[^\s.,;:]+\s+){1,6}?)institucinio stiprinimo projekt",
    re.IGNORECASE,
)
PROGRAMME_COMPETITION = re.compile(
    r"\borganizuot[ąa]\s+(?P<name>[^.]*?konkurs)(?:ą|as|o|ui)\b(?P<rest>[^.]*)"
)
PROGRAMME_YEARS = re.compile(r"(?P<y1>(?:19|20)\d\d)\s*[–—-]\s*(?P<y2>(?:19|20)\d\d)\s+metams")


def _read_funding(page, lines):
    for line in lines:
        for sentence in split_sentences(line):
            if not FUNDING_WORDS.search(sentence):
                continue
            body, matched = find_ministry(sentence)
            if body:
                page.funder = _funder(body, sentence)
                break
            match = FUNDER_AFTER_VERB.search(sentence)
            if match:
                page.funder = _organization(to_nominative(match["name"]), source=sentence)
                page.warn(
                    "funder",
                    f"Finansuotojas „{page.funder.name}“ atpažintas tik iš sakinio: patikrinkite.",
                    sentence,
                )
                break
        if page.funder:
            break
    if not page.funder and page.administrator:
        # A department "prie … ministerijos" administers; the ministry above it funds.
        body, _matched = find_ministry(page.administrator.name)
        if body:
            page.funder = _funder(body, page.administrator.source)
    if page.funder:
        page.provenance["funder"] = page.funder.source
    else:
        page.warn("funder", "Finansuotojas nerastas: nurodykite, kas finansavo projektą.")
    if page.administrator:
        page.provenance["administrator"] = page.administrator.source

    _read_programme(page, lines)

    amounts = find_amounts(lines)
    if len(amounts) == 1:
        page.amount = amounts[0]
        page.provenance["amount"] = amounts[0].sentence
    elif len(amounts) > 1:
        page.warn(
            "amount",
            "Puslapyje kelios galimos sumos: "
            + ", ".join(amount.text for amount in amounts)
            + ". Suma neįrašyta: nurodykite, kuri yra projekto finansavimas.",
            "\n".join(dict.fromkeys(amount.sentence for amount in amounts)),
        )


def _funder(body, source):
    if isinstance(body, KnownBody):
        return OrganizationRef(
            name=body.name,
            short_name=body.short_name,
            legal_form="budgetary_institution",
            kind="public_body",
            source=source,
        )
    return OrganizationRef(
        name=body, legal_form="budgetary_institution", kind="public_body", source=source
    )


def _read_programme(page, lines):
    for line in lines:
        for match in PROGRAMME_STRENGTHENING.finditer(line):
            words = match["words"].strip()
            if re.search(rf"\b[{UPPER}]{{2,}}\b", words):
                # "NLĮF institucinio stiprinimo projektas" names a project, not a programme.
                continue
            page.programme = capitalize_first(f"{words} institucinis stiprinimas")
            page.provenance["programme"] = line
            return
        match = PROGRAMME_COMPETITION.search(line)
        if match:
            page.programme = capitalize_first(f"{match['name']}as{match['rest']}".strip())
            page.provenance["programme"] = line
            years = PROGRAMME_YEARS.search(page.programme)
            if years:
                page.programme_years = (int(years["y1"]), int(years["y2"]))
            return
