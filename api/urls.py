from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from api import views

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("projects", views.ProjectViewSet, basename="project")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("funders", views.FunderViewSet, basename="funder")


urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
