from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed.rss", feeds.NewsRssFeed(), name="feed_rss"),
    path("feed.atom", feeds.NewsAtomFeed(), name="feed_atom"),
    path("new/", views.post_create, name="create"),
    path("officers/", views.officers, name="officers"),
    path("officers/<int:pk>/remove/", views.officer_remove, name="officer_remove"),
    path("<slug:slug>/", views.post_detail, name="detail"),
    path("<slug:slug>/edit/", views.post_edit, name="edit"),
    path("<slug:slug>/history/", views.post_history, name="history"),
]
