from django.urls import path

from . import import_jobs, views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/completeness/", views.completeness, name="completeness"),
    path("about/", views.about, name="about"),
    path("audit/", views.audit_log, name="audit"),
    path("imports/<int:pk>/", import_jobs.import_job, name="import_job"),
]

# Hub pages keep the addresses and names of what they show; the root URLconf adds them to those namespaces,
# after the structure apps' own fixed paths (`/bodies/new/`, `/countries/new/`).
body_pages = [path("<slug:slug>/", views.body_page, name="detail")]
country_pages = [
    path("regions/<str:code>/", views.region_page, name="region"),
    path("<str:code>/path/new/", views.path_step_create, name="path-step-create"),
    path("<str:code>/path/<int:pk>/edit/", views.path_step_edit, name="path-step-edit"),
    path("<str:code>/path/<int:pk>/delete/", views.path_step_delete, name="path-step-delete"),
    path("<str:code>/", views.country_page, name="detail"),
]
