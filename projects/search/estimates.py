"""A search's counts: exact while they are cheap, estimated from a sample when they are not.

Counting costs time in proportion to the rows counted: every match of a word has to be read
from the table to be counted by funder, year and organization, ~0.6 µs each. A word in nine
projects in ten of a 100 000-project registry cost ~65 ms; at 1 000 000 projects, ~800 ms. So,
as web search engines say "about 93 000 results", a search here counts exactly what touches
at most settings.SEARCH_EXACT_COUNT_LIMIT rows, each weighed by what it costs to count
(row_cost(): more when filters choose the rows, much more in exact mode), and estimates the
rest:

1. It counts in a sample first: the projects in the first k of schema.SAMPLE_BUCKETS buckets,
   k chosen so the sample holds about SAMPLE_ROWS projects. A registry whose every row is
   within the limit is never sampled, nor one whose sample would need more buckets than
   MAX_SAMPLE_KEY_TESTS allows; at 100 000 projects the sample is 6 % of them, and on
   PostgreSQL its matches come from the keyed text index, where the bucket is a lexeme
   (schema.KEYED; ~10 ms for a very common word).
2. When the full count would touch at most the limit's rows (scaled up from the sample), it
   counts everything exactly, as if there were no sample.
3. Otherwise the facet counts are the sample's, scaled up and rounded to two significant
   digits, and say so. The total is counted exactly when it is within the limit (a broad word
   with two filters: few matches, but many rows for the facets, which release one filter
   each); else it is estimated too, from at least MIN_SAMPLED_MATCHES sampled matches if a
   sample up to MAX_GROWTH times larger (within MAX_SAMPLE_KEY_TESTS) finds them, and
   the shown page ranks up to SAMPLED_CANDIDATES of the sample's matches.
"""

import hashlib
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from projects import registry_version
from projects.search import matching, within
from projects.search.facets import counts, filter_keys
from projects.search.schema import SAMPLE_BUCKETS

# Projects in the sample: ~6 000 matches of a very common word, so a facet value in 1 000 of
# 100 000 matches is estimated within ~13 % (one standard error).
SAMPLE_ROWS = 6000
# Exact mode tests the phrase on every sampled project (~11 µs each at 100 000 projects: the
# content is read from its TOAST table and scanned, where a word's match costs ~1 µs), so its
# sample is smaller; and a row it would count weighs EXACT_MODE_ROW_COST (row_cost()): a
# count of every match goes through the trigram indexes, whose candidates are rechecked:
# 12–16 µs a row (3 308 in 41 ms at 10 000 projects, 32 857 in 535 ms at 100 000), up to
# ~40 µs with filters (the indexes' bitmaps then weigh on fewer rows).
EXACT_SAMPLE_ROWS = 1500
EXACT_MODE_ROW_COST = 25
# A row of a count whose matches the filters choose weighs this many (row_cost()): they are
# materialized first and each tested against every filter (facets.counts), ~2.3 µs a row at
# 100 000 projects (a phrase with a funder and a year: 10 000 rows in 23 ms), where a word
# with at most one filter is grouped straight from the index scan, ~0.8 µs a row.
FILTERED_ROW_COST = 3
# Exact mode's total of the few rows its filters choose is counted one of two ways
# (postgres.within_condition), in µs: testing the phrase on each row the filters' keys choose
# (its text is read from TOAST) costs SCAN_ROW_COST a row; asking the trigram indexes for
# candidates costs TRIGRAM_PROJECT_COST per project of the registry for their bitmaps, and
# TRIGRAM_CANDIDATE_COST per candidate, whose keys and text are read again to recheck it.
# Measured at 100 000 projects: a phrase in 449 of a funder's 1 363 projects of a year took
# 57 ms from the trigram indexes (34 ms of bitmaps, 518 candidates), 20 ms tested row by row.
SCAN_ROW_COST = 15
TRIGRAM_PROJECT_COST = 0.3
TRIGRAM_CANDIDATE_COST = 50
# The keyed index tests each sampled project against every bucket's key: a sample of k
# buckets of a registry costs about k times the projects it holds, so it takes at most as
# many buckets as keep that under MAX_SAMPLE_KEY_TESTS (64 buckets for a word's ~6 000
# projects, 266 for exact mode's ~1 500). A larger one costs more than it saves (a common
# word with a funder and a year at 10 000 projects, the 615 buckets of 6 000 projects: ~90 ms
# for its keys alone, and the planner gave the index up, ~440 ms; 64 buckets: ~2 ms), so a
# registry whose sample would need more (under ~100 000 projects for a word, ~6 000 in exact
# mode) is counted whole.
MAX_SAMPLE_KEY_TESTS = 400_000
# An estimated total rests on this many sampled matches if a sample at most MAX_GROWTH times
# larger finds them (~10 % standard error).
MIN_SAMPLED_MATCHES = 100
MAX_GROWTH = 8
# An estimated total's page ranks at most this many of the sample's matches (a random
# subset of tens of thousands either way, so the pool need not be search.candidate_limit()'s:
# ranking reads each candidate's tsvector from TOAST, ~15 µs a candidate at 100 000
# projects, so a common word's 1 000 took ~15 ms, 400 take ~6).
SAMPLED_CANDIDATES = 400
# A registry's size is counted again at most this often even while no record changes.
SIZE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Summary:
    """The counts a search page shows. With `estimated_facets`, `facets` holds the sample's
    counts: each times `facet_scale`, rounded (estimate()), is the estimate; only the values
    shown need it (an organization facet has thousands)."""

    total: int
    facets: dict = field(default_factory=dict)
    ids: list = field(default_factory=list)
    estimated_total: bool = False
    estimated_facets: bool = False
    facet_scale: float = 1.0


