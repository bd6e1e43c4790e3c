from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("360giving.json", views.threesixty_json, name="threesixty-json"),
    path("360giving.csv", views.threesixty_csv, name="threesixty-csv"),
]
