from django.urls import path

from . import views

app_name = "countries"

urlpatterns = [
    path("", views.country_list, name="list"),
    path("new/", views.country_edit, name="create"),
    path("<str:code>/edit/", views.country_edit, name="edit"),
]
