from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from portal.page_cache import public_page
from projects.detail import project_page
from projects.search import search_projects
from projects.search.presentation import (
    SUGGESTION_COUNT,
    csv_rows,
    results_as_json,
    search_page_context,
)
from projects.structured_data import project_json_ld

PAGE_SIZE = 20


@public_page
@require_safe
def project_list(request):
    """The search page: the project list filtered, ranked and faceted by the GET parameters."""
    results = search_projects(request.GET)
    context = search_page_context(request, results)
    status = 200 if results.is_valid else 400
    return render(request, "projects/project_list.html", context, status=status)


@public_page
@require_safe
def project_search_json(request):
    """The search page's results as JSON: same parameters, same page."""
    results = search_projects(request.GET)
    if not results.is_valid:
        return JsonResponse({"errors": results.errors.get_json_data()}, status=400)
    return JsonResponse(
        results_as_json(request, results), json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def project_search_csv(request):
    """Every result of the search (not only one page), as CSV, in the page's order."""
    # Never from the summary cache: it keeps one page's ids, and the CSV streams every result
    # from the ranked queryset, which only a search makes.
    results = search_projects(request.GET, facets=False, hints=False, use_cache=False)
    if not results.is_valid:
        return HttpResponse(
            "\n".join(f"{name}: {' '.join(errors)}" for name, errors in results.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = StreamingHttpResponse(
        csv_rows(request, results), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="projektai.csv"'
    return response


@public_page
@require_safe
def project_search_suggest(request):
    """Live results under the search box: the top few matches of `q`."""
    results = search_projects(
        request.GET, page_size=SUGGESTION_COUNT, facets=False, hints=False, prefix=True
    )
    if not results.is_valid or results.page is None:
        return JsonResponse({"results": [], "total": 0, "total_is_estimate": False})
    return JsonResponse(
        {
            "total": results.total,
            "total_is_estimate": results.estimated_total,
            "results": [
                {
                    "title": project.title,
                    "url": project.get_absolute_url(),
                    "implementer": project.implementer.name,
                    "period": project.period_display,
                }
                for project in results.page.object_list
            ],
            "more_url": reverse("projects:list") + "?" + request.GET.urlencode(),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@public_page
@require_safe
def project_detail(request, slug):
    page = project_page(slug)
    context = {
        "project": page.project,
        "fundings": page.fundings,
        "partners": page.partners,
        "texts": page.texts,
        "related_projects": page.related,
        "json_ld": project_json_ld(
            page.project, page.fundings, page.partners, request.build_absolute_uri
        ),
    }
    return render(request, "projects/project_detail.html", context)