def summarize(queryset, criteria, *, id_limit, with_facets=True):
    """The Summary of `queryset`'s projects matching `criteria` (facets.counts' arguments)."""
    limit = settings.SEARCH_EXACT_COUNT_LIMIT

    def exact(*, with_facets, matches=None):
        # A count of the rows every filter chooses, about `matches` of which match, in exact
        # mode: testing each row, or asking the trigram indexes (scan_keyed_rows()).
        scan = None
        if not with_facets and matches is not None:
            scan = scan_keyed_rows(queryset, criteria, size, matches)
        found = counts(queryset, criteria, id_limit=id_limit, with_facets=with_facets, scan=scan)
        return Summary(found.total, found.facets, found.ids)

    size = registry_size(queryset)
    exact_mode = criteria.exact and criteria.has_text
    facets_cost = row_cost(criteria, with_facets=with_facets)
    total_cost = row_cost(criteria, with_facets=False)
    wanted = EXACT_SAMPLE_ROWS if exact_mode else SAMPLE_ROWS
    buckets = math.ceil(SAMPLE_BUCKETS * wanted / size) if size else SAMPLE_BUCKETS
    most_buckets = MAX_SAMPLE_KEY_TESTS // wanted
    if buckets > most_buckets or size * facets_cost <= limit:
        # A small registry: a sample would be much of it, or even all of it is cheap to count.
        return exact(with_facets=with_facets)
    grown = False
    while True:
        scale = SAMPLE_BUCKETS / buckets
        sampled = counts(
            queryset,
            criteria,
            id_limit=min(id_limit, SAMPLED_CANDIDATES),
            with_facets=with_facets,
            sample=buckets,
        )
        matches = sampled.total * scale
        # What counting everything would cost, from the rows the sample counted.
        if sampled.rows * scale * facets_cost <= limit:
            return exact(with_facets=with_facets, matches=matches)
        estimated = {"estimated_facets": with_facets, "facet_scale": scale}
        if matches * total_cost <= limit:
            exact_total = exact(with_facets=False, matches=matches)
            return replace(exact_total, facets=sampled.facets, **estimated)
        if not criteria.has_text:
            # Without text the total is a plain count of the rows the filters choose (or of
            # all), no text read (~5 ms at 100 000 projects): the list of every project says
            # how many there are, not "about 100 000".
            total = _count_without_text(queryset, criteria)
            if total <= id_limit:  # so few that the page lists them by id: find them
                return replace(exact(with_facets=False), facets=sampled.facets, **estimated)
            return Summary(total, sampled.facets, sampled.ids, **estimated)
        if sampled.total >= MIN_SAMPLED_MATCHES or grown:
            break
        # Too few sampled matches for the total (a phrase in exact mode with two filters at
        # 1 000 000 projects: 11, so ≈5 600 for 4 565): once, a sample up to 8 times larger.
        growth = min(MAX_GROWTH, math.ceil(MIN_SAMPLED_MATCHES / max(sampled.total, 1)))
        larger = min(SAMPLE_BUCKETS, most_buckets, buckets * growth)
        if larger == buckets:  # as large as a sample is taken: estimate from its matches
            break
        buckets, grown = larger, True
        if buckets == SAMPLE_BUCKETS:  # the whole registry: counting everything
            return exact(with_facets=with_facets)
    return Summary(
        estimate(sampled.total * scale),
        sampled.facets,
        sampled.ids,
        estimated_total=True,
        **estimated,
    )


