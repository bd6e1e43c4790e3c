from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from organizations.alphabet import initial_sort_key, name_initial
from organizations.models import Organization, printable
from portal.links import search_url
from portal.page_cache import public_page
from projects import stats
from projects.figures import cached_figure
from projects.models import FundingProgramme, Project, ProjectStatus

ORGANIZATIONS_PER_PAGE = 100
PROJECTS_SHOWN = 12
MAX_QUERY_LENGTH = 100


def _year_points(per_year):
    return [
        (year, euros, reverse("years:detail", kwargs={"year": year}))
        for year, euros in stats.fill_year_gaps(per_year).items()
    ]


def _funder_points(per_funder):
    return [
        (name, euros, reverse("funders:detail", kwargs={"slug": slug}))
        for name, slug, euros in per_funder
    ]


def _organization_initials():
    # The first few characters suffice to find a name's initial past a leading quote mark.
    beginnings = (
        Organization.objects.order_by().values_list(Substr("name", 1, 3), flat=True).distinct()
    )
    return {name_initial(beginning) for beginning in beginnings}


@public_page
@require_safe
def organization_list(request):
    query = printable(request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    letter = request.GET.get("letter", "").strip()[:1].upper()
    if not letter.isalpha():
        letter = ""
    # A subquery per row shown, not a join grouped over every organization's projects.
    implemented = (
        Project.objects.published()
        .filter(implementer=OuterRef("pk"))
        .order_by()
        .values("implementer")
        .annotate(count=Count("id"))
        .values("count")
    )
    organizations = Organization.objects.annotate(
        project_count=Coalesce(Subquery(implemented), 0)
    ).order_by("name", "id")
    if query:
        organizations = organizations.search_name(query)
    if letter:
        organizations = organizations.filter(name__istartswith=letter)
    page = Paginator(organizations, ORGANIZATIONS_PER_PAGE).get_page(request.GET.get("page"))
    # Group the page's rows under their initials, A–Z in the Lithuanian alphabet.
    groups = {}
    for organization in page.object_list:
        groups.setdefault(name_initial(organization.name), []).append(organization)
    initials = cached_figure("organization-initials", _organization_initials)
    filters = {"q": query, "letter": letter}
    context = {
        "page_obj": page,
        "groups": sorted(groups.items(), key=lambda item: initial_sort_key(item[0])),
        "initials": sorted(initials, key=initial_sort_key),
        "query": query,
        "letter": letter,
        "query_string": urlencode({key: value for key, value in filters.items() if value}),
    }
    return render(request, "organizations/organization_list.html", context)


@public_page
@require_safe
def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.prefetch_related("social_links", "members", "coalitions"), slug=slug
    )
    published = Project.objects.published()
    implemented = published.filter(implementer=organization)
    partnered = published.filter(partner_links__organization=organization)
    received = stats.published_fundings().filter(project__implementer=organization)
    context = {
        "organization": organization,
        "implemented": implemented.for_listing()[:PROJECTS_SHOWN],
        "implemented_count": implemented.count(),
        "partnered": partnered.for_listing()[:PROJECTS_SHOWN],
        "partnered_count": partnered.count(),
        "euro_total": stats.total_euros(received),
        "per_funder": _funder_points(stats.funding_by_funder(received)),
        "per_year": _year_points(stats.funding_by_year(received)),
        "is_funder": organization.fundings.filter(project__status=ProjectStatus.PUBLISHED).exists(),
        "search_url": search_url(organization=organization.slug),
    }
    return render(request, "organizations/organization_detail.html", context)


def _funder_rows():
    """[(funder with its project_count, euros)] by name."""
    funders = (
        Organization.objects.filter(fundings__project__status=ProjectStatus.PUBLISHED)
        .annotate(project_count=Count("fundings__project", distinct=True))
        .order_by("name", "id")
    )
    euros = {
        slug: amount for _name, slug, amount in stats.funding_by_funder(stats.published_fundings())
    }
    return [(funder, euros.get(funder.slug)) for funder in funders]


@public_page
@require_safe
def funder_list(request):
    rows = cached_figure("funder-rows", _funder_rows)
    context = {
        "rows": rows,
        "chart_points": [
            (funder.name, amount, reverse("funders:detail", kwargs={"slug": funder.slug}))
            for funder, amount in sorted(rows, key=lambda row: -(row[1] or 0))
            if amount
        ],
    }
    return render(request, "funders/funder_list.html", context)


def _funder_figures(funder):
    """Everything the funder page shows, or None when it funds nothing and has no programme."""
    fundings = stats.published_fundings().filter(funder=funder)
    funded = Project.objects.published().filter(
        pk__in=funder.fundings.filter(project__status=ProjectStatus.PUBLISHED).values("project")
    )
    programmes = list(
        FundingProgramme.objects.filter(funder=funder)
        .select_related("administrator")
        .annotate(
            project_count=Count(
                "fundings__project",
                filter=Q(fundings__project__status=ProjectStatus.PUBLISHED),
                distinct=True,
            )
        )
        .order_by(F("year_from").desc(nulls_last=True), "name", "id")
    )
    project_count = funded.count()
    if not project_count and not programmes:
        return None
    return {
        "project_count": project_count,
        "recipient_count": funded.values("implementer").distinct().count(),
        "euro_total": stats.total_euros(fundings),
        "programmes": programmes,
        "programme_euros": stats.funding_by_programme(fundings),
        "counts_per_year": stats.projects_per_year(funded),
        "euros_per_year": stats.funding_by_year(fundings),
        "latest": list(
            funded.for_listing().order_by("-start_date", "title", "id")[:PROJECTS_SHOWN]
        ),
    }


@public_page
@require_safe
def funder_detail(request, slug):
    funder = get_object_or_404(Organization, slug=slug)
    figures = cached_figure(f"funder-{funder.pk}", lambda: _funder_figures(funder) or {})
    if not figures:
        raise Http404
    counts_per_year = figures["counts_per_year"]
    euros_per_year = figures["euros_per_year"]
    years = sorted(set(counts_per_year) | set(euros_per_year), reverse=True)
    context = {
        **figures,
        "funder": funder,
        "programmes": [
            (
                programme,
                figures["programme_euros"].get(programme.slug),
                search_url(programme=programme.slug),
            )
            for programme in figures["programmes"]
        ],
        "year_rows": [
            {
                "year": year,
                "projects": counts_per_year.get(year, 0),
                "euros": euros_per_year.get(year),
                "search_url": search_url(funder=funder.slug, year=year),
            }
            for year in years
        ],
        "per_year": _year_points(euros_per_year),
        "search_url": search_url(funder=funder.slug),
    }
    return render(request, "funders/funder_detail.html", context)
