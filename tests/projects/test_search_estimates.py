"""A search too broad to count quickly estimates its counts from a fixed sample of the registry,
says so, and stays exact wherever counting is cheap (projects/search/estimates.py).

The `registry` fixture (conftest.py: 40 projects) with a sample of ~10 projects: 256 of
the 1 024 buckets, so every sampled count stands for four. Expected figures are counted by
hand on the projects whose id falls into those buckets."""

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects import registry_version
from projects.models import Project
from projects.search import (
    SearchCriteria,
    candidate_limit,
    estimates,
    postgres,
    search_projects,
    sqlite,
)
from projects.search.estimates import estimate
from projects.search.results import scan_cheaper
from projects.search.schema import (
    KEYS,
    SAMPLE_BUCKET,
    SAMPLE_BUCKETS,
    SAMPLE_GROUP,
    sample_bucket,
    sample_keys,
)
from tests.projects.hand_counts import FILTER_CHOICES, by_hand, search

pytestmark = pytest.mark.django_db

BUCKETS = 256  # ceil(1 024 buckets * 10 projects wanted / 40 projects in the table)
SCALE = 4


@pytest.fixture
def small_sample(monkeypatch):
    monkeypatch.setattr(estimates, "SAMPLE_ROWS", 10)
    monkeypatch.setattr(estimates, "EXACT_SAMPLE_ROWS", 10)
    # A quarter of the 40 projects: far more buckets than a registry's sample takes.
    monkeypatch.setattr(estimates, "MAX_SAMPLE_KEY_TESTS", 10 * estimates.SAMPLE_BUCKETS)
    # One sample, unless a test asks for a larger one when it finds too few matches.
    monkeypatch.setattr(estimates, "MIN_SAMPLED_MATCHES", 1)


def shown_facets(results):
    return {
        facet: {str(item["value"]): item["count"] for item in items}
        for facet, items in results.facets.items()
    }


def matches(projects, filters, q, found="text"):
    def failed(project):
        return sum(
            not (project[name] & ({int(v) for v in values} if name == "year" else set(values)))
            for name, values in filters.items()
        )

    return [(project, failed(project)) for project in projects if project[found] or not q]


def in_sample(projects):
    return [project for project in projects if sample_bucket(project["id"]) < BUCKETS]


def test_the_bucket_is_the_same_in_sql_and_in_python(registry):
    sql = SAMPLE_BUCKET.format(column="id")
    rows = Project.objects.annotate(bucket=RawSQL(sql, [])).values_list("id", "bucket")
    assert rows and all(bucket == sample_bucket(pk) for pk, bucket in rows)
    assert len({bucket for _, bucket in rows}) > 20  # spread, not one bucket


@pytest.mark.skipif(connection.vendor != "postgresql", reason="keys are PostgreSQL's lexemes")
def test_a_projects_keys_are_its_bucket_implementer_funders_programmes_and_years(registry):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, tsvector_to_array(projects_search_keys(id, implementer_id,"
            " facet_funders, facet_programmes, facet_years)) FROM projects_project"
        )
        keys = dict(cursor.fetchall())
    for project in Project.objects.prefetch_related("fundings"):
        fundings = project.fundings.all()
        start = project.start_date
        years = range(start.year, (project.end_date or start).year + 1) if start else ()
        expected = {
            f"~{sample_bucket(project.pk)}",
            f"~g{sample_bucket(project.pk) // SAMPLE_GROUP}",
            f"o~{project.implementer_id}",
            *(f"f~{funding.funder_id}" for funding in fundings),
            *(f"p~{funding.programme_id}" for funding in fundings if funding.programme_id),
            *(f"y~{year}" for year in years),
        }
        assert set(keys[project.pk]) == expected, project.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="keys are PostgreSQL's lexemes")
