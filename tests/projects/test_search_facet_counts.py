"""Facet counts and totals agree with counting by hand, for every combination of filters, on a
registry with projects funded several times, undated and open-ended periods, and drafts."""

import datetime
import itertools
import random

import pytest
from django.http import QueryDict

from organizations.models import OrganizationKind
from projects.models import FundingProgramme, ProjectStatus
from projects.search import search_projects
from tests.factories import make_funding, make_organization, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    """40 projects; returns what each published one is, for counting by hand."""
    rng = random.Random(29112026)
    funders = [
        make_organization(name=f"Fondas {n}", slug=f"fondas-{n}", kind=OrganizationKind.PUBLIC_BODY)
        for n in range(4)
    ]
    programmes = [
        FundingProgramme.objects.create(name=f"Programa {n}", slug=f"programa-{n}", funder=funder)
        for n, funder in enumerate(funders + funders[:1])
    ]
    implementers = [make_organization(name=f"NVO {n}", slug=f"nvo-{n}") for n in range(6)]
    published = []
    for number in range(40):
        start = rng.choice([None, *(datetime.date(year, 3, 1) for year in range(2018, 2024))])
        end = None
        if start and rng.random() < 0.7:
            end = datetime.date(start.year + rng.choice([0, 0, 1, 2]), 11, 30)
        status = ProjectStatus.DRAFT if number % 9 == 0 else ProjectStatus.PUBLISHED
        project = make_project(
            title=rng.choice(["Projektas senjorams", "Renginys jaunimui", "Projekto stovykla"]),
            implementer=rng.choice(implementers),
            status=status,
            start_date=start,
            start_precision="day" if start else "",
            end_date=end,
            end_precision="day" if end else "",
        )
        grants = rng.sample(programmes, rng.choice([0, 1, 1, 2, 3]))
        for programme in grants:
            make_funding(project=project, funder=programme.funder, programme=programme)
        if status == ProjectStatus.PUBLISHED:
            last = (end or start).year if start else None
            published.append(
                {
                    "text": "projekt" in project.title.lower(),
                    "funder": {programme.funder.slug for programme in grants},
                    "programme": {programme.slug for programme in grants},
                    "organization": {project.implementer.slug},
                    "year": set(range(start.year, last + 1)) if start else set(),
                }
            )
    return published


FILTER_CHOICES = {
    "funder": [["fondas-1"], ["fondas-0", "fondas-2"]],
    "programme": [["programa-4"]],
    "organization": [["nvo-2"]],
    "year": [["2020"], ["2019", "2023"]],
}


def filter_sets():
    """Every combination of filters (none, one, two... all four), each with its first values,
    and a few with the other values."""
    names = list(FILTER_CHOICES)
    for size in range(len(names) + 1):
        for chosen in itertools.combinations(names, size):
            yield {name: FILTER_CHOICES[name][0] for name in chosen}
    yield {"funder": FILTER_CHOICES["funder"][1], "year": FILTER_CHOICES["year"][1]}
    yield {name: choices[-1] for name, choices in FILTER_CHOICES.items()}


def by_hand(projects, filters, q):
    """(total, {facet: {value: count}}) as the search should count them."""

    def passes(project, name):
        chosen = {int(v) for v in filters[name]} if name == "year" else set(filters[name])
        return bool(project[name] & chosen)

    matching = [project for project in projects if project["text"] or not q]
    total = sum(all(passes(project, name) for name in filters) for project in matching)
    facets = {}
    for facet in FILTER_CHOICES:
        counts = {}
        for project in matching:
            if all(passes(project, name) for name in filters if name != facet):
                for value in project[facet]:
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    return total, facets


# Each finds the titles with "projekt" in them: every form of the word, or the letters as
# written (exact mode).
@pytest.mark.parametrize("q, exact", [("", False), ("projektas", False), ("PROJEKT", True)])
def test_facet_counts_and_totals_match_counting_by_hand(registry, q, exact):
    for filters in filter_sets():
        params = QueryDict(mutable=True)
        if q:
            params["q"] = q
        if exact:
            params["exact"] = "1"
        for name, values in filters.items():
            params.setlist(name, values)
        results = search_projects(params, use_cache=False)
        assert results.is_valid, results.errors
        total, facets = by_hand(registry, filters, q)
        shown = {
            facet: {item["value"]: item["count"] for item in items}
            for facet, items in results.facets.items()
        }
        shown["year"] = {str(year): count for year, count in shown["year"].items()}
        facets["year"] = {str(year): count for year, count in facets["year"].items()}
        assert (results.total, shown) == (total, facets), filters
