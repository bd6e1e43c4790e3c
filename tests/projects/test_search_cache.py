"""A search page's summary is reused until a record changes, in memory or in Redis."""

import socket

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from projects.models import ProjectStatus
from projects.search import search_projects

pytestmark = pytest.mark.django_db


def run(params, **options):
    with CaptureQueriesContext(connection) as queries:
        results = search_projects(dict(params), **options)
    assert results.is_valid, results.errors
    return results, len(queries)


def shown(results):
    return [project.title for project in results.page.object_list]


def test_the_same_search_again_reads_only_the_shown_projects(seeded):
    first, first_queries = run({"q": "moteru"})
    again, again_queries = run({"q": "moteru"})

    assert again.total == first.total > 0
    assert again.facets == first.facets
    assert shown(again) == shown(first)
    assert [p.search_snippet for p in again.page.object_list] == [
        p.search_snippet for p in first.page.object_list
    ]
    # The projects by id and their fundings: no text search, no facet counts.
    assert again_queries == 2
    assert again_queries < first_queries


def test_a_saved_project_is_found_at_once(project_factory):
    before, _ = run({"q": "bitininkystė"})
    project = project_factory(title="Senovinė bitininkystė")
    after, _ = run({"q": "bitininkystė"})

    assert before.total == 0
    assert shown(after) == [project.title]


def test_an_archived_project_leaves_the_cached_results(project_factory):
    project = project_factory(title="Bitininkystės stovykla")
    assert run({"q": "bitininkystė"})[0].total == 1

    project.status = ProjectStatus.ARCHIVED
    project.save()

    assert run({"q": "bitininkystė"})[0].total == 0


def test_every_parameter_is_part_of_the_key(project_factory):
    project_factory(title="Bitininkystė mieste", start_date=None, end_date=None)
    project_factory(title="Stovykla", content="Mokysimės bitininkystės.")

    assert run({"q": "bitininkyste"})[0].total == 2
    assert run({"q": "bitininkyste", "fields": ["title"]})[0].total == 1
    assert run({"q": "bitininkyste", "exact": "1"})[0].total == 0
    assert run({"q": "bitininkyste", "year": "2020"})[0].total == 1
    assert run({"q": "bitininkyste", "page": "2"})[0].page_out_of_range


def test_use_cache_false_always_searches(seeded):
    run({"q": "bitininkystė"})  # the registry's size is counted once per version of it
    _, first_queries = run({"q": "moteru"})
    _, again_queries = run({"q": "moteru"}, use_cache=False)
    assert again_queries == first_queries


@override_settings(SEARCH_CACHE_SECONDS=0)
def test_a_zero_timeout_turns_the_cache_off(seeded):
    run({"q": "bitininkystė"})  # the registry's size is counted once per version of it
    _, first_queries = run({"q": "moteru"})
    _, again_queries = run({"q": "moteru"})
    assert again_queries == first_queries


def _redis_listening():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": "ngo-registry-tests",
    }
}


@pytest.mark.skipif(not _redis_listening(), reason="no Redis server on 127.0.0.1:6379")
def test_the_summary_is_shared_through_redis(seeded):
    with override_settings(CACHES=REDIS_CACHE):
        redis = caches["default"]
        redis.clear()
        try:
            first, _ = run({"q": "moteru"})
            # Another worker process would find the same entry: the key is in Redis.
            assert any(
                key.startswith(b"ngo-registry-tests:1:search:")
                for key in redis._cache.get_client().keys("ngo-registry-tests:*")
            )
            again, again_queries = run({"q": "moteru"})
            assert shown(again) == shown(first)
            assert again_queries == 2
        finally:
            redis.clear()


def test_another_page_of_the_same_search_reuses_its_counts(project_factory):
    for number in range(25):
        project_factory(title=f"Bitininkystės stovykla {number}")
    first, first_queries = run({"q": "bitininkystė"})
    second, second_queries = run({"q": "bitininkystė", "page": "2"})

    assert second.total == first.total == 25
    assert len(second.page.object_list) == 5
    # No count or facet statement: the shown page and its projects' fundings (and the
    # organization and programme names of the facets).
    assert second_queries < first_queries


def test_the_rebuild_command_renews_what_was_cached(project_factory):
    project = project_factory(title="Bitininkystės stovykla")
    assert run({"q": "stovykla"})[0].total == 1
    # A change that bypasses the signals (as bulk updates do) is seen after a rebuild.
    type(project).objects.filter(pk=project.pk).update(title="Bitininkystės mokykla")
    call_command("rebuild_search_index", verbosity=0)

    assert run({"q": "stovykla"})[0].total == 0
    assert run({"q": "mokykla"})[0].total == 1
