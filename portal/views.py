from django.shortcuts import render
from django.views.decorators.http import require_safe

from projects.models import Project


@require_safe
def home(request):
    latest = Project.objects.published().for_listing().order_by("-published_at", "-id")[:6]
    return render(request, "home.html", {"latest_projects": latest})
