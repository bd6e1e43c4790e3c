from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from organizations.models import Organization
from portal.page_cache import public_page
from projects import stats
from projects.figures import cached_figure
from projects.models import Project

LATEST_COUNT = 6
TOP_FUNDERS = 6


def home_figures():
    published = Project.objects.published()
    fundings = stats.published_fundings()
    latest = published.for_listing().order_by(
        F("published_at").desc(nulls_last=True), "-created_at", "-id"
    )[:LATEST_COUNT]
    return {
        "latest_projects": list(latest),
        "project_count": published.count(),
        "organization_count": Organization.objects.count(),
        "euro_total": stats.total_euros(fundings),
        "per_year": stats.fill_year_gaps(stats.funding_by_year(fundings)),
        "per_funder": stats.funding_by_funder(fundings)[:TOP_FUNDERS],
    }


@public_page
@require_safe
def home(request):
    figures = cached_figure("home", home_figures)
    context = {
        **figures,
        "funding_per_year": [
            (year, euros, reverse("years:detail", kwargs={"year": year}))
            for year, euros in figures["per_year"].items()
        ],
        "funding_per_funder": [
            (name, euros, reverse("funders:detail", kwargs={"slug": slug}))
            for name, slug, euros in figures["per_funder"]
        ],
    }
    return render(request, "home.html", context)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
