from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from projects.models import Funding, Project, ProjectPartner
from projects.related import related_projects
from projects.structured_data import project_json_ld

PAGE_SIZE = 20


@require_safe
def project_list(request):
    projects = Project.objects.published().for_listing().order_by("-start_date", "title", "id")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/project_list.html", {"page_obj": page})


@require_safe
def project_detail(request, slug):
    queryset = (
        Project.objects.published()
        .select_related("implementer")
        .prefetch_related(
            "goals",
            "tasks",
            "activities",
            "results",
            Prefetch(
                "partner_links",
                queryset=ProjectPartner.objects.select_related("organization"),
            ),
            Prefetch(
                "fundings",
                queryset=Funding.objects.select_related("funder", "programme__administrator"),
            ),
            "data_issues",
        )
    )
    project = get_object_or_404(queryset, slug=slug)
    context = {
        "project": project,
        "related_projects": related_projects(project),
        "json_ld": project_json_ld(project, request.build_absolute_uri),
    }
    return render(request, "projects/project_detail.html", context)
