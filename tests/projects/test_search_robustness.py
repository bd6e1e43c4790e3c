"""Bad input never breaks the search: any parameter gives a 200 or a 400, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Query strings as a user or a robot may send them: database syntax, control characters,
# long strings and unpaired surrogates' replacements.
QUERY_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            '"',
            '""',
            "-",
            "--",
            "' OR 1=1 --",
            "a & b | !c <-> d:*",
            'NEAR("a" "b", 2) AND title:x OR {title}: y ^z',
            "\x01\x02\x1f\x7f",
            "a\x00b",
            "%_\\",
            "ą" * 10_000,
            "word " * 2_000,
        ]
    ),
)
PARAMETER_VALUE = st.one_of(
    st.text(max_size=30), st.sampled_from(["title", "content", "excerpt", "2020", "1", ""])
)
PARAMETERS = st.fixed_dictionaries(
    {"q": QUERY_TEXT},
    optional={
        "exact": PARAMETER_VALUE,
        "fields": st.lists(PARAMETER_VALUE, max_size=4),
        "funder": st.lists(PARAMETER_VALUE, max_size=3),
        "year": st.lists(PARAMETER_VALUE, max_size=3),
        "organization": PARAMETER_VALUE,
        "programme": PARAMETER_VALUE,
        "sort": PARAMETER_VALUE,
        "page": st.one_of(PARAMETER_VALUE, st.integers().map(str)),
    },
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def projects(project_factory):
    project_factory(title="Moterų informacijos centras", content="Smurto prevencija")
    project_factory(title="Šeimos institutas", excerpt="Padėti, ne stebėti")


@FUZZ
@given(params=PARAMETERS)
def test_the_search_page_answers_200_or_400(client, projects, params):
    response = client.get(reverse("projects:list"), params)
    assert response.status_code in (200, 400)


@FUZZ
@given(params=PARAMETERS)
def test_the_json_results_answer_200_or_400(client, projects, params):
    response = client.get(reverse("projects:search-json"), params)
    assert response.status_code in (200, 400)


@FUZZ
@given(q=QUERY_TEXT)
def test_live_results_answer_200(client, projects, q):
    response = client.get(reverse("projects:search-suggest"), {"q": q})
    assert response.status_code == 200


@FUZZ
@given(q=QUERY_TEXT)
def test_exact_mode_answers_200_or_400_for_any_phrase(client, projects, q):
    response = client.get(reverse("projects:list"), {"q": q, "exact": "1"})
    assert response.status_code in (200, 400)
