from django.urls import path

from . import views

app_name = "bodies"

urlpatterns = [
    path("", views.body_list, name="list"),
    path("new/", views.body_edit, name="create"),
    path("requests/", views.requests_inbox, name="requests"),
    path("requests/<int:pk>/approve/", views.approve_request, name="approve_request"),
    path("requests/<int:pk>/decline/", views.decline_request, name="decline_request"),
    path("requests/<int:pk>/withdraw/", views.withdraw_request, name="withdraw_request"),
    path("join/<slug:organisation_slug>/", views.join, name="join"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
    path("terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path("<slug:slug>/edit/", views.body_edit, name="edit"),
    path("<slug:slug>/history/", views.body_history, name="history"),
    path("<slug:slug>/terms/new/", views.term_create, name="term_create"),
]
