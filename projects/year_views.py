"""Years at a glance: the projects active in each year and the money attributed to it."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal.links import search_url
from portal.page_cache import public_page
from projects import stats
from projects.figures import cached_figure
from projects.models import Project

PAGE_SIZE = 20


def _year_rows():
    return cached_figure("year-rows", _count_year_rows)


def _count_year_rows():
    """[(year, projects active, euros attributed)] from the first year to the last, ascending."""
    counts = stats.projects_per_year(Project.objects.published())
    euros = stats.funding_by_year(stats.published_fundings())
    known = set(counts) | set(euros)
    if not known:
        return []
    # Years without projects inside the covered span are shown too, so gaps stay visible.
    years = range(min(known), max(known) + 1)
    return [(year, counts.get(year, 0), euros.get(year)) for year in years]


@public_page
@require_safe
def year_list(request):
    rows = _year_rows()
    context = {
        "rows": [
            {
                "year": year,
                "projects": count,
                "euros": euros,
                "url": reverse("years:detail", kwargs={"year": year}),
                "search_url": search_url(year=year),
            }
            for year, count, euros in reversed(rows)
        ],
        "chart_points": [
            (year, euros or 0, reverse("years:detail", kwargs={"year": year}))
            for year, _count, euros in rows
        ],
    }
    return render(request, "years/year_list.html", context)


def _year_figures(year):
    fundings = stats.published_fundings()
    return {
        "euros": stats.funding_by_year(fundings, year=year)[year],
        "funders": stats.funding_by_funder(fundings, year=year),
    }


@public_page
@require_safe
def year_detail(request, year):
    rows = _year_rows()
    years = [row[0] for row in rows]
    if year not in years:
        raise Http404
    projects = (
        Project.objects.published()
        .active_in_year(year)
        .for_listing()
        .order_by("start_date", "title", "id")
    )
    paginator = Paginator(projects, PAGE_SIZE)
    # The year's project count is already among the cached figures: no count over the table.
    paginator.count = rows[years.index(year)][1]
    page = paginator.get_page(request.GET.get("page"))
    figures = cached_figure(f"year-{year}", lambda: _year_figures(year))
    index = years.index(year)
    context = {
        "year": year,
        "page_obj": page,
        "euros": figures["euros"],
        "funders": [
            (name, euros, reverse("funders:detail", kwargs={"slug": slug}))
            for name, slug, euros in figures["funders"]
        ],
        "previous_year": years[index - 1] if index > 0 else None,
        "next_year": years[index + 1] if index + 1 < len(years) else None,
        "search_url": search_url(year=year),
    }
    return render(request, "years/year_detail.html", context)
