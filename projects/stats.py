"""Totals behind the portal's figures and charts, each computed in one grouped query.

Money is attributed to calendar years by its funding row's years (`year_from`..`year_to`),
falling back to the project's period when the row states none, and split evenly across those
years, so the years of a grant add up to the grant. Amounts in litas are converted to euros at
the fixed conversion rate, so that totals can be compared across years.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, IntegerField, Sum
from django.db.models.functions import Coalesce, ExtractYear

from projects.models import Currency, Funding, ProjectStatus
from projects.money import LTL_PER_EUR

CENT = Decimal("0.01")


def to_euros(amount, currency):
    if currency == Currency.LTL:
        return amount / LTL_PER_EUR
    return amount


def round_cents(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def published_fundings():
    """Funding rows of published projects that state an amount."""
    return Funding.objects.filter(project__status=ProjectStatus.PUBLISHED, amount__isnull=False)


def with_attributed_years(fundings):
    """Annotate each row with the first and last year its money is attributed to."""
    start_year = ExtractYear("project__start_date")
    end_year = ExtractYear("project__end_date")
    return fundings.annotate(
        first_year=Coalesce(
            "year_from", "year_to", start_year, end_year, output_field=IntegerField()
        ),
        last_year=Coalesce(
            "year_to", "year_from", end_year, start_year, output_field=IntegerField()
        ),
    )


def _years(first, last):
    if first is None:
        return []
    if last is None or last < first:
        last = first
    return range(first, last + 1)


def total_euros(fundings):
    """The euro total of `fundings` (litas converted)."""
    rows = fundings.order_by().values("currency").annotate(total=Sum("amount"))
    return round_cents(sum((to_euros(r["total"], r["currency"]) for r in rows), Decimal(0)))


def funding_by_year(fundings, year=None):
    """{year: euros} for `fundings`, each row split evenly across its years; ascending years.

    With `year`, only that year's share is computed (rows not touching it are left out).
    """
    rows = with_attributed_years(fundings)
    if year is not None:
        rows = rows.filter(first_year__lte=year, last_year__gte=year)
    rows = (
        rows.order_by().values("first_year", "last_year", "currency").annotate(total=Sum("amount"))
    )
    totals = defaultdict(Decimal)
    for row in rows:
        years = _years(row["first_year"], row["last_year"])
        if not years:
            continue
        share = to_euros(row["total"], row["currency"]) / len(years)
        for each in years:
            totals[each] += share
    result = {each: round_cents(totals[each]) for each in sorted(totals)}
    if year is not None:
        return {year: result.get(year, Decimal(0))}
    return result


def fill_year_gaps(totals):
    """`totals` ({year: value}) with every year between its first and last, missing ones 0."""
    if not totals:
        return {}
    return {year: totals.get(year, 0) for year in range(min(totals), max(totals) + 1)}


def funding_by_funder(fundings, year=None):
    """[(funder name, funder slug, euros)] for `fundings`, largest first.

    With `year`, each row counts with its share of that year only.
    """
    rows = with_attributed_years(fundings)
    if year is not None:
        rows = rows.filter(first_year__lte=year, last_year__gte=year)
    rows = (
        rows.order_by()
        .values("funder__name", "funder__slug", "first_year", "last_year", "currency")
        .annotate(total=Sum("amount"))
    )
    totals = defaultdict(Decimal)
    for row in rows:
        amount = to_euros(row["total"], row["currency"])
        if year is not None:
            amount /= len(_years(row["first_year"], row["last_year"]))
        totals[(row["funder__name"], row["funder__slug"])] += amount
    result = [(name, slug, round_cents(amount)) for (name, slug), amount in totals.items()]
    return sorted(result, key=lambda item: (-item[2], item[0]))


def funding_by_programme(fundings):
    """{programme slug: euros} for the rows of `fundings` that name a programme."""
    rows = (
        fundings.filter(programme__isnull=False)
        .order_by()
        .values("programme__slug", "currency")
        .annotate(total=Sum("amount"))
    )
    totals = defaultdict(Decimal)
    for row in rows:
        totals[row["programme__slug"]] += to_euros(row["total"], row["currency"])
    return {slug: round_cents(amount) for slug, amount in totals.items()}


def projects_per_year(projects):
    """{year: number of projects active in it} for `projects`, ascending years.

    A project counts in every year its period touches, as `Project.objects.active_in_year`
    selects them; projects without both dates belong to no year.
    """
    rows = (
        projects.filter(start_date__isnull=False, end_date__isnull=False)
        .order_by()
        .values(first=ExtractYear("start_date"), last=ExtractYear("end_date"))
        .annotate(count=Count("id"))
    )
    counts = defaultdict(int)
    for row in rows:
        for year in _years(row["first"], row["last"]):
            counts[year] += row["count"]
    return {year: counts[year] for year in sorted(counts)}
