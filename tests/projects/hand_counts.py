"""Counting search results by hand, on the `registry` fixture's records (conftest.py)."""

from django.http import QueryDict

from projects.search import search_projects


def search(q="", exact=False, **filters):
    """The search page's results for `q` and `filters` ({name: [values]}), computed afresh."""
    params = QueryDict(mutable=True)
    if q:
        params["q"] = q
    if exact:
        params["exact"] = "1"
    for name, values in filters.items():
        params.setlist(name, values)
    results = search_projects(params, use_cache=False)
    assert results.is_valid, results.errors
    return results


FILTER_CHOICES = {
    "funder": [["fondas-1"], ["fondas-0", "fondas-2"]],
    "programme": [["programa-4"]],
    "organization": [["nvo-2"]],
    "year": [["2020"], ["2019", "2023"]],
}


def by_hand(projects, filters, q, found="text"):
    """(total, {facet: {value: count}}) as the search should count them."""

    def passes(project, name):
        chosen = {int(v) for v in filters[name]} if name == "year" else set(filters[name])
        return bool(project[name] & chosen)

    matching = [project for project in projects if project[found] or not q]
    total = sum(all(passes(project, name) for name in filters) for project in matching)
    facets = {}
    for facet in FILTER_CHOICES:
        counts = {}
        for project in matching:
            if all(passes(project, name) for name in filters if name != facet):
                for value in project[facet]:
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    return total, facets
