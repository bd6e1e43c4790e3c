"""Search over projects: one entry point, one backend per database vendor.

    from projects.search import SearchCriteria, search_projects

    results = search_projects(request.GET)          # validates, filters, ranks, counts facets
    results.page.object_list, results.total, results.facets, results.errors

`filter_projects(queryset, criteria)` gives the filtered and ordered queryset alone (what
`projects.filters.ProjectSearchFilter.qs` returns).

Backends: projects.search.postgres (tsvector + GIN, trigram indexes for exact matches) and
projects.search.sqlite (FTS5 filled with the Python analysis in projects.search.analysis).
"""

import datetime
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import (
    Case,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)

from projects.money import LTL_PER_EUR
from projects.search import postgres, sqlite
from projects.search.expressions import ProjectSQL
from projects.search.query import ParsedQuery, parse_query
from projects.search.schema import AMOUNT_COLUMN

FIELDS = ("title", "excerpt", "content")
SORTS = ("relevance", "newest", "start", "amount")
# Sorts an index on the published projects reads in order on PostgreSQL (migrations 0005,
# 0012 and 0013).
INDEXED_SORTS = ("newest", "start", "amount")


def candidate_limit(connection):
    """Relevance ranks at most this many matches; a query matching more (a very common word on
    a large registry) ranks a bounded subset, so it stays fast. Counts stay exact."""
    return backend_for(connection).CANDIDATE_LIMIT


def backend_for(connection):
    if connection.vendor == "postgresql":
        return postgres
    if connection.vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"No search backend for {connection.vendor}.")


@dataclass(frozen=True)
class SearchCriteria:
    """What to search for: validated parameters (projects.forms.SearchForm.criteria())."""

    q: str = ""
    exact: bool = False
    fields: tuple = FIELDS
    funders: tuple = ()
    years: tuple = ()
    organization: str = ""
    programme: str = ""
    sort: str = ""
    # Live results: the last word is matched as a prefix while it is being typed.
    prefix: bool = False
    parsed: ParsedQuery = field(default=None)

    def __post_init__(self):
        if self.parsed is None:
            object.__setattr__(self, "parsed", parse_query(self.q, prefix=self.prefix))

    @property
    def exact_phrase(self):
        return self.q.strip() if self.exact else None

    @property
    def has_text(self):
        if self.exact:
            return bool(self.exact_phrase)
        return bool(self.parsed)

    @property
    def no_fields(self):
        return self.has_text and not self.fields

    @property
    def effective_sort(self):
        if self.sort and (self.sort != "relevance" or self.has_text):
            return self.sort
        return "relevance" if self.has_text else "start"

    @property
    def has_filters(self):
        return bool(self.funders or self.years or self.organization or self.programme)

    @property
    def filter_values(self):
        """The funder, year, organization and programme filters, the same whatever order the
        parameters came in (for cache keys)."""
        return (
            tuple(sorted(self.funders)),
            tuple(sorted(self.years)),
            self.organization,
            self.programme,
        )


def _database(queryset):
    return connections[queryset.db]


def text_filtered(queryset, criteria, *, direct=False, scan=False):
    """`queryset` narrowed to the projects whose chosen fields match the text query.

    `direct`: test the row itself rather than through a subquery (PostgreSQL), for a
    top-level query whose only other condition is the queryset's own. `scan`: in exact mode,
    test each row the query reads in a form no index serves (PostgreSQL; see
    results.scan_cheaper())."""
    if not criteria.has_text:
        return queryset
    if not criteria.fields:
        return queryset.none()
    backend = backend_for(_database(queryset))
    if criteria.exact:
        sql, params = backend.exact_condition(
            criteria.exact_phrase, criteria.fields, direct=direct, scan=scan
        )
    else:
        sql, params = backend.match_condition(
            criteria.parsed, criteria.fields, direct=direct, connection=_database(queryset)
        )
    return queryset.filter(ProjectSQL(sql, params))


def within(queryset, criteria, *, buckets=None, keys=None, scan=None):
    """`queryset` narrowed to the matches of the text query (as text_filtered() with `direct`)
    among the projects in the first `buckets` sample buckets (schema.SAMPLE_BUCKET) and, on
    PostgreSQL, with the keys `keys` asks for (facets.py: the filters as a tsquery of
    schema.key_lexeme()s): one condition its keyed index answers. `scan`: in exact mode,
    test the phrase on each row the keys choose (postgres.within_condition)."""
    if criteria.has_text and not criteria.fields:
        return queryset.none()
    connection = _database(queryset)
    sql, params = backend_for(connection).within_condition(
        criteria.parsed if criteria.has_text and not criteria.exact else None,
        criteria.fields,
        buckets=buckets,
        keys=keys,
        exact_phrase=criteria.exact_phrase if criteria.has_text else None,
        scan=scan,
        connection=connection,
    )
    return queryset.filter(ProjectSQL(sql, params))


def year_condition(years):
    """Projects whose period touches any of `years` (a project counts in every year it runs)."""
    condition = Q()
    for year in years:
        condition |= Q(
            start_date__lte=datetime.date(year, 12, 31),
            start_date__isnull=False,
        ) & (
            Q(end_date__gte=datetime.date(year, 1, 1))
            | Q(end_date__isnull=True, start_date__gte=datetime.date(year, 1, 1))
        )
    return condition


