"""Search behaviour, shared by both backends: runs on whichever database the test run uses."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import OrganizationKind
from projects.filters import ProjectSearchFilter
from projects.models import FundingProgramme, Project, ProjectStatus
from projects.search import SearchCriteria, filter_projects, search_projects, text_filtered
from projects.search.schema import SAMPLE_ORDER_INDEX, sample_bucket

pytestmark = pytest.mark.django_db


def search(query_string):
    return search_projects(QueryDict(query_string))


def titles(query_string):
    results = search(query_string)
    assert results.is_valid, results.errors
    return [project.title for project in results.page.object_list]


MIC_TITLE = "Moterų informacijos centro institucinių gebėjimų stiprinimas 23/24"


# Lithuanian word forms and diacritics


def test_words_without_diacritics_find_the_mic_seed_project(seeded):
    assert MIC_TITLE in titles("q=moteru+smurto")


def test_a_nominative_finds_other_cases_of_the_word(project_factory):
    project_factory(title="Vasaros projekto ataskaita")
    project_factory(title="Įgyvendiname projektą")
    assert sorted(titles("q=projektas")) == ["Vasaros projekto ataskaita", "Įgyvendiname projektą"]


def test_every_word_must_match(project_factory):
    project_factory(title="Smurto prevencija")
    project_factory(title="Smurto prevencija mokyklose")
    assert titles("q=smurtas+mokykla") == ["Smurto prevencija mokyklose"]


def test_case_does_not_matter_in_normal_search(project_factory):
    project_factory(title="ŠEIMOS GEROVĖ")
    assert titles("q=šeimos") == ["ŠEIMOS GEROVĖ"]


# Web-search syntax


def test_a_quoted_phrase_needs_its_words_side_by_side(project_factory):
    project_factory(title="Socialinės partnerystės centras")
    project_factory(title="Centras socialinei ir kitai partnerystei")
    assert titles('q="socialinės+partnerystės"') == ["Socialinės partnerystės centras"]


def test_a_minus_word_excludes_projects_containing_it(project_factory):
    project_factory(title="Vaikų dienos centras")
    project_factory(title="Vaikų vasaros stovykla")
    assert titles("q=vaikai+-stovykla") == ["Vaikų dienos centras"]


def test_query_syntax_of_the_databases_is_read_as_plain_words(project_factory):
    project_factory(title="Kokybė ir prieinamumas")
    assert titles("q=kokybė+%26+%7C+!+%3A*+NEAR(+)") == []
    assert titles("q=kokybė+%27%22") == ["Kokybė ir prieinamumas"]


# Exact matches only


def test_exact_mode_finds_the_phrase_as_written(seeded):
    assert titles("q=Moterų+informacijos&exact=1") == [MIC_TITLE]


def test_exact_mode_ignores_case(seeded):
    assert titles("q=MOTERŲ+INFORMACIJOS&exact=1") == [MIC_TITLE]


def test_exact_mode_respects_diacritics(seeded):
    assert titles("q=moteru+informacijos&exact=1") == []


def test_exact_mode_needs_a_contiguous_phrase(seeded):
    assert titles("q=informacijos+moterų&exact=1") == []


def test_exact_mode_does_not_stem(project_factory):
    project_factory(title="Projekto vadovas")
    assert titles("q=projektas&exact=1") == []


def test_exact_mode_treats_like_wildcards_literally(project_factory):
    project_factory(title="Pajamos 100% padidėjo")
    project_factory(title="Pajamos 1000 eurų")
    assert titles("q=100%25&exact=1") == ["Pajamos 100% padidėjo"]


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("100%", {"Pajamos 100% padidėjo"}),
        ("a_b", {"Ženklas a_b"}),
        ("c\\d", {"Kelias c\\d"}),
        ("PAJAMOS 10", {"Pajamos 100% padidėjo", "Pajamos 1000 eurų"}),
    ],
)
def test_exact_mode_tested_row_by_row_finds_what_the_indexes_find(
    project_factory, phrase, expected
):
    # Row by row (a sample, a walk along a sort's index) PostgreSQL looks for the phrase
    # itself; through the trigram indexes, for a LIKE pattern of it.
    for title in ("Pajamos 100% padidėjo", "Pajamos 1000 eurų", "Ženklas a_b", "Ženklas axb"):
        project_factory(title=title)
    project_factory(title="Kelias c\\d")
    project_factory(title="Kelias cxd")
    criteria = SearchCriteria(q=phrase, exact=True)
    published = Project.objects.published()

    def found(**how):
        return set(text_filtered(published, criteria, **how).values_list("title", flat=True))

    assert found() == found(scan=True) == found(direct=True) == expected


# Field switches


def test_a_word_only_in_the_content_does_not_match_when_only_title_is_chosen(project_factory):
    project_factory(title="Bendruomenės namai", content="Čia vyksta dailės būrelis.")
    assert titles("q=dailė&fields=title") == []


def test_a_word_in_the_content_matches_when_content_is_chosen(project_factory):
    project_factory(title="Bendruomenės namai", content="Čia vyksta dailės būrelis.")
    assert titles("q=dailė&fields=content") == ["Bendruomenės namai"]


def test_field_switches_apply_to_exact_mode(project_factory):
    project_factory(title="Namai", excerpt="Dailės būrelis vaikams")
    assert titles("q=dailės+būrelis&exact=1&fields=title") == []
    assert titles("q=dailės+būrelis&exact=1&fields=excerpt") == ["Namai"]


def test_no_field_chosen_is_reported_instead_of_searching(project_factory):
    project_factory(title="Bendruomenės namai")
    results = search("q=namai&fields=")
    assert results.no_fields
    assert results.page is None


# Ranking


def test_title_matches_rank_above_excerpt_above_content(project_factory):
    project_factory(title="Aprašymas", content="Savanorystė ir savanoriai, savanorystė vėl")
    project_factory(title="Santrauka", excerpt="Savanorystė")
    project_factory(title="Savanorystė regionuose")
    assert titles("q=savanorystė") == ["Savanorystė regionuose", "Santrauka", "Aprašymas"]


def test_equal_matches_keep_a_stable_order(project_factory):
    day = datetime.date(2020, 1, 1)
    first = project_factory(title="Jaunimo klubas A", start_date=day)
    second = project_factory(title="Jaunimo klubas B", start_date=day)
    expected = [first.title, second.title]
    assert titles("q=jaunimas") == expected
    assert titles("q=jaunimas") == expected


@pytest.mark.parametrize(
    "query_string",
    [
        "q=savanorystė",
        "q=savanorystė+jaunimas",
        "q=savanorystė&fields=title&fields=content",
        "q=savanorystė&fields=excerpt",
        "q=savanorystės+jaunimo&exact=1",
        "q=savanorystės&exact=1&fields=content",
    ],
)
def test_pages_of_a_relevance_search_follow_the_whole_ranking(
    client, project_factory, query_string
):
    # The page ranks the candidates' ids, then reads its projects: page after page, the
    # same order as ranking every match whole; and the CSV lists them all in that order.
    for number in range(66):
        text = " ".join(["savanorystės jaunimo"] * (1 + number % 4))
        fields = {"title": f"Projektas {number}", "excerpt": "", "content": ""}
        place = ("title", "excerpt", "content")[number % 3]
        fields[place] = f"{fields[place]} {text}".strip()
        if number % 5 == 0 and place != "content":
            fields["content"] = "Savanorystė"
        start = None if number % 7 == 0 else datetime.date(2015 + number % 5, 1, 1)
        project_factory(**fields, start_date=start)
    params = QueryDict(query_string)
    criteria = search_projects(params).criteria
    everything = filter_projects(Project.objects.published(), criteria)
    expected = [project.title for project in everything]
    first = search(query_string)
    assert first.page.paginator.num_pages >= 2
    paged = []
    for page in first.page.paginator.page_range:
        paged += titles(f"{query_string}&page={page}")
    assert paged == expected
    response = client.get(f"{reverse('projects:search-csv')}?{query_string}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row[0] for row in rows[1:]] == expected


# Snippets


def test_the_snippet_marks_matched_words(project_factory):
    project_factory(title="Namai", excerpt="Teikiame pagalbą šeimoms")
    project = search("q=šeima").page.object_list[0]
    assert "<mark>šeimoms</mark>" in project.search_snippet


def test_the_snippet_escapes_the_source_text(project_factory):
    project_factory(title="Namai", excerpt="<script>alert(1)</script> šeimoms & vaikams")
    snippet = str(search("q=šeima").page.object_list[0].search_snippet)
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_the_title_marks_matched_words_and_is_escaped(project_factory):
    project_factory(title="<b>Šeimų</b> centras")
    title = str(search("q=šeima").page.object_list[0].search_title)
    assert title == "&lt;b&gt;<mark>Šeimų</mark>&lt;/b&gt; centras"


def test_exact_mode_marks_the_phrase(seeded):
    project = search("q=moterų+informacijos&exact=1").page.object_list[0]
    assert "<mark>Moterų informacijos</mark>" in project.search_title


# Filters and facets


@pytest.fixture
def funded(organization_factory, project_factory, funding_factory):
    """Two funders, two programmes, three projects over several years."""
    sadm = organization_factory(name="SADM", slug="sadm", kind=OrganizationKind.PUBLIC_BODY)
    fund = organization_factory(name="Fondas", slug="fondas", kind=OrganizationKind.PUBLIC_BODY)
    strong = FundingProgramme.objects.create(name="Stiprinimas", slug="stiprinimas", funder=sadm)
    family = FundingProgramme.objects.create(name="Šeimos", slug="seimos", funder=fund)
    implementer = organization_factory(name="Asociacija", slug="asociacija")
    long_running = project_factory(
        title="Senjorų klubas",
        implementer=implementer,
        start_date=datetime.date(2019, 3, 1),
        end_date=datetime.date(2021, 6, 30),
    )
    funding_factory(project=long_running, funder=sadm, programme=strong, amount=Decimal(500))
    one_year = project_factory(
        title="Senjorų sporto klubas",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    funding_factory(project=one_year, funder=fund, programme=family, amount=Decimal(900))
    both = project_factory(
        title="Jaunimo klubas",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    )
    funding_factory(project=both, funder=sadm, programme=strong)
    funding_factory(project=both, funder=fund, programme=family)
    return {"long_running": long_running, "one_year": one_year, "both": both}


def test_the_funder_filter_keeps_projects_of_that_funder(funded):
    assert sorted(titles("funder=fondas")) == ["Jaunimo klubas", "Senjorų sporto klubas"]


def test_several_funders_give_projects_of_any_of_them(funded):
    assert len(titles("funder=fondas&funder=sadm")) == 3


def test_a_year_filter_finds_a_project_in_every_year_its_period_touches(funded):
    assert titles("year=2019") == ["Senjorų klubas"]
    assert sorted(titles("year=2021")) == ["Senjorų klubas"]
    assert sorted(titles("year=2020")) == ["Senjorų klubas", "Senjorų sporto klubas"]


def test_filters_combine_with_the_text_and_with_each_other(funded):
    assert titles("q=senjorai&funder=sadm") == ["Senjorų klubas"]
    assert titles("q=klubas&funder=fondas&year=2022") == ["Jaunimo klubas"]


def test_the_organization_filter_keeps_the_implementers_projects(funded):
    assert titles("organization=asociacija") == ["Senjorų klubas"]


def test_the_programme_filter_keeps_projects_funded_from_it(funded):
    assert sorted(titles("programme=seimos")) == ["Jaunimo klubas", "Senjorų sporto klubas"]


def test_funder_facet_counts_each_project_once_per_funder(funded):
    counts = {item["value"]: item["count"] for item in search("q=klubas").facets["funder"]}
    assert counts == {"sadm": 2, "fondas": 2}


def test_funder_facet_counts_ignore_the_funder_filter_itself(funded):
    counts = {
        item["value"]: item["count"] for item in search("q=klubas&funder=sadm").facets["funder"]
    }
    assert counts == {"sadm": 2, "fondas": 2}


def test_year_facet_counts_a_project_in_every_year_it_runs(funded):
    counts = {item["value"]: item["count"] for item in search("q=senjorai").facets["year"]}
    assert counts == {2019: 1, 2020: 2, 2021: 1}


def test_facets_follow_the_other_filters(funded):
    counts = {item["value"]: item["count"] for item in search("funder=fondas").facets["year"]}
    assert counts == {2020: 1, 2022: 1}


def test_organization_and_programme_facets_count_matching_projects(funded):
    facets = search("q=senjorai").facets
    assert {item["value"]: item["count"] for item in facets["programme"]} == {
        "stiprinimas": 1,
        "seimos": 1,
    }
    assert {item["value"]: item["count"] for item in facets["organization"]}["asociacija"] == 1


def test_with_two_filters_each_facet_applies_the_other_one(funded):
    facets = search("q=klubas&funder=sadm&year=2020").facets
    assert {item["value"]: item["count"] for item in facets["funder"]} == {"sadm": 1, "fondas": 1}
    assert {item["value"]: item["count"] for item in facets["year"]} == {
        2019: 1,
        2020: 1,
        2021: 1,
        2022: 1,
    }


def test_a_project_failing_two_filters_counts_in_no_facet(funded):
    facets = search("q=klubas&funder=sadm&year=2020&organization=asociacija").facets
    assert {item["value"]: item["count"] for item in facets["funder"]} == {"sadm": 1}
    assert {item["value"]: item["count"] for item in facets["year"]} == {
        2019: 1,
        2020: 1,
        2021: 1,
    }
    assert {item["value"]: item["count"] for item in facets["organization"]} == {"asociacija": 1}


# Sorting


def test_sort_by_amount_puts_the_largest_funding_first(funded):
    assert titles("q=senjorai&sort=amount") == ["Senjorų sporto klubas", "Senjorų klubas"]


def test_sort_by_start_puts_the_latest_start_first(funded):
    assert titles("sort=start") == ["Jaunimo klubas", "Senjorų sporto klubas", "Senjorų klubas"]


def test_sort_newest_puts_the_last_published_first(project_factory):
    now = datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
    project_factory(title="Senesnis", published_at=now - datetime.timedelta(days=3))
    project_factory(title="Naujesnis", published_at=now)
    assert titles("sort=newest") == ["Naujesnis", "Senesnis"]


# Zero results


def test_zero_results_suggest_a_nearby_spelling(seeded):
    assert search("q=moterru").spelling == "moterų"


def test_zero_results_with_filters_say_what_fewer_filters_give(funded):
    results = search("q=jaunimas&year=2019")
    assert results.total == 0
    assert results.without_filters_total == 1


def test_zero_results_from_filters_look_for_no_other_spelling(funded, monkeypatch):
    # "jaunimą" is found without the year filter: the filters are what to change.
    looked_up = []
    monkeypatch.setattr(
        "projects.search.results.suggest_spelling", lambda *args: looked_up.append(args) or ""
    )
    results = search("q=jaunim%C4%85&year=2019")
    assert (results.total, results.without_filters_total, looked_up) == (0, 1, [])


def test_zero_results_with_filters_still_suggest_a_spelling_for_unknown_words(funded):
    results = search("q=jaunimmas&year=2019")
    assert (results.without_filters_total, results.spelling) == (0, "jaunimo")


# The public sees published projects only


@pytest.mark.parametrize("status", [ProjectStatus.DRAFT, ProjectStatus.ARCHIVED])
def test_unpublished_projects_are_never_found(project_factory, status):
    project_factory(title="Slaptas projektas", status=status)
    assert titles("q=slaptas") == []


# The index follows the projects


def test_an_edited_title_is_found_by_its_new_words_only(project_factory):
    project = project_factory(title="Senas pavadinimas")
    project.title = "Naujas vardas"
    project.save()
    assert titles("q=naujas") == ["Naujas vardas"]
    assert titles("q=senas") == []


def test_a_deleted_project_is_no_longer_found(project_factory):
    project = project_factory(title="Trumpalaikis projektas")
    project.delete()
    assert titles("q=trumpalaikis") == []


def test_the_rebuild_command_indexes_every_project(project_factory):
    project_factory(title="Perstatytas indeksas")
    call_command("rebuild_search_index", verbosity=0)
    assert titles("q=indeksas") == ["Perstatytas indeksas"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_the_rebuild_ends_by_rebuilding_the_indexes_its_rewrites_grew(project_factory):
    project_factory(title="Perstatytas indeksas")
    with CaptureQueriesContext(connection) as queries:
        call_command("rebuild_search_index", verbosity=0)
    statements = [query["sql"] for query in queries if "projects_project" in query["sql"]]
    rewrites = [n for n, sql in enumerate(statements) if sql.startswith("UPDATE projects_project")]
    cluster = statements.index(f"CLUSTER projects_project USING {SAMPLE_ORDER_INDEX}")
    assert rewrites and max(rewrites) < cluster  # no row rewritten after it


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's table order")
def test_the_rebuild_leaves_the_projects_in_sample_bucket_order(project_factory):
    for number in range(30):
        project_factory(title=f"Projektas {number}")
    call_command("rebuild_search_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM projects_project ORDER BY ctid")
        stored = [pk for (pk,) in cursor.fetchall()]
    buckets = [sample_bucket(pk) for pk in stored]
    assert len(set(buckets)) > 10
    assert buckets == sorted(buckets)


def test_seed_projects_are_searchable_right_after_loading(seeded):
    assert Project.objects.published().count() == len(titles("q=projektas")) == 5


def test_year_facet_counts_a_project_without_an_end_in_its_start_year(project_factory):
    project_factory(title="Atviras klubas", start_date=datetime.date(2018, 5, 1), end_date=None)
    assert search("q=klubas").facets["year"] == [
        {"value": 2018, "label": "2018", "count": 1, "selected": False}
    ]


# The reusable filter set


def test_the_filter_set_gives_the_search_pages_projects_in_its_order(funded):
    filterset = ProjectSearchFilter(QueryDict("q=klubas&funder=fondas&sort=start"))
    assert [project.title for project in filterset.qs] == [
        "Jaunimo klubas",
        "Senjorų sporto klubas",
    ]


def test_the_filter_set_explains_bad_parameters_and_gives_nothing(funded):
    filterset = ProjectSearchFilter(QueryDict("q=klubas&year=abc"))
    assert not filterset.is_valid()
    assert "year" in filterset.errors
    assert list(filterset.qs) == []


def test_the_filter_sets_projects_work_as_a_subquery(funded):
    matched = ProjectSearchFilter(QueryDict("q=senjorai")).qs.values("pk")
    assert Project.objects.filter(pk__in=matched).count() == 2
