from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("spaces/<slug:slug>/", views.space_page, name="space"),
    path("spaces/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("discussions/<int:pk>/", views.thread_page, name="thread"),
    path("discussions/<int:pk>/reply/", views.thread_reply, name="reply"),
    path("discussions/<int:pk>/follow/", views.thread_follow, name="follow"),
    path("discussions/<int:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/report/", views.post_report, name="post_report"),
    path("posts/<int:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("library/<slug:slug>/comments/", views.item_comment, name="item_comment"),
    path("comments/<int:pk>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("preferences/", views.preferences, name="preferences"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("reports/<int:pk>/dismiss/", views.report_dismiss, name="report_dismiss"),
    path("messages/", views.message_inbox, name="messages"),
    path("messages/sent/", views.message_sent, name="messages_sent"),
    path("messages/new/", views.message_compose, name="message_compose"),
    path("messages/<int:pk>/", views.message_page, name="message"),
]
