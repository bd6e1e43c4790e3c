import json

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from opendata.threesixty import export_package, package_to_csv

FILENAME = "nvo-projektu-registras-360giving"


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def threesixty_json(request):
    package = export_package(base_url=_base_url(request)).package
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.json"'
    return response


@require_safe
def threesixty_csv(request):
    package = export_package(base_url=_base_url(request)).package
    response = HttpResponse(package_to_csv(package), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.csv"'
    return response
