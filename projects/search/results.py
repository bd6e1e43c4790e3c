"""A whole search page: validated parameters, one page of ranked results, facets, hints."""

import difflib
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count

from projects.search import (
    CANDIDATE_LIMIT,
    SearchCriteria,
    backend_for,
    matching,
    order,
)
from projects.search.analysis import fold, stem, words
from projects.search.highlight import highlight, project_snippet

PAGE_SIZE = 20
# Facets with many values (organizations, programmes) show the biggest ones.
FACET_LIMIT = 15


@dataclass
class SearchResults:
    form: object
    criteria: SearchCriteria | None = None
    page: object = None
    total: int = 0
    facets: dict = field(default_factory=dict)
    spelling: str = ""
    without_filters_total: int | None = None
    page_out_of_range: bool = False
    requested_page: object = None
    ranked_subset: bool = False

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
    params, queryset=None, *, page_size=PAGE_SIZE, facets=True, hints=True, prefix=False
):
    """Validate `params` (a QueryDict or dict) and run the search.

    Returns SearchResults; when the parameters are invalid, `errors` says why and nothing is
    queried. Each shown project carries `search_title` and `search_snippet` (safe HTML).
    """
    from projects.forms import SearchForm
    from projects.models import Project

    if queryset is None:
        queryset = Project.objects.published()
    form = SearchForm(params)
    results = SearchResults(form=form)
    if not form.is_valid():
        return results
    criteria = form.criteria(prefix=prefix)
    results.criteria = criteria
    if criteria.no_fields:
        return results

    found = matching(queryset, criteria)
    results.total = found.count()
    ordered = order(found, criteria).for_listing()
    paginator = Paginator(ordered, page_size)
    shown = results.total
    if criteria.effective_sort == "relevance" and results.total > CANDIDATE_LIMIT:
        shown = CANDIDATE_LIMIT
        results.ranked_subset = True
    # The count is known already; the paginator need not ask again.
    paginator.__dict__["count"] = shown
    requested = form.cleaned_data["page"]
    results.requested_page = requested
    if requested == "last":
        requested = paginator.num_pages
    elif requested > paginator.num_pages:
        results.page_out_of_range = True
        requested = paginator.num_pages
    results.page = paginator.page(requested)
    for project in results.page.object_list:
        project.search_title = highlight(project.title, criteria)
        project.search_snippet = project_snippet(project, criteria)

    if facets:
        results.facets = facet_counts(queryset, criteria)
    if hints and results.total == 0:
        add_hints(results, queryset, criteria)
    return results


def facet_counts(queryset, criteria):
    """For each filter, how many results each of its values would give: one query per facet.

    Each facet applies the text query and every other filter, but not its own, so the counts
    say what choosing (or adding) that value would give.
    """
    from projects.models import Funding

    def ids(skip):
        return matching(queryset, criteria, skip=(skip,)).values("id")

    funders = (
        Funding.objects.filter(project_id__in=ids("funder"))
        .values("funder__slug", "funder__name")
        .annotate(count=Count("project_id", distinct=True))
        .order_by("-count", "funder__name")
    )
    programmes = (
        Funding.objects.filter(project_id__in=ids("programme"), programme__isnull=False)
        .values("programme__slug", "programme__name")
        .annotate(count=Count("project_id", distinct=True))
        .order_by("-count", "programme__name")
    )
    organizations = (
        matching(queryset, criteria, skip=("organization",))
        .values("implementer__slug", "implementer__name")
        .annotate(count=Count("id"))
        .order_by("-count", "implementer__name")
    )
    return {
        "funder": _facet(funders, "funder", criteria.funders),
        "year": year_counts(matching(queryset, criteria, skip=("year",)), criteria.years),
        "organization": _facet(organizations[:FACET_LIMIT], "implementer", [criteria.organization]),
        "programme": _facet(programmes[:FACET_LIMIT], "programme", [criteria.programme]),
    }


def _facet(rows, prefix, selected):
    return [
        {
            "value": row[f"{prefix}__slug"],
            "label": row[f"{prefix}__name"],
            "count": row["count"],
            "selected": row[f"{prefix}__slug"] in selected,
        }
        for row in rows
    ]


YEAR_SQL = {
    "postgresql": """
        SELECT year, count(*) FROM ({projects}) AS matched
        CROSS JOIN LATERAL generate_series(
            extract(year FROM matched.start_date)::int,
            extract(year FROM coalesce(matched.end_date, matched.start_date))::int
        ) AS year
        WHERE matched.start_date IS NOT NULL
        GROUP BY year ORDER BY year
    """,
    "sqlite": """
        WITH RECURSIVE matched AS ({projects}),
        spans AS (
            SELECT CAST(substr(start_date, 1, 4) AS integer) AS first,
                   CAST(substr(coalesce(end_date, start_date), 1, 4) AS integer) AS last
            FROM matched WHERE start_date IS NOT NULL
        ),
        years(year) AS (
            SELECT min(first) FROM spans WHERE first IS NOT NULL
            UNION ALL
            SELECT year + 1 FROM years WHERE year < (SELECT max(last) FROM spans)
        )
        SELECT years.year, count(*) FROM years
        JOIN spans ON spans.first <= years.year AND spans.last >= years.year
        GROUP BY years.year ORDER BY years.year
    """,
}


def year_counts(found, selected=()):
    """[{value, label, count, selected}] for every year the matched periods touch."""
    connection = connections[found.db]
    sql, params = found.order_by().values("start_date", "end_date").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(YEAR_SQL[connection.vendor].format(projects=sql), params)
        rows = cursor.fetchall()
    return [
        {"value": year, "label": str(year), "count": count, "selected": year in selected}
        for year, count in rows
    ]


def add_hints(results, queryset, criteria):
    """Zero results: what fewer filters would give, and a nearby spelling of the words."""
    if criteria.has_filters:
        plain = SearchCriteria(q=criteria.q, exact=criteria.exact, fields=criteria.fields)
        results.without_filters_total = matching(queryset, plain).count()
    if criteria.has_text and not criteria.exact:
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