def row_cost(criteria, *, with_facets):
    """What counting one row of a search for `criteria` costs, in rows of a word search with
    at most one filter (see FILTERED_ROW_COST): a facet releases its own filter, so the rows
    are chosen by filters when two are set, or one without facets."""
    if criteria.exact and criteria.has_text:
        return EXACT_MODE_ROW_COST
    filters = [criteria.funders, criteria.years, criteria.organization, criteria.programme]
    chosen_by_filters = sum(map(bool, filters)) >= (2 if with_facets else 1)
    return FILTERED_ROW_COST if chosen_by_filters else 1


def _count_without_text(queryset, criteria):
    """How many projects of `queryset` pass `criteria`'s filters: on PostgreSQL a count of the
    keyed index's rows (schema.KEYED; testing each row's facet keys instead read all of them,
    ~25 ms more for a funder at 100 000 projects)."""
    connection = connections[queryset.db]
    if criteria.has_filters and connection.vendor == "postgresql":
        return within(queryset, criteria, keys=filter_keys(criteria, connection)).count()
    return matching(queryset, criteria).count()


def scan_keyed_rows(queryset, criteria, size, matches):
    """Whether exact mode's filtered total, about `matches` projects, costs less to count by
    testing the phrase on each project the filters choose than by asking the trigram indexes
    (see SCAN_ROW_COST); None (the default) but on PostgreSQL in exact mode with filters.
    A rare phrase with a broad filter keeps the indexes: testing a year's 20 000 projects
    would take ~0.3 s."""
    if not (criteria.exact and criteria.has_text and criteria.has_filters):
        return None
    if connections[queryset.db].vendor != "postgresql":
        return None
    chosen = _chosen_by_filters(queryset, criteria)
    trigram = size * TRIGRAM_PROJECT_COST + matches * TRIGRAM_CANDIDATE_COST
    return chosen * SCAN_ROW_COST < trigram


def _chosen_by_filters(queryset, criteria):
    """How many projects `criteria`'s filters choose, counted once per version of the registry
    as registry_size() is: scan_keyed_rows() only weighs two ways of counting with it (a
    funder and a year's projects took ~7 ms to count, a fifth of such a search), and the
    same filters come back with other words."""
    digest = hashlib.sha256(repr(criteria.filter_values).encode()).hexdigest()
    key = f"search:chosen:{queryset.db}:{registry_version.current()}:{digest}"
    chosen = cache.get(key)
    if chosen is None:
        chosen = _count_without_text(queryset, replace(criteria, q="", parsed=None))
        cache.set(key, chosen, SIZE_SECONDS)
    return chosen


def estimate(value):
    """`value` rounded to two significant digits: an estimate claims no more."""
    if value < 1:
        return 0
    digits = 10 ** max(int(math.log10(value)) - 1, 0)
    return int(round(value / digits) * digits)


def registry_size(queryset):
    """How many projects the table holds (the sample is a share of them), counted once per
    version of the registry."""
    model = queryset.model
    key = f"search:size:{queryset.db}:{registry_version.current()}"
    size = cache.get(key)
    if size is None:
        size = model._base_manager.using(queryset.db).count()
        cache.set(key, size, SIZE_SECONDS)
    return size
