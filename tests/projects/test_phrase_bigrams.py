"""PostgreSQL answers quoted phrases from the bigram index (projects/search/schema.py): it must
find exactly what the positional phrase test (`<->`) finds, and stay in step with edits."""

import itertools
import random

import pytest
from django.db import connection

from projects.models import Project
from projects.search import postgres
from projects.search.expressions import ProjectSQL
from projects.search.query import parse_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the bigram index is PostgreSQL's"
    ),
]

# Few words, in several case forms and with and without diacritics, so that phrases recur in
# every arrangement: side by side, apart, reversed, repeated, across the title's end.
VOCABULARY = [
    ["moterų", "moteru", "moterims", "moteris"],
    ["informacijos", "informacija", "informaciją"],
    ["centras", "centro", "centrui"],
    ["smurto", "smurtas"],
    ["prevencija", "prevencijos"],
    ["ir"],
]
ALL_FIELDS = ("title", "excerpt", "content")


def _text(rng, length):
    return " ".join(rng.choice(rng.choice(VOCABULARY)) for _ in range(length))


@pytest.fixture
def corpus(project_factory):
    rng = random.Random(20261129)
    for _ in range(60):
        project_factory(
            title=_text(rng, rng.randint(1, 4)),
            excerpt=_text(rng, rng.randint(0, 6)),
            content=_text(rng, rng.randint(0, 12)),
        )


def found(query, fields=ALL_FIELDS, *, bigrams):
    """Ids of the projects matching `query`, through the bigram index or positions only."""
    parsed = parse_query(query)
    sql, params = postgres.match_condition(
        parsed, fields, connection=connection if bigrams else None
    )
    return set(Project.objects.filter(ProjectSQL(sql, params)).values_list("id", flat=True))


def phrases(length):
    forms = [words[0] for words in VOCABULARY] + ["moteru", "centrui"]
    return ['"' + " ".join(words) + '"' for words in itertools.product(forms, repeat=length)]


def test_two_word_phrases_find_what_the_positional_test_finds(corpus):
    checked = 0
    for query in phrases(2):
        expected = found(query, bigrams=False)
        assert found(query, bigrams=True) == expected, query
        checked += bool(expected)
    assert checked > 20  # the corpus has most pairs somewhere: the test compares real matches


def test_three_word_phrases_find_what_the_positional_test_finds(corpus):
    for query in phrases(3)[::7]:
        assert found(query, bigrams=True) == found(query, bigrams=False), query


@pytest.mark.parametrize("fields", [("title",), ("excerpt",), ("content",), ("title", "content")])
def test_phrases_within_chosen_fields_find_what_the_positional_test_finds(corpus, fields):
    for query in phrases(2)[::3]:
        assert found(query, fields, bigrams=True) == found(query, fields, bigrams=False), query


def test_phrases_mixed_with_words_and_exclusions_find_the_same(corpus):
    for query in [
        'smurto "moterų informacijos"',
        '"centro prevencija" -ir',
        '"moterų informacijos" -"centras ir"',
        '"ir ir" "smurtas prevencija"',
    ]:
        assert found(query, bigrams=True) == found(query, bigrams=False), query


def test_a_two_word_phrase_in_any_field_needs_no_positional_test():
    sql, params = postgres.match_condition(
        parse_query('"moterų informacijos"'), ALL_FIELDS, connection=connection
    )
    assert "search_bigrams" in sql
    assert "search_vector" not in sql
    assert params == ["'moter informacij'"]


def test_a_phrase_follows_an_edit_of_its_project(project_factory):
    project = project_factory(title="Smurto prevencija", content="Moterų informacijos centras")
    assert found('"informacijos centras"', bigrams=True) == {project.pk}
    project.content = "Informacijos ir moterų centras"
    project.save()
    assert found('"informacijos centras"', bigrams=True) == set()
    assert found('"moterų centras"', bigrams=True) == {project.pk}


def test_a_word_that_is_not_one_lexeme_keeps_the_positional_test(monkeypatch):
    monkeypatch.setattr(postgres, "phrase_lexemes", lambda connection, parsed: {"moterų": "moter"})
    sql, params = postgres.match_condition(
        parse_query('"moterų informacijos"'), ALL_FIELDS, connection=connection
    )
    assert "search_bigrams" not in sql
    assert params[1] == "('moterų' <-> 'informacijos')"
