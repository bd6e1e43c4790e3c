"""A whole search page: validated parameters, one page of ranked results, facets, hints."""

import contextlib
import difflib
import functools
import hashlib
import heapq
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, transaction

from projects import registry_version
from projects.search import (
    INDEXED_SORTS,
    SearchCriteria,
    backend_for,
    candidate_limit,
    matching,
    order,
    rank,
    with_ids,
)
from projects.search.analysis import fold, stem, words
from projects.search.estimates import estimate, registry_size, summarize
from projects.search.facets import FACET_LIMIT, placeholders, slugs_resolved_once
from projects.search.highlight import highlight, project_snippet

PAGE_SIZE = 20


@dataclass
class SearchResults:
    form: object
    criteria: SearchCriteria | None = None
    page: object = None
    total: int = 0
    facets: dict = field(default_factory=dict)
    spelling: str = ""
    without_filters_total: int | None = None
    without_filters_estimated: bool = False
    page_out_of_range: bool = False
    requested_page: object = None
    ranked_subset: bool = False
    # Counts estimated from a sample (a very broad search on a large registry: estimates.py).
    estimated_total: bool = False
    estimated_facets: bool = False
    # Another sort than relevance shows the first candidate_limit() of an estimated total.
    first_only: bool = False
    # Every result in the page's order, when the paginator does not hold them (a relevance
    # page, which reads its own ids only): made when asked, as only the CSV asks.
    ordered_results: object = field(default=None, repr=False)

    def every_result(self):
        """Every result, in the page's order, as a queryset (what the CSV lists)."""
        if self.ordered_results is not None:
            return self.ordered_results()
        return self.page.paginator.object_list

    @property
    def errors(self):
        return self.form.errors

    @property
    def is_valid(self):
        return not self.form.errors

    @property
    def no_fields(self):
        return self.criteria is not None and self.criteria.no_fields


def search_projects(
    params,
    queryset=None,
    *,
    page_size=PAGE_SIZE,
    facets=True,
    hints=True,
    prefix=False,
    use_cache=True,
):
    """Validate `params` (a QueryDict or dict) and run the search.

    Returns SearchResults; when the parameters are invalid, `errors` says why and nothing is
    queried. Each shown project carries `search_title` and `search_snippet` (safe HTML).

    A search of the published registry keeps its summary (the total, the facets and the shown
    page's ids) in the cache for SEARCH_CACHE_SECONDS, under the registry's version, so the
    same search again reads one page of projects by id; `use_cache=False` always searches.
    """
    from projects.forms import SearchForm
    from projects.models import Project

    default_queryset = queryset is None
    if default_queryset:
        queryset = Project.objects.published()
    form = SearchForm(params)
    results = SearchResults(form=form)
    if not form.is_valid():
        return results
    criteria = form.criteria(prefix=prefix)
    results.criteria = criteria
    if criteria.no_fields:
        return results

    key = counts_key = None
    if use_cache and default_queryset and settings.SEARCH_CACHE_SECONDS > 0:
        version = registry_version.current()
        key = _summary_key(version, criteria, form.cleaned_data["page"], page_size, facets, hints)
        # Every page of one search shares its counts: this key leaves the page number out.
        counts_key = _summary_key(version, criteria, None, None, facets, False)
        summary = cache.get(key)
        if summary is not None:
            _restore(results, summary, queryset, page_size)
            _add_snippets(results, criteria)
            return results

    with search_session(connections[queryset.db], criteria), slugs_resolved_once():
        found = cache.get(counts_key) if counts_key else None
        if found is None:
            found = summarize(
                queryset,
                criteria,
                id_limit=candidate_limit(connections[queryset.db]),
                with_facets=facets,
            )
            if counts_key:
                cache.set(counts_key, found, settings.SEARCH_CACHE_SECONDS)
        results.total = found.total
        results.estimated_total = found.estimated_total
        results.estimated_facets = found.estimated_facets
        if facets:
            scale = found.facet_scale if found.estimated_facets else None
            results.facets = labelled_facets(
                found.facets, criteria, connections[queryset.db], scale=scale
            )
        results.page = _page(results, queryset, criteria, page_size, found.ids)
        if hints and results.total == 0:
            add_hints(results, queryset, criteria)
    if key is not None:
        cache.set(key, _summary(results), settings.SEARCH_CACHE_SECONDS)
    _add_snippets(results, criteria)
    return results


