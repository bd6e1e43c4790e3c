"""Read-only JSON API over published projects, organizations and funders."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer

from api.filters import NAME_QUERY, ProjectSearchBackend
from api.serializers import (
    FunderSerializer,
    OrganizationSerializer,
    ProjectDetailSerializer,
    ProjectSerializer,
)
from organizations.models import Organization
from projects.models import Funding, Project, ProjectStatus

MAX_NAME_QUERY = 100


ERROR_BODY = {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}


class ReadOnlyAutoSchema(AutoSchema):
    """Documents the errors every endpoint can answer: 404 for an unknown slug or page, and
    400 for a list's invalid filter (each bad parameter explained)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        responses.setdefault(
            "404", {"description": "No such object or page.", "content": ERROR_BODY}
        )
        if self.view.action == "list":
            responses.setdefault(
                "400",
                {"description": "Invalid parameters, each explained.", "content": ERROR_BODY},
            )
        return responses


class Pagination(PageNumberPagination):
    """`page` and `page_size` (1–100); a page size that is not such a number is an error, not
    silently replaced by the default."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Puslapio dydis turi būti skaičius nuo 1 iki %(max)d.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters


class ReadOnlyAPIViewSet(viewsets.ReadOnlyModelViewSet):
    # Public and read-only: no sessions, no CSRF, plain JSON.
    authentication_classes = []
    permission_classes = []
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination
    schema = ReadOnlyAutoSchema()
    lookup_field = "slug"
    # Any segment reaches the view, so an unknown slug gets a JSON 404, not an HTML page.
    lookup_value_regex = "[^/]+"


class ProjectViewSet(ReadOnlyAPIViewSet):
    """Published projects, filtered and ordered as on the search page."""

    filter_backends = [ProjectSearchBackend]

    def get_queryset(self):
        queryset = Project.objects.published().with_fundings().with_partners()
        if self.action == "retrieve":
            queryset = queryset.with_statements()
        return queryset

    def get_serializer_class(self):
        return ProjectDetailSerializer if self.action == "retrieve" else ProjectSerializer

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)


def _name_filtered(queryset, request):
    query = request.query_params.get("q", "").strip()[:MAX_NAME_QUERY]
    return queryset.search_name(query) if query else queryset


@extend_schema(parameters=[NAME_QUERY])
class OrganizationViewSet(ReadOnlyAPIViewSet):
    """Organizations with the number of published projects each implements."""

    serializer_class = OrganizationSerializer

    def get_queryset(self):
        queryset = Organization.objects.annotate(
            project_count=Count(
                "implemented_projects",
                filter=Q(implemented_projects__status=ProjectStatus.PUBLISHED),
            )
        ).order_by("name", "id")
        if self.action == "list":
            queryset = _name_filtered(queryset, self.request)
        return queryset


@extend_schema(parameters=[NAME_QUERY])
class FunderViewSet(ReadOnlyAPIViewSet):
    """Organizations that fund published projects, with the number of projects funded."""

    serializer_class = FunderSerializer

    def get_queryset(self):
        published = Q(fundings__project__status=ProjectStatus.PUBLISHED)
        queryset = (
            Organization.objects.filter(
                pk__in=Funding.objects.filter(project__status=ProjectStatus.PUBLISHED).values(
                    "funder"
                )
            )
            .annotate(project_count=Count("fundings__project", filter=published, distinct=True))
            .order_by("name", "id")
        )
        if self.action == "list":
            queryset = _name_filtered(queryset, self.request)
        return queryset
