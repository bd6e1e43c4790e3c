"""The search page's filters, reusable by any view or API that lists projects.

    from projects.filters import ProjectSearchFilter

    filterset = ProjectSearchFilter(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        ...  # filterset.errors explains every bad parameter
    projects = filterset.qs  # matching and ordered exactly as on the search page

Parameters (all optional, as on /projects/?…):
    q             text; web-search syntax: words, "quoted phrases", -excluded words
    exact         1 = the whole q must occur as one contiguous phrase (case-insensitive,
                  diacritics respected)
    fields        repeatable: title, content, excerpt (default: all three); a present but
                  empty `fields=` means no field was chosen, which matches nothing
    funder        repeatable organization slug of a funder (any of them)
    year          repeatable year; a project counts in every year its period touches
    organization  implementer's slug
    programme     funding programme's slug
    sort          relevance (default when q is set), newest, start (default otherwise), amount

`.qs` of an invalid filterset is empty. For the whole page (facet counts, snippets,
suggestions, pagination) use `projects.search.search_projects(params)`.

The queryset is ordered; relevance ordering annotates `search_tier` and `search_score`.
Filter it further or paginate it; to use it as a subquery, take `.values("pk")` first.
"""

import django_filters

from projects.forms import SearchForm
from projects.models import Project
from projects.search import filter_projects


class ProjectSearchFilter(django_filters.FilterSet):
    class Meta:
        model = Project
        fields = []
        form = SearchForm

    def __init__(self, data=None, queryset=None, **kwargs):
        # Unbound means "no parameters", which still orders and validates the same way.
        if data is None:
            data = {}
        if queryset is None:
            queryset = Project.objects.published()
        super().__init__(data, queryset=queryset, **kwargs)

    @property
    def criteria(self):
        return self.form.criteria()

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return filter_projects(queryset, self.criteria)
