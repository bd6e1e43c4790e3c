from django.urls import path

from organizations import views

app_name = "funders"

urlpatterns = [
    path("", views.funder_list, name="list"),
    path("<slug:slug>/", views.funder_detail, name="detail"),
]
