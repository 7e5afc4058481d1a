from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.account, name="account"),
    path("me/tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("roles/", views.platform_roles, name="platform_roles"),
    path("roles/<int:pk>/<str:role>/remove/", views.remove_platform_role, name="remove_platform_role"),
    # Addresses of the pages before django-allauth, for bookmarks and mail already sent.
    path("sign-in/", views.sign_in_moved, name="sign_in_moved"),
    path(
        "password-reset/",
        RedirectView.as_view(pattern_name="account_reset_password", permanent=True),
        name="password_reset_moved",
    ),
    path("password-reset/<uidb64>/<token>/", views.legacy_password_link, name="legacy_password_link"),
]
