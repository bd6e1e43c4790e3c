from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page

from portal import views
from portal.sitemaps import SITEMAPS
from projects.feeds import LatestProjectsFeed

admin.site.site_header = _("NVO projektų registras")
admin.site.site_title = _("NVO projektų registras")
admin.site.index_title = _("Registro tvarkymas")

# Listing every project takes a while on a large registry; crawlers can wait for an hour.
SITEMAP_CACHE_SECONDS = 3600
FEED_CACHE_SECONDS = 600

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open-data/", include("opendata.urls")),
    path("api/", include("api.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

# Lithuanian, the default, lives at the root; English under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("projects/", include("projects.urls")),
    path("organizations/", include("organizations.urls")),
    path("funders/", include("organizations.funder_urls")),
    path("years/", include("projects.year_urls")),
    path(
        "feeds/projects.atom",
        cache_page(FEED_CACHE_SECONDS)(LatestProjectsFeed()),
        name="project-feed",
    ),
    prefix_default_language=False,
)
