from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

admin.site.site_header = _("NVO projektų registras")
admin.site.site_title = _("NVO projektų registras")
admin.site.index_title = _("Registro tvarkymas")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Lithuanian, the default, lives at the root; English under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("projects/", include("projects.urls")),
    path("organizations/", include("organizations.urls")),
    prefix_default_language=False,
)
