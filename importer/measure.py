"""The importer measured against the curated seed records, field by field.

A value counts as a true positive when it equals the curated one (names compared by their
matching key, statements by normalized text), a false positive when the importer proposed a
value the curator did not (an invented or wrong value), and a false negative when the curator
found a value the importer did not propose. Activities, results, excerpt and content are left
out: the curated ones are a person's summaries, not text found on the page.

    manage.py import_pages path/to/seeds/ --measure
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dateparse import parse_datetime

from importer.models import PageImport
from importer.parsing.organizations import name_key
from importer.parsing.text import normalize_for_comparison
from projects.periods import period_end, period_start
from projects.seeding import read_seed_file

SCALAR_FIELDS = [
    "title",
    "implementer",
    "funder",
    "programme",
    "amount",
    "currency",
    "funding_years",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "source_published_at",
]
LIST_FIELDS = ["partners", "goals", "tasks"]


def _truth(record, organizations, programmes):
    funding = record["fundings"][0] if record["fundings"] else {}
    start = period_start(**record["start"]) if record.get("start") else (None, "")
    end = period_end(**record["end"]) if record.get("end") else (None, "")
    programme = programmes.get(funding.get("programme"))
    published = record.get("source_published_at")
    amount = Decimal(funding["amount"]) if funding.get("amount") else None
    return {
        "title": normalize_for_comparison(record["title"]),
        "implementer": name_key(organizations[record["implementer"]]["name"]),
        "funder": name_key(organizations[funding["funder"]]["name"]) if funding else None,
        "programme": normalize_for_comparison(programme["name"]) if programme else None,
        "amount": amount,
        "currency": funding.get("currency") if amount is not None else None,
        "funding_years": (funding.get("year_from"), funding.get("year_to"))
        if funding.get("year_from")
        else None,
        "start_date": start[0],
        "start_precision": str(start[1]) or None,
        "end_date": end[0],
        "end_precision": str(end[1]) or None,
        "source_published_at": parse_datetime(published) if published else None,
        "partners": {
            (name_key(organizations[p["organization"]]["name"]), p["role"])
            for p in record["partners"]
        },
        "goals": {normalize_for_comparison(text) for text in record["goals"]},
        "tasks": {normalize_for_comparison(text) for text in record["tasks"]},
    }


def _proposed(project):
    funding = project.fundings.select_related("funder", "programme").first()
    amount = funding.amount if funding else None
    return {
        "title": normalize_for_comparison(project.title),
        "implementer": name_key(project.implementer.name),
        "funder": name_key(funding.funder.name) if funding else None,
        "programme": normalize_for_comparison(funding.programme.name)
        if funding and funding.programme
        else None,
        "amount": amount,
        "currency": funding.currency if amount is not None else None,
        "funding_years": (funding.year_from, funding.year_to)
        if funding and funding.year_from
        else None,
        "start_date": project.start_date,
        "start_precision": project.start_precision or None,
        "end_date": project.end_date,
        "end_precision": project.end_precision or None,
        "source_published_at": project.source_published_at,
        "partners": {
            (name_key(link.organization.name), link.role)
            for link in project.partner_links.select_related("organization")
        },
        "goals": {normalize_for_comparison(goal.text) for goal in project.goals.all()},
        "tasks": {normalize_for_comparison(task.text) for task in project.tasks.all()},
    }


def _score(truth, proposed, counts, misses):
    for name in SCALAR_FIELDS:
        expected, got = truth[name], proposed[name]
        if expected is not None and got is not None and expected == got:
            counts[name, "tp"] += 1
            continue
        if got is not None:
            counts[name, "fp"] += 1
            misses.append(f"{name}: proposed {got!r}, curated {expected!r}")
        if expected is not None:
            counts[name, "fn"] += 1
            if got is None:
                misses.append(f"{name}: missed {expected!r}")
    for name in LIST_FIELDS:
        expected, got = truth[name], proposed[name]
        counts[name, "tp"] += len(expected & got)
        counts[name, "fp"] += len(got - expected)
        counts[name, "fn"] += len(expected - got)
        misses.extend(f"{name}: proposed {item!r}" for item in got - expected)
        misses.extend(f"{name}: missed {item!r}" for item in expected - got)


def _ratio(numerator, denominator):
    return numerator / denominator if denominator else 1.0


def _report(counts):
    lines = [f"{'field':<20} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}"]
    totals = Counter()
    for name in SCALAR_FIELDS + LIST_FIELDS:
        tp, fp, fn = counts[name, "tp"], counts[name, "fp"], counts[name, "fn"]
        totals.update(tp=tp, fp=fp, fn=fn)
        lines.append(
            f"{name:<20} {tp:>4} {fp:>4} {fn:>4} "
            f"{_ratio(tp, tp + fp):>10.2f} {_ratio(tp, tp + fn):>8.2f}"
        )
    precision = _ratio(totals["tp"], totals["tp"] + totals["fp"])
    recall = _ratio(totals["tp"], totals["tp"] + totals["fn"])
    lines.append(
        f"{'overall':<20} {totals['tp']:>4} {totals['fp']:>4} {totals['fn']:>4} "
        f"{precision:>10.2f} {recall:>8.2f}"
    )
    return "\n".join(lines), precision, recall


@dataclass
class Measurement:
    table: str
    precision: float
    recall: float
    misses: list
    pages: int


def measure_against_seed_records(data=None):
    """Compare every imported page named like a curated record's seed file with that record."""
    data = data if data is not None else read_seed_file()
    organizations = {item["slug"]: item for item in data["organizations"]}
    programmes = {item["slug"]: item for item in data["programmes"]}
    counts, misses, pages = Counter(), [], 0
    for record in data["projects"]:
        page_import = (
            PageImport.objects.select_related("project__implementer")
            .filter(source_name=record["seed"])
            .first()
        )
        if page_import is None:
            continue
        pages += 1
        truth = _truth(record, organizations, programmes)
        _score(truth, _proposed(page_import.project), counts, misses)
    table, precision, recall = _report(counts)
    return Measurement(table, precision, recall, misses, pages)
