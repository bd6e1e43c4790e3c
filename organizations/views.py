from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from organizations.models import Organization
from projects.models import Project


@require_safe
def organization_list(request):
    organizations = Organization.objects.all()
    return render(request, "organizations/organization_list.html", {"organizations": organizations})


@require_safe
def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.prefetch_related("social_links", "members", "coalitions"), slug=slug
    )
    published = Project.objects.published().for_listing()
    context = {
        "organization": organization,
        "implemented": published.filter(implementer=organization),
        "partnered": published.filter(partner_links__organization=organization),
    }
    return render(request, "organizations/organization_detail.html", context)
