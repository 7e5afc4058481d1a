from django.urls import path

from . import newsletter_views as views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/one-click/", views.one_click_unsubscribe, name="one_click"),
    path("issues/", views.issue_list, name="issues"),
    path("issues/new/", views.issue_assemble, name="assemble"),
    path("issues/<int:pk>/", views.issue_edit, name="issue"),
    path("issues/<int:pk>/preview/", views.issue_preview, name="preview"),
    path("issues/<int:pk>/preview.txt", views.issue_preview_text, name="preview_text"),
    path("issues/<int:pk>/send/", views.issue_send, name="send"),
    path("issues/<int:pk>/resume/", views.issue_resume, name="resume"),
    path("issues/<int:pk>/report/", views.issue_report, name="report"),
]
