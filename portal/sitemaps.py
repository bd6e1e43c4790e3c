"""sitemap.xml: every public page, in Lithuanian and English, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from organizations.models import Organization
from projects import stats
from projects.models import Project, ProjectStatus


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "projects:list", "organizations:list", "funders:list", "years:list"]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(PortalSitemap):
    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, project):
        return project.updated_at


class OrganizationSitemap(PortalSitemap):
    def items(self):
        return Organization.objects.only("slug", "updated_at").order_by("id")

    def lastmod(self, organization):
        return organization.updated_at


class FunderSitemap(PortalSitemap):
    def items(self):
        return (
            Organization.objects.filter(fundings__project__status=ProjectStatus.PUBLISHED)
            .distinct()
            .only("slug")
            .order_by("id")
        )

    def location(self, funder):
        return reverse("funders:detail", kwargs={"slug": funder.slug})


class YearSitemap(PortalSitemap):
    def items(self):
        return list(stats.projects_per_year(Project.objects.published()))

    def location(self, year):
        return reverse("years:detail", kwargs={"year": year})


SITEMAPS = {
    "pages": SectionSitemap,
    "projects": ProjectSitemap,
    "organizations": OrganizationSitemap,
    "funders": FunderSitemap,
    "years": YearSitemap,
}