def _add_snippets(results, criteria):
    for project in results.page.object_list:
        project.search_title = highlight(project.title, criteria)
        project.search_snippet = project_snippet(project, criteria)


def _summary_key(version, criteria, page, page_size, facets, hints):
    """The cache key of one search page: the registry's version and every parameter that
    changes what the page shows. Hashed, as `q` may be long."""
    parts = (
        criteria.q,
        criteria.exact,
        criteria.fields,
        criteria.filter_values,
        criteria.sort,
        criteria.prefix,
        page,
        page_size,
        facets,
        hints,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"search:{version}:{digest}"


def _summary(results):
    """What a search page needs besides the projects themselves, as plain values."""
    page = results.page
    return {
        "total": results.total,
        "facets": results.facets,
        "spelling": results.spelling,
        "without_filters_total": results.without_filters_total,
        "without_filters_estimated": results.without_filters_estimated,
        "page_out_of_range": results.page_out_of_range,
        "requested_page": results.requested_page,
        "ranked_subset": results.ranked_subset,
        "estimated_total": results.estimated_total,
        "estimated_facets": results.estimated_facets,
        "first_only": results.first_only,
        "shown": page.paginator.count,
        "number": page.number,
        "ids": [project.pk for project in page.object_list],
    }


def _restore(results, summary, queryset, page_size):
    """SearchResults from a cached summary: the shown projects are read again by id, in the
    cached order."""
    for name in (
        "total",
        "facets",
        "spelling",
        "without_filters_total",
        "without_filters_estimated",
        "page_out_of_range",
        "requested_page",
        "ranked_subset",
        "estimated_total",
        "estimated_facets",
        "first_only",
    ):
        setattr(results, name, summary[name])
    page = _empty_page(queryset.none(), page_size, summary["shown"], summary["number"])
    page.object_list = queryset.listed_by_ids(summary["ids"])
    results.page = page


def _empty_page(object_list, page_size, count, number):
    """Page `number` of the `count` results (known already: the paginator need not ask) of
    `object_list`, not read."""
    paginator = Paginator(object_list, page_size)
    paginator.__dict__["count"] = count
    return paginator.page(number)


@contextlib.contextmanager
def search_session(connection, criteria):
    """Planner settings for the search's queries on PostgreSQL, for this transaction only.

    - No JIT: on a large registry the estimated costs pass the JIT threshold, and compiling
      costs more than the queries run.
    - More work_mem: facet counts hash and sort every match.
    - No parallel workers: starting them cost more than the statements gain, now that a
      broad search counts a sample (the sample's facets and a filtered total at 100 000
      projects: 10 + 13 ms serial, 22 + 16 to 26 + 28 ms with two workers).
    - For a text query, no sequential scans: the planner does not count the cost of reading
      each row's (TOASTed) tsvector, so for a common word it would scan the table and test
      `@@` on every row; a bitmap scan of the GIN index reads only the heap pages (narrow,
      see schema.py) and no tsvector at all. Likewise in exact mode, where it would test
      the pattern on every row's content rather than on the rows the trigram indexes name (a
      phrase in a third of 100 000 projects: 3.8 s scanning, 1.3 s from the indexes).
    """
    if connection.vendor != "postgresql":
        yield
        return
    planner = {"jit": "off", "work_mem": "32MB", "max_parallel_workers_per_gather": "0"}
    if criteria.has_text:
        planner["enable_seqscan"] = "off"
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # One round trip for them all.
        calls = ", ".join("set_config(%s, %s, true)" for _ in planner)
        cursor.execute(f"SELECT {calls}", [value for item in planner.items() for value in item])
        yield


def _page(results, queryset, criteria, page_size, ids=None):
    """The requested page. `ids` (from the counts): every match when there are no more than
    the candidate limit, else the bounded subset relevance ranks; either way the text query
    is not evaluated again. An estimated total is not a count to page through: at most the
    candidate limit is shown, in any order."""
    limit = candidate_limit(connections[queryset.db])
    relevance = criteria.effective_sort == "relevance"
    shown = results.total
    if relevance and results.total > limit:
        shown = limit
        results.ranked_subset = True
    if results.estimated_total:
        if relevance:
            shown = min(limit, len(ids))
            results.ranked_subset = True
        else:
            shown = min(limit, results.total)
            results.first_only = True
    pages = max(1, math.ceil(shown / page_size))
    requested = results.form.cleaned_data["page"]
    results.requested_page = requested
    if requested == "last":
        requested = pages
    elif requested > pages:
        results.page_out_of_range = True
        requested = pages

    every_match = results.total <= limit and not results.estimated_total
    if ids is not None and relevance:
        # The candidates are ranked by id alone, then the page's projects are read: ranking
        # whole rows carried every candidate's columns and implementer through the sort.
        results.ordered_results = functools.partial(_ranked, queryset, criteria, ids)
        page = _empty_page(queryset.none(), page_size, shown, requested)
        offset = (page.number - 1) * page_size
        page.object_list = queryset.listed_by_ids(rank(queryset, criteria, ids, offset, page_size))
        return page
    if ids is not None and every_match:
        ordered = order(with_ids(queryset, ids), criteria, candidates=ids)
    else:
        scan = scan_cheaper(queryset, criteria, results.total, requested * page_size)
        ordered = order(matching(queryset, criteria, scan=scan), criteria)
    paginator = Paginator(ordered.for_listing(), page_size)
    # The count is known already; the paginator need not ask again.
    paginator.__dict__["count"] = shown
    page = paginator.page(requested)
    # Evaluate inside the search session.
    page.object_list = list(page.object_list)
    return page


def _ranked(queryset, criteria, ids):
    """The candidates `ids` as a queryset in relevance order, for listing (~1 ms to build:
    left to the CSV, which lists them all)."""
    return order(queryset, criteria, candidates=ids).for_listing()


def scan_cheaper(queryset, criteria, total, rows_needed):
    """Whether exact mode, sorted in an index's order (INDEXED_SORTS), should test each project
    as the index walks to it rather than ask the trigram indexes for every match (PostgreSQL):
    when the walk is expected to test fewer rows than there are matches, each of which the
    trigram way tests (a phrase in a third of 100 000 projects sorted by newest: ~3 ms for the
    first page, ~100 ms for the 50th, against ~1 s for all its matches). A rare phrase keeps
    the trigram indexes: walking to its few matches would test most of the registry."""
    if not (criteria.exact and criteria.has_text and criteria.effective_sort in INDEXED_SORTS):
        return False
    if connections[queryset.db].vendor != "postgresql" or not total:
        return False
    expected = rows_needed * registry_size(queryset) / total
    return expected < total


def labelled_facets(raw, criteria, connection, *, scale=None):
    """{facet: [{value, label, count, selected}]} from counts() rows, biggest first. With
    `scale`, the rows are a sample's counts, and each shown count is the estimate."""

    def top(rows, limit=None):
        # A common word has hundreds of programmes: pick the few shown without sorting all.
        if limit:
            return heapq.nsmallest(limit, rows, key=lambda row: (-row[1], row[0]))
        return sorted(rows, key=lambda row: (-row[1], row[0]))

    funders = top(raw["funder"])
    organizations = top(raw["organization"])  # the biggest FACET_LIMIT already (facets.py)
    programmes = top(raw["programme"], FACET_LIMIT)
    names, names_of_programmes = _labels(
        connection,
        {value for value, _ in funders + organizations},
        {value for value, _ in programmes},
    )

    def shown(count):
        return count if scale is None else estimate(count * scale)

    def facet(rows, lookup, selected):
        items = [
            {
                "value": lookup[value]["slug"],
                "label": lookup[value]["name"],
                "count": shown(count),
                "selected": lookup[value]["slug"] in selected,
            }
            for value, count in rows
            if value in lookup
        ]
        return sorted(items, key=lambda item: (-item["count"], item["label"]))

    return {
        "funder": facet(funders, names, criteria.funders),
        "year": [
            {
                "value": year,
                "label": str(year),
                "count": shown(count),
                "selected": year in criteria.years,
            }
            for year, count in sorted(raw["year"])
        ],
        "organization": facet(organizations, names, [criteria.organization]),
        "programme": facet(programmes, names_of_programmes, [criteria.programme]),
    }


def _labels(connection, organization_ids, programme_ids):
    """({id: {slug, name}} of the organizations, the same of the programmes), in one
    statement. Written out: the ORM's two querysets (or one union of them) took ~2.5 ms to
    build and compile at each search, the statement itself ~0.9 ms."""
    from organizations.models import Organization
    from projects.models import FundingProgramme

    selects, params = [], []
    for kind, model, ids in (
        (0, Organization, organization_ids),
        (1, FundingProgramme, programme_ids),
    ):
        if ids:
            table = connection.ops.quote_name(model._meta.db_table)
            selects.append(
                f"SELECT {kind}, id, slug, name FROM {table} WHERE id IN ({placeholders(ids)})"
            )
            params += list(ids)
    labels = ({}, {})
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for kind, pk, slug, name in cursor.fetchall():
                labels[kind][pk] = {"slug": slug, "name": name}
    return labels


def add_hints(results, queryset, criteria):
    """Zero results: what fewer filters would give, and a nearby spelling of the words when
    the words alone find nothing (when they do, the filters are what to change, and looking
    for spellings in every title cost up to a second on a large registry)."""
    if criteria.has_filters:
        plain = SearchCriteria(q=criteria.q, exact=criteria.exact, fields=criteria.fields)
        # Estimated as the search's own counts are, when counting them all costs too much (a
        # phrase in exact mode in 32 000 of 100 000 projects: 600 ms to count).
        found = summarize(queryset, plain, id_limit=0, with_facets=False)
        results.without_filters_total = found.total
        results.without_filters_estimated = found.estimated_total
    if criteria.has_text and not criteria.exact and not results.without_filters_total:
        results.spelling = suggest_spelling(queryset, criteria)


def _closest(word, vocabulary):
    folded = {}
    for candidate in vocabulary:
        folded.setdefault(fold(candidate), candidate.lower())
    close = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None


def suggest_spelling(queryset, criteria):
    """A query with each unknown word replaced by the closest title word, or ""."""
    connection = connections[queryset.db]
    backend = backend_for(connection)
    sqlite_vocabulary = None
    changed = False
    corrected = []
    for item in criteria.parsed.required:
        new_item = []
        for word in item:
            titles = backend.spelling_candidates(connection, word)
            if titles is None:
                if sqlite_vocabulary is None:
                    sqlite_vocabulary = {
                        title_word
                        for title in queryset.values_list("title", flat=True)[:5000]
                        for title_word in words(title)
                        if len(title_word) > 2
                    }
                vocabulary = sqlite_vocabulary
            else:
                vocabulary = {title_word for title in titles for title_word in words(title)}
            replacement = _closest(word, vocabulary)
            if replacement and stem(replacement) != stem(word):
                changed = True
                new_item.append(replacement)
            else:
                new_item.append(word)
        corrected.append(" ".join(new_item) if len(new_item) == 1 else f'"{" ".join(new_item)}"')
    return " ".join(corrected) if changed else ""
