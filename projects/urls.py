from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("search.json", views.project_search_json, name="search-json"),
    path("search.csv", views.project_search_csv, name="search-csv"),
    path("search/suggest.json", views.project_search_suggest, name="search-suggest"),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