def apply_filters(queryset, criteria):
    """Funder, year, organization and programme filters.

    On PostgreSQL the funder, programme and organization are tested on each project row's
    facet keys (schema.py), ~1 µs a row, so the planner walks the sort's index to the first
    rows that pass (a funder's 12 000 projects of 100 000 by start: the page's statement took
    ~100 ms, as the planner, estimating the funder's fundings at a few dozen, joined them one
    by one; now ~2 ms). The years stay a condition on the dates, which bounds the walk of the
    `start` order's index."""
    from projects.models import Funding

    if criteria.years:
        queryset = queryset.filter(year_condition(criteria.years))
    connection = _database(queryset)
    if connection.vendor == "postgresql":
        from projects.search.facets import filter_tests

        tests = filter_tests(criteria, connection)
        return queryset.filter(ProjectSQL(*tests)) if tests else queryset
    if criteria.funders:
        queryset = queryset.filter(
            id__in=Funding.objects.filter(funder__slug__in=criteria.funders).values("project_id")
        )
    if criteria.organization:
        queryset = queryset.filter(implementer__slug=criteria.organization)
    if criteria.programme:
        queryset = queryset.filter(
            id__in=Funding.objects.filter(programme__slug=criteria.programme).values("project_id")
        )
    return queryset


def matching(queryset, criteria, *, scan=False):
    """Every project matching the text and the filters, unordered (`scan`: text_filtered())."""
    return apply_filters(text_filtered(queryset, criteria, scan=scan), criteria)


def with_ids(queryset, ids):
    """`queryset` narrowed to the projects whose ids are in the list `ids`. On PostgreSQL the
    list is one array parameter (postgres.id_array()): a thousand candidates as a thousand
    placeholders cost ~8 ms of Python to compile and bind."""
    if _database(queryset).vendor == "postgresql":
        return queryset.filter(
            ProjectSQL("{table}.id = ANY(%s::bigint[])", [postgres.id_array(ids)])
        )
    return queryset.filter(id__in=ids)


def order(queryset, criteria, *, candidates=None):
    """`queryset` (already matching) in the order `criteria.effective_sort` asks for.

    Relevance ranks `candidates` (ids), or else a bounded subset of `queryset`."""
    from projects.models import Currency, Funding

    sort = criteria.effective_sort
    if sort == "relevance":
        backend = backend_for(_database(queryset))
        if candidates is None:
            candidates = queryset.order_by().values("id")[: backend.CANDIDATE_LIMIT]
        expressions = backend.rank_expressions(
            criteria.parsed, criteria.fields, exact_phrase=criteria.exact_phrase
        )
        tier_sql, tier_params = expressions["search_tier"]
        score_sql, score_params = expressions["search_score"]
        if isinstance(candidates, list):
            narrowed = with_ids(queryset, candidates)
        else:
            narrowed = queryset.filter(id__in=candidates)
        return narrowed.annotate(
            search_tier=ProjectSQL(tier_sql, tier_params, output_field=IntegerField()),
            search_score=ProjectSQL(score_sql, score_params, output_field=FloatField()),
        ).order_by("-search_tier", "-search_score", "-start_date", "id")
    if sort == "newest":
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-id")
    if sort == "amount":
        if _database(queryset).vendor == "postgresql":
            # The sum kept on the row, which an index holds in this order (schema.py).
            total = ProjectSQL(f"{{table}}.{AMOUNT_COLUMN}", [], output_field=DecimalField())
        else:
            euros = Case(
                When(currency=Currency.LTL, then=F("amount") / Value(LTL_PER_EUR)),
                default=F("amount"),
            )
            total = Subquery(
                Funding.objects.filter(project=OuterRef("pk"))
                .order_by()
                .values("project")
                .annotate(total=Sum(euros))
                .values("total")
            )
        return queryset.annotate(amount_total=total).order_by(
            F("amount_total").desc(nulls_last=True), "title", "id"
        )
    return queryset.order_by(F("start_date").desc(nulls_last=True), "title", "id")


def rank(queryset, criteria, ids, offset, limit):
    """The ids of `limit` of the candidates `ids` (projects of `queryset` matching `criteria`)
    from `offset` on, in relevance order."""
    if not ids:
        return []
    connection = _database(queryset)
    if connection.vendor == "postgresql":
        return postgres.ranked_ids(
            connection,
            ids,
            criteria.parsed,
            criteria.fields,
            exact_phrase=criteria.exact_phrase,
            offset=offset,
            limit=limit,
        )
    # The ranking annotations stay selected: SQLite's ORDER BY names them by position.
    ranked = order(queryset, criteria, candidates=ids).values_list(
        "id", "search_tier", "search_score"
    )
    return [row[0] for row in ranked[offset : offset + limit]]


def filter_projects(queryset, criteria):
    """The projects of `queryset` matching `criteria`, ordered as `criteria.sort` asks."""
    return order(matching(queryset, criteria), criteria)


__all__ = [
    "FIELDS",
    "SORTS",
    "SearchCriteria",
    "backend_for",
    "filter_projects",
    "matching",
    "parse_query",
]

# Kept at the end: results.py imports from this module.
from projects.search.results import SearchResults, search_projects  # noqa: E402

__all__ += ["SearchResults", "search_projects"]