@pytest.mark.parametrize("buckets", [1, 5, SAMPLE_GROUP, 21, 40, 256, 1000, SAMPLE_BUCKETS])
def test_a_samples_keys_choose_the_projects_of_its_first_buckets(registry, buckets):
    # Whole groups by their key, the rest bucket by bucket.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM projects_project WHERE {KEYS.format(table='projects_project')}"
            " @@ %s::tsquery",
            [sample_keys(buckets)],
        )
        chosen = {pk for (pk,) in cursor.fetchall()}
    every = Project.objects.values_list("id", flat=True)
    assert chosen == {pk for pk in every if sample_bucket(pk) < buckets}


FILTER_SETS = [
    {},
    {"funder": FILTER_CHOICES["funder"][0]},
    {"year": FILTER_CHOICES["year"][1]},
    {"funder": FILTER_CHOICES["funder"][1], "year": FILTER_CHOICES["year"][0]},
    {name: choices[0] for name, choices in FILTER_CHOICES.items()},
]


# A word, a phrase (the bigram index on PostgreSQL), both (two text conditions), exact mode
# (each sampled row tested), and no text at all; `found` names what each finds.
@pytest.mark.parametrize(
    "q, exact, found",
    [
        ("", False, "text"),
        ("projektas", False, "text"),
        ('"projekto stovykla"', False, "camp"),
        ('stovykla "projektas stovykla"', False, "camp"),
        ("PROJEKT", True, "text"),
    ],
)
def test_over_the_limit_counts_are_the_samples_scaled_up(
    registry, small_sample, settings, q, exact, found
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    branches = set()
    for filters in FILTER_SETS:
        results = search(q, exact, **filters)
        sampled = in_sample(registry)
        rows = sum(failed <= 1 for _, failed in matches(sampled, filters, q, found))
        sampled_total, sampled_facets = by_hand(sampled, filters, q, found)
        total, facets = by_hand(registry, filters, q, found)
        if rows == 0:  # nothing in the sample: counting everything is cheap
            expected = (total, facets, False, False)
        else:
            estimated = {
                facet: {value: estimate(count * SCALE) for value, count in counts.items()}
                for facet, counts in sampled_facets.items()
            }
            if sampled_total and q:
                expected = (estimate(sampled_total * SCALE), estimated, True, True)
            else:  # no match passes every filter, or no text: the total is counted, exactly
                expected = (total, estimated, False, True)
        expected_total, expected_facets, estimated_total, estimated_facets = expected
        expected_facets = {
            facet: {str(value): count for value, count in counts.items()}
            for facet, counts in expected_facets.items()
        }
        assert (
            results.total,
            shown_facets(results),
            results.estimated_total,
            results.estimated_facets,
        ) == (expected_total, expected_facets, estimated_total, estimated_facets), filters
        branches.add((estimated_total, estimated_facets))
    # Not only the fallbacks; without text the total is always exact.
    assert (bool(q), True) in branches


def test_within_the_limit_a_sampled_search_counts_exactly(registry, small_sample, settings):
    for filters in FILTER_SETS:
        cost = estimates.row_cost(_criteria("projektas", False, filters), with_facets=True)
        # Under the 40 projects' cost: the sample is counted first.
        settings.SEARCH_EXACT_COUNT_LIMIT = 39 * cost
        rows = sum(failed <= 1 for _, failed in matches(in_sample(registry), filters, "projektas"))
        assert rows * SCALE <= 39  # the fixture's data allow the case
        results = search("projektas", **filters)
        total, facets = by_hand(registry, filters, "projektas")
        assert not results.estimated_total and not results.estimated_facets
        assert results.total == total
        assert shown_facets(results) == {
            facet: {str(value): count for value, count in counts.items()}
            for facet, counts in facets.items()
        }


def test_a_row_costs_more_when_filters_choose_it_and_most_in_exact_mode():
    def cost(q, exact, filters, with_facets=True):
        return estimates.row_cost(_criteria(q, exact, filters), with_facets=with_facets)

    one, two = FILTER_SETS[1], FILTER_SETS[3]
    assert cost("projektas", False, {}) == cost("projektas", False, one) == 1
    # Facets release one filter each: two filters choose the rows, or one without facets.
    assert cost('"projekto stovykla"', False, two) == estimates.FILTERED_ROW_COST
    assert cost("projektas", False, one, with_facets=False) == estimates.FILTERED_ROW_COST
    assert cost("", False, two) == estimates.FILTERED_ROW_COST
    assert cost("projekt", True, {}) == cost("projekt", True, two) == estimates.EXACT_MODE_ROW_COST


def test_a_registry_within_the_limit_is_never_sampled(registry, small_sample, monkeypatch):
    samples = []
    counts = estimates.counts

    def counting(*args, **options):
        samples.append(options.get("sample"))
        return counts(*args, **options)

    monkeypatch.setattr(estimates, "counts", counting)
    search("projektas")
    assert samples == [None]


def few_matches_but_more_rows(registry, q):
    """(filters, sampled total): a funder and a year that some sampled matches of `q` pass
    both of, and more pass one of."""
    for funders in FILTER_CHOICES["funder"]:
        for years in FILTER_CHOICES["year"]:
            filters = {"funder": funders, "year": years}
            sampled = matches(in_sample(registry), filters, q)
            sampled_total = sum(failed == 0 for _, failed in sampled)
            if sum(failed <= 1 for _, failed in sampled) > sampled_total > 0:
                return filters, sampled_total
    raise AssertionError("the fixture's data no longer allow the case")


def test_few_matches_but_many_rows_for_the_facets_keep_the_total_exact(
    registry, small_sample, settings
):
    filters, sampled_total = few_matches_but_more_rows(registry, "")
    settings.SEARCH_EXACT_COUNT_LIMIT = sampled_total * SCALE

    results = search(**filters)

    assert results.estimated_facets and not results.estimated_total
    assert results.total == by_hand(registry, filters, "")[0]


def test_an_estimated_total_ranks_the_samples_matches(registry, small_sample, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    results = search("projektas")
    sampled = {project["id"] for project, _ in matches(in_sample(registry), {}, "projektas")}

    assert results.estimated_total and results.ranked_subset
    assert results.page.paginator.count == len(sampled)
    assert {project.pk for project in results.page.object_list} <= sampled


def test_an_estimated_total_ranks_at_most_its_sampled_candidates(
    registry, small_sample, settings, monkeypatch
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(estimates, "SAMPLED_CANDIDATES", 3)
    results = search("projektas")
    sampled = {project["id"] for project, _ in matches(in_sample(registry), {}, "projektas")}

    assert len(sampled) > 3
    assert results.estimated_total and results.ranked_subset
    assert results.page.paginator.count == 3
    shown = [project.pk for project in results.page.object_list]
    assert len(shown) == 3 and set(shown) <= sampled


def test_another_sort_shows_the_first_results_of_an_estimated_total(
    registry, small_sample, settings
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    params = QueryDict("q=projektas&sort=newest")
    results = search_projects(params, use_cache=False)

    assert results.estimated_total and results.first_only and not results.ranked_subset
    assert results.page.paginator.count == min(candidate_limit(connection), results.total)
    # Every match, not only the sample's, newest first.
    newest = Project.objects.published().filter(title__icontains="projekt")
    newest = newest.order_by("-published_at", "-id").values_list("pk", flat=True)
    assert [project.pk for project in results.page.object_list] == list(newest[:20])


@pytest.mark.parametrize(
    "sort, order",
    [
        ("newest", [F("published_at").desc(nulls_last=True), "-id"]),
        ("start", [F("start_date").desc(nulls_last=True), "title", "id"]),
    ],
)
@pytest.mark.parametrize("page", [1, 3, 6])
def test_exact_mode_in_an_indexed_order_shows_the_first_results_of_every_match(
    registry, small_sample, settings, sort, order, page
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    params = QueryDict(f"q=PROJEKT&exact=1&sort={sort}&page={page}")
    with CaptureQueriesContext(connection) as queries:
        results = search_projects(params, page_size=5, use_cache=False)

    assert results.estimated_total and results.first_only
    every = Project.objects.published().filter(title__icontains="projekt").order_by(*order)
    expected = list(every.values_list("pk", flat=True)[(page - 1) * 5 : page * 5])
    assert expected and [project.pk for project in results.page.object_list] == expected
    if connection.vendor == "postgresql":
        # Tested on each row the sort's index walks to, not found by the trigram indexes.
        walked = (page * 5) * Project.objects.count() / results.total < results.total
        listing = 'SELECT "projects_project"."id", "projects_project"."title"'
        page_query = [query["sql"] for query in queries if query["sql"].startswith(listing)][-1]
        assert ("coalesce(" in page_query) is walked
        # ≈32 matches (31) of 40 projects: the sixth page is expected past the 32nd project.
        assert walked is (page < 6)


def test_a_rare_phrase_in_exact_mode_keeps_the_trigram_indexes(registry, settings):
    criteria = SearchCriteria(q="senjorams", exact=True, sort="newest")
    queryset = Project.objects.published()
    size = Project.objects.count()

    assert not scan_cheaper(queryset, criteria, total=1, rows_needed=20)
    assert scan_cheaper(queryset, criteria, total=size, rows_needed=20) is (
        connection.vendor == "postgresql"
    )
    by_relevance = SearchCriteria(q="senjorams", exact=True)
    assert not scan_cheaper(queryset, by_relevance, total=size, rows_needed=20)


@pytest.mark.parametrize("filters", FILTER_SETS[:3])
def test_without_text_a_list_longer_than_its_ids_counts_every_project(
    registry, small_sample, settings, monkeypatch, filters
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    for backend in (postgres, sqlite):  # fewer shown ids than projects: a plain count
        monkeypatch.setattr(backend, "CANDIDATE_LIMIT", 3)
    results = search(**filters)
    total, _ = by_hand(registry, filters, "")

    assert total > 3 and results.total == total
    assert not results.estimated_total and results.estimated_facets
    passing = {project["id"] for project, failed in matches(registry, filters, "") if not failed}
    listed = Project.objects.filter(pk__in=passing)
    listed = listed.order_by(F("start_date").desc(nulls_last=True), "title", "id")
    expected = list(listed.values_list("pk", flat=True)[:20])
    assert [project.pk for project in results.page.object_list] == expected


def test_the_page_and_the_json_say_the_counts_are_estimates(
    client, registry, small_sample, settings
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    total = search("projektas").total

    page = client.get(reverse("projects:list"), {"q": "projektas"}).content.decode()
    data = client.get(reverse("projects:search-json"), {"q": "projektas"}).json()

    assert f"Rasta projektų: apie {total}" in page
    assert "skaičiai apskaičiuoti iš atsitiktinės imties" in page
    assert '<span aria-hidden="true">≈</span><span class="visually-hidden">apie</span>' in page
    with translation.override("en"):
        english = client.get(reverse("projects:list"), {"q": "projektas"}).content.decode()
    assert f"About {total} projects found" in english
    assert "the counts are estimated from a random sample" in english
    assert data["total"] == total
    assert data["total_is_estimate"] is True
    assert data["facet_counts_are_estimates"] is True


def test_exact_counts_say_nothing_of_estimates(client, registry):
    page = client.get(reverse("projects:list"), {"q": "projektas"}).content.decode()
    data = client.get(reverse("projects:search-json"), {"q": "projektas"}).json()

    assert "apie" not in page and "≈" not in page
    assert data["total_is_estimate"] is False
    assert data["facet_counts_are_estimates"] is False


@pytest.mark.parametrize(
    "value, shown",
    [(0.4, 0), (1, 1), (17.4, 17), (93_425, 93_000), (1_264.5, 1_300), (99_999, 100_000)],
)
def test_an_estimate_keeps_two_significant_digits(value, shown):
    assert estimate(value) == shown


def test_no_results_with_filters_estimate_what_the_words_alone_find(
    client, registry, small_sample, settings
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    sampled = len(matches(in_sample(registry), {}, "projektas"))

    results = search("projektas", year=["2017"])  # no period touches 2017

    assert results.total == 0
    assert results.without_filters_estimated
    assert results.without_filters_total == estimate(sampled * SCALE)
    page = client.get(reverse("projects:list"), {"q": "projektas", "year": "2017"})
    assert (
        f"Be filtrų rasta projektų: apie {results.without_filters_total}" in page.content.decode()
    )


def test_too_few_sampled_matches_take_a_larger_sample_once(
    registry, small_sample, settings, monkeypatch
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(estimates, "MIN_SAMPLED_MATCHES", 1000)
    monkeypatch.setattr(estimates, "MAX_GROWTH", 2)
    larger = [project for project in registry if sample_bucket(project["id"]) < 2 * BUCKETS]

    results = search("projektas")

    assert results.estimated_total
    assert results.total == estimate(len(matches(larger, {}, "projektas")) * SCALE / 2)


@pytest.mark.parametrize(
    "setting, value",
    [
        # A sample grown to the whole registry.
        ("MIN_SAMPLED_MATCHES", 1000),
        # A sample that would take more buckets than a sample is allowed.
        ("MAX_SAMPLE_KEY_TESTS", 10 * (BUCKETS - 1)),
    ],
)
def test_a_registry_is_counted_whole_rather_than_by_too_large_a_sample(
    registry, small_sample, settings, monkeypatch, setting, value
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(estimates, setting, value)

    results = search("projektas")

    assert not results.estimated_total and not results.estimated_facets
    assert results.total == by_hand(registry, {}, "projektas")[0]


def test_exact_modes_smaller_sample_may_take_more_buckets(
    registry, small_sample, settings, monkeypatch
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(estimates, "EXACT_SAMPLE_ROWS", 5)  # 128 buckets; a word's: 256
    monkeypatch.setattr(estimates, "MAX_SAMPLE_KEY_TESTS", 10 * 200)

    assert not search("projektas").estimated_total  # 256 buckets of 10 projects: too many
    assert search("PROJEKT", True).estimated_total  # 128 of 5: within


def test_a_sample_grows_at_most_to_the_largest_taken(registry, small_sample, settings, monkeypatch):
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(estimates, "MIN_SAMPLED_MATCHES", 1000)
    monkeypatch.setattr(estimates, "MAX_SAMPLE_KEY_TESTS", 10 * (BUCKETS + BUCKETS // 2))
    larger = [project for project in registry if sample_bucket(project["id"]) < BUCKETS * 3 // 2]

    results = search("projektas")

    # Estimated from the larger sample's matches, not counted whole.
    assert results.estimated_total
    sampled = len(matches(larger, {}, "projektas"))
    assert results.total == estimate(sampled * estimates.SAMPLE_BUCKETS / (BUCKETS * 3 // 2))
    # And no larger: with the largest sample taken at once, it estimates from that one.
    monkeypatch.setattr(estimates, "MAX_SAMPLE_KEY_TESTS", 10 * BUCKETS)
    assert search("projektas").total == estimate(
        len(matches(in_sample(registry), {}, "projektas")) * SCALE
    )


def _criteria(q, exact, filters):
    return SearchCriteria(
        q=q,
        exact=exact,
        funders=tuple(filters.get("funder", ())),
        years=tuple(int(year) for year in filters.get("year", ())),
        organization=(filters.get("organization") or [""])[0],
        programme=(filters.get("programme") or [""])[0],
    )


@pytest.mark.parametrize("filters", FILTER_SETS[1:])
@pytest.mark.parametrize("scan", [True, False])
def test_exact_mode_counts_its_filtered_total_alike_both_ways(registry, filters, scan):
    # Testing the phrase on each row the filters choose, or asking the trigram indexes.
    criteria = _criteria("PROJEKT", True, filters)
    with CaptureQueriesContext(connection) as queries:
        found = estimates.counts(
            Project.objects.published(), criteria, id_limit=100, with_facets=False, scan=scan
        )

    total, _ = by_hand(registry, filters, "PROJEKT")
    assert found.total == total and len(found.ids) == total
    if connection.vendor == "postgresql":
        assert ("coalesce(" in queries[-1]["sql"]) is scan


def test_exact_mode_tests_each_filtered_row_when_the_trigram_indexes_cost_more(registry):
    filters = {"funder": FILTER_CHOICES["funder"][0]}
    criteria = _criteria("PROJEKT", True, filters)
    queryset = Project.objects.published()
    chosen = by_hand(registry, filters, "")[0]
    # The registry's size at which the trigram indexes' bitmaps cost as much as testing
    # each of the funder's projects.
    even = chosen * estimates.SCAN_ROW_COST / estimates.TRIGRAM_PROJECT_COST

    def scan(size, matches):
        return estimates.scan_keyed_rows(queryset, criteria, size, matches)

    if connection.vendor != "postgresql":
        assert scan(even * 2, 0) is None
        return
    assert scan(even * 2, 0) is True
    assert scan(even / 2, 0) is False  # a rare phrase, a large share of a small registry
    assert scan(even / 2, chosen) is True  # each of many candidates costs more to recheck
    # Not without filters, nor for a word search.
    for other in (_criteria("PROJEKT", True, {}), _criteria("PROJEKT", False, filters)):
        assert estimates.scan_keyed_rows(queryset, other, even, 0) is None


def test_exact_mode_counts_the_projects_its_filters_choose_once_per_registry_version(registry):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL weighs testing each filtered row against the indexes")
    criteria = _criteria("PROJEKT", True, {"funder": FILTER_CHOICES["funder"][0]})
    queryset = Project.objects.published()

    def counts_made():
        with CaptureQueriesContext(connection) as queries:
            estimates.scan_keyed_rows(queryset, criteria, len(registry), 0)
        return sum("COUNT(" in query["sql"] for query in queries)

    assert counts_made() == 1
    assert counts_made() == 0
    registry_version.bump()  # a record saved: the count may have changed
    assert counts_made() == 1


def test_exact_mode_with_few_matches_but_many_rows_for_the_facets_keeps_the_total_exact(
    registry, small_sample, settings
):
    filters, sampled_total = few_matches_but_more_rows(registry, "PROJEKT")
    settings.SEARCH_EXACT_COUNT_LIMIT = sampled_total * SCALE * estimates.EXACT_MODE_ROW_COST

    results = search("PROJEKT", True, **filters)

    assert results.estimated_facets and not results.estimated_total
    assert results.total == by_hand(registry, filters, "PROJEKT")[0]


def test_exact_mode_without_facets_weighs_how_to_count_its_filtered_total(
    registry, small_sample, settings, monkeypatch
):
    # What the JSON and the CSV ask: the total alone, of the rows every filter chooses.
    filters, _ = few_matches_but_more_rows(registry, "PROJEKT")
    criteria = _criteria("PROJEKT", True, filters)
    settings.SEARCH_EXACT_COUNT_LIMIT = len(registry) * estimates.EXACT_MODE_ROW_COST - 1
    weighed = []
    scan_keyed_rows = estimates.scan_keyed_rows

    def weighing(*args):
        weighed.append(args[3])  # the matches expected
        return scan_keyed_rows(*args)

    monkeypatch.setattr(estimates, "scan_keyed_rows", weighing)
    found = estimates.summarize(
        Project.objects.published(), criteria, id_limit=100, with_facets=False
    )

    assert found.total == by_hand(registry, filters, "PROJEKT")[0]
    sampled = sum(failed == 0 for _, failed in matches(in_sample(registry), filters, "PROJEKT"))
    assert weighed == [sampled * SCALE]


def test_a_search_looks_each_filters_slugs_up_once(registry, small_sample, settings):
    # Sampled, then counted, then its page: each turned the slugs into ids again.
    settings.SEARCH_EXACT_COUNT_LIMIT = 0
    filters = {"funder": FILTER_CHOICES["funder"][0], "programme": FILTER_CHOICES["programme"][0]}
    with CaptureQueriesContext(connection) as queries:
        results = search("projektas", **filters)

    assert results.estimated_facets
    lookups = [query["sql"] for query in queries if '."slug" IN (' in query["sql"]]
    assert len(lookups) == 2  # the funders, the programme
