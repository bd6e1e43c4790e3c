"""What the search page, its JSON and its CSV show, built from SearchResults."""

import csv

from django.urls import reverse

SUGGESTION_COUNT = 8
# Parameters that describe the search; everything else (page, unknown keys) is dropped.
SEARCH_PARAMETERS = ("q", "exact", "fields", "funder", "year", "organization", "programme", "sort")


def search_params(querydict):
    """A copy of `querydict` with only the search parameters (no page)."""
    params = querydict.copy()
    for key in list(params):
        if key not in SEARCH_PARAMETERS:
            del params[key]
    return params


def toggled(params, key, value, *, single=False):
    """Query string with `value` of `key` switched on or off (single: replaces the value)."""
    params = params.copy()
    values = params.getlist(key)
    value = str(value)
    if value in values:
        values.remove(value)
    elif single:
        values = [value]
    else:
        values.append(value)
    params.setlist(key, values)
    return params.urlencode()


def without(params, *keys):
    params = params.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


def search_page_context(request, results):
    params = search_params(request.GET)
    facets = {}
    single = {"organization", "programme"}
    for name, values in results.facets.items():
        facets[name] = [
            {**value, "query": toggled(params, name, value["value"], single=name in single)}
            for value in values
        ]
    active_filters = []
    if results.criteria:
        labels = {
            name: {str(value["value"]): value["label"] for value in values}
            for name, values in results.facets.items()
        }
        criteria = results.criteria
        chosen = (
            [("funder", slug) for slug in criteria.funders]
            + [("year", year) for year in criteria.years]
            + [("organization", criteria.organization)] * bool(criteria.organization)
            + [("programme", criteria.programme)] * bool(criteria.programme)
        )
        for name, value in chosen:
            active_filters.append(
                {
                    "name": name,
                    "label": labels.get(name, {}).get(str(value), str(value)),
                    "query": toggled(params, name, value),
                }
            )
    query_string = params.urlencode()
    spelling_query = ""
    if results.spelling:
        corrected = params.copy()
        corrected["q"] = results.spelling
        spelling_query = corrected.urlencode()
    return {
        "form": results.form,
        "results": results,
        "page_obj": results.page,
        "criteria": results.criteria,
        "facets": facets,
        "active_filters": active_filters,
        "query_string": query_string,
        "without_filters_query": without(params, "funder", "year", "organization", "programme"),
        "spelling_query": spelling_query,
        "json_url": reverse("projects:search-json") + (f"?{query_string}" if query_string else ""),
        "csv_url": reverse("projects:search-csv") + (f"?{query_string}" if query_string else ""),
        "suggest_url": reverse("projects:search-suggest"),
    }


def _funding_totals(project):
    return {currency: str(amount) for currency, amount in project.funding_total().items()}


def project_as_json(request, project):
    data = {
        "title": project.title,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "slug": project.slug,
        "implementer": {"name": project.implementer.name, "slug": project.implementer.slug},
        "period": project.period_display or project.period_text,
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "excerpt": project.excerpt,
        "funding_total": _funding_totals(project),
        "funders": sorted({funding.funder.name for funding in project.fundings.all()}),
    }
    if hasattr(project, "search_snippet"):
        data["snippet_html"] = str(project.search_snippet)
    return data


def results_as_json(request, results):
    page = results.page
    criteria = results.criteria
    data = {
        "query": {
            "q": criteria.q if criteria else "",
            "exact": criteria.exact if criteria else False,
            "fields": list(criteria.fields) if criteria else [],
            "funder": list(criteria.funders) if criteria else [],
            "year": list(criteria.years) if criteria else [],
            "organization": criteria.organization if criteria else "",
            "programme": criteria.programme if criteria else "",
            "sort": criteria.effective_sort if criteria else "",
        },
        "total": results.total,
        # Very broad searches on a large registry: counts from a sample, rounded.
        "total_is_estimate": results.estimated_total,
        "facet_counts_are_estimates": results.estimated_facets,
        "no_fields": results.no_fields,
        "page": page.number if page else 1,
        "num_pages": page.paginator.num_pages if page else 0,
        "results": [project_as_json(request, project) for project in page.object_list]
        if page
        else [],
        "facets": results.facets,
    }
    if results.spelling:
        data["did_you_mean"] = results.spelling
    return data


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = [
    "title",
    "url",
    "implementer",
    "period",
    "start_date",
    "end_date",
    "funders",
    "funding_total_eur",
    "funding_total_ltl",
    "excerpt",
]


def csv_rows(request, results):
    """CSV lines for every matching project, in the page's order, streamed in chunks."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    if results.page is None:
        return
    queryset = results.every_result()
    if results.ranked_subset:
        queryset = queryset[: results.page.paginator.count]
    for project in queryset.iterator(chunk_size=500):
        totals = project.funding_total()
        yield writer.writerow(
            [
                project.title,
                request.build_absolute_uri(project.get_absolute_url()),
                project.implementer.name,
                project.period_display or project.period_text,
                project.start_date.isoformat() if project.start_date else "",
                project.end_date.isoformat() if project.end_date else "",
                "; ".join(sorted({funding.funder.name for funding in project.fundings.all()})),
                totals.get("EUR", ""),
                totals.get("LTL", ""),
                project.excerpt,
            ]
        )
