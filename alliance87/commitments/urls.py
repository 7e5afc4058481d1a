from django.urls import path

from . import views

app_name = "commitments"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.commitment_create, name="create"),
    path("<int:pk>/", views.commitment_detail, name="detail"),
    path("<int:pk>/edit/", views.commitment_edit, name="edit"),
    path("<int:pk>/delete/", views.commitment_delete, name="delete"),
    path("<int:pk>/deliverables/new/", views.deliverable_create, name="deliverable-create"),
    path("deliverables/<int:pk>/edit/", views.deliverable_edit, name="deliverable-edit"),
    path("deliverables/<int:pk>/delete/", views.deliverable_delete, name="deliverable-delete"),
    path("deliverables/<int:pk>/reports/new/", views.report_create, name="report-create"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
]
