from django.urls import path

from projects import year_views

app_name = "years"

urlpatterns = [
    path("", year_views.year_list, name="list"),
    path("<int:year>/", year_views.year_detail, name="detail"),
]
