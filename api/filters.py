"""The search page's filters (projects.filters.ProjectSearchFilter) as an API filter backend."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from projects.filters import ProjectSearchFilter
from projects.forms import YEAR_MAX, YEAR_MIN
from projects.search import FIELDS, SORTS

BOOLEAN_VALUES = {"true", "false", "1", "0"}
# An empty value means no filter, as on the search page.
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]*$"}
# Text fields refuse the NUL character (PostgreSQL cannot store it).
NO_NUL = "^[^\\x00]*$"


class ProjectSearchBackend(BaseFilterBackend):
    """q, exact, fields, funder, year, organization, programme, sort: as on /projects/?…"""

    def filter_queryset(self, request, queryset, view):
        exact = request.query_params.get("exact")
        if exact is not None and exact.lower() not in BOOLEAN_VALUES:
            raise ValidationError({"exact": [_("Reikšmė turi būti true arba false.")]})
        # Pages are the API's pagination's business (404 past the last page), not the form's.
        params = request.query_params.copy()
        params.pop("page", None)
        filterset = ProjectSearchFilter(params, queryset=queryset)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs

    def get_schema_operation_parameters(self, view):
        def param(name, schema, description, *, explode=False):
            item = {
                "name": name,
                "required": False,
                "in": "query",
                "description": description,
                "schema": schema,
            }
            if explode:
                item.update(style="form", explode=True)
            return item

        return [
            param(
                "q",
                {"type": "string", "pattern": NO_NUL},
                'Text in web-search syntax: words, "quoted phrases", -excluded words.',
            ),
            param("exact", {"type": "boolean"}, "The whole q must occur as one phrase."),
            param(
                "fields",
                {"type": "array", "items": {"type": "string", "enum": list(FIELDS)}},
                "Where to look for q (default: all).",
                explode=True,
            ),
            param(
                "funder",
                {"type": "array", "items": SLUG},
                "Funder organization slug (any of them).",
                explode=True,
            ),
            param(
                "year",
                {
                    "type": "array",
                    "items": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                },
                "A year the project's period touches (any of them).",
                explode=True,
            ),
            param("organization", SLUG, "Implementer's slug."),
            param("programme", SLUG, "Funding programme's slug."),
            param("sort", {"type": "string", "enum": list(SORTS)}, "Order of the results."),
        ]


NAME_QUERY = OpenApiParameter(
    "q", OpenApiTypes.STR, description="Part of the organization's name or short name."
)
