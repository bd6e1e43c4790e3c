"""Facet counts and totals agree with counting by hand, for every combination of filters, on a
registry with projects funded several times, undated and open-ended periods, and drafts."""

import itertools

import pytest

from projects.models import Project
from projects.search import SearchCriteria, filter_projects
from tests.projects.hand_counts import FILTER_CHOICES, by_hand, search

pytestmark = pytest.mark.django_db


def filter_sets():
    """Every combination of filters (none, one, two... all four), each with its first values,
    and a few with the other values."""
    names = list(FILTER_CHOICES)
    for size in range(len(names) + 1):
        for chosen in itertools.combinations(names, size):
            yield {name: FILTER_CHOICES[name][0] for name in chosen}
    yield {"funder": FILTER_CHOICES["funder"][1], "year": FILTER_CHOICES["year"][1]}
    yield {name: choices[-1] for name, choices in FILTER_CHOICES.items()}


# Each finds the titles with "projekt" in them: every form of the word, or the letters as
# written (exact mode).
@pytest.mark.parametrize("q, exact", [("", False), ("projektas", False), ("PROJEKT", True)])
def test_facet_counts_and_totals_match_counting_by_hand(registry, q, exact):
    for filters in filter_sets():
        results = search(q, exact, **filters)
        total, facets = by_hand(registry, filters, q)
        shown = {
            facet: {item["value"]: item["count"] for item in items}
            for facet, items in results.facets.items()
        }
        shown["year"] = {str(year): count for year, count in shown["year"].items()}
        facets["year"] = {str(year): count for year, count in facets["year"].items()}
        assert (results.total, shown) == (total, facets), filters


def passes(project, filters):
    return all(
        project[name] & ({int(value) for value in values} if name == "year" else set(values))
        for name, values in filters.items()
    )


# What the JSON API, the CSV and a page past the shown ids list: filter_projects().
@pytest.mark.parametrize("q, exact", [("", False), ("projektas", False), ("PROJEKT", True)])
def test_filtered_lists_hold_the_projects_passing_every_filter(registry, q, exact):
    for filters in [*filter_sets(), {"funder": ["nera"]}, {"programme": ["nera"]}]:
        criteria = SearchCriteria(
            q=q,
            exact=exact,
            funders=tuple(filters.get("funder", ())),
            years=tuple(int(year) for year in filters.get("year", ())),
            organization=filters.get("organization", [""])[0],
            programme=filters.get("programme", [""])[0],
        )
        listed = filter_projects(Project.objects.published(), criteria)
        expected = {
            project["id"]
            for project in registry
            if (project["text"] or not q) and passes(project, filters)
        }
        assert {project.pk for project in listed} == expected, filters


@pytest.mark.parametrize("q, exact", [("", False), ("projektas", False), ("PROJEKT", True)])
def test_the_organization_facet_holds_the_biggest_organizations(registry, monkeypatch, q, exact):
    from organizations.models import Organization
    from projects.search import facets

    monkeypatch.setattr(facets, "FACET_LIMIT", 2)
    ids = dict(Organization.objects.values_list("slug", "id"))
    for filters in filter_sets():
        results = search(q, exact, **filters)
        _, by_hand_facets = by_hand(registry, filters, q)
        counted = by_hand_facets["organization"].items()
        biggest = sorted(counted, key=lambda item: (-item[1], ids[item[0]]))[:2]
        shown = [(item["value"], item["count"]) for item in results.facets["organization"]]
        assert shown == sorted(biggest, key=lambda item: (-item[1], item[0])), filters
