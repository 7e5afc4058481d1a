from django.urls import path

from . import content_views, decision_views, feeds, views

app_name = "meetings"

# Fixed paths (new/, feed…, my-calendar/) come before "<slug>/"; services.RESERVED_SLUGS keeps events off them.
urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("new/", views.event_edit, name="create"),
    path("feed.ics", feeds.feed_all, name="feed"),
    path("feed/body/<slug:slug>.ics", feeds.feed_body, name="feed_body"),
    path("feed/country/<str:code>.ics", feeds.feed_country, name="feed_country"),
    path("feed/me/<str:token>.ics", feeds.feed_me, name="feed_me"),
    path("my-calendar/", views.my_calendar, name="my_calendar"),
    path("my-actions/", decision_views.my_actions, name="my_actions"),
    path("decisions/", decision_views.decision_list, name="decisions"),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision"),
    path("decisions/<int:pk>/edit/", decision_views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", decision_views.decision_delete, name="decision_delete"),
    path("decisions/<int:decision_pk>/actions/new/", decision_views.action_edit, name="follow_up_create"),
    path("actions/<int:pk>/edit/", decision_views.action_edit, name="follow_up_edit"),
    path("actions/<int:pk>/status/", decision_views.action_status, name="follow_up_status"),
    path("<slug:slug>.ics", feeds.event_ics, name="ics"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/history/", views.event_history, name="history"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/unregister/", views.cancel_registration, name="unregister"),
    path("<slug:slug>/registrations/", views.registrations_page, name="registrations"),
    path(
        "<slug:slug>/registrations/<int:pk>/<str:decision>/",
        views.registration_decide,
        name="registration_decide",
    ),
    path("<slug:slug>/minutes/", decision_views.minutes_page, name="minutes"),
    path("<slug:slug>/minutes/edit/", decision_views.minutes_edit, name="minutes_edit"),
    path("<slug:slug>/minutes/publish/", decision_views.minutes_publish, name="minutes_publish"),
    path("<slug:slug>/decisions/new/", decision_views.decision_edit, name="decision_create"),
    path("<slug:slug>/agenda/new/", content_views.session_edit, name="session_create"),
    path("<slug:slug>/agenda/<int:pk>/edit/", content_views.session_edit, name="session_edit"),
    path("<slug:slug>/agenda/<int:pk>/delete/", content_views.session_delete, name="session_delete"),
    path("<slug:slug>/outcomes/new/", content_views.outcome_edit, name="outcome_create"),
    path("<slug:slug>/outcomes/<int:pk>/edit/", content_views.outcome_edit, name="outcome_edit"),
    path("<slug:slug>/outcomes/<int:pk>/delete/", content_views.outcome_delete, name="outcome_delete"),
    path("<slug:slug>/roadmap/new/", content_views.action_edit, name="action_create"),
    path("<slug:slug>/roadmap/<int:pk>/edit/", content_views.action_edit, name="action_edit"),
    path("<slug:slug>/roadmap/<int:pk>/delete/", content_views.action_delete, name="action_delete"),
    path("<slug:slug>/roadmap/<int:pk>/plan/", content_views.action_plan, name="action_plan"),
]
