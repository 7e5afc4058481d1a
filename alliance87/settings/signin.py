"""Sign-in settings (django-allauth): accounts by e-mail address, verification, lockout and rate limits.

Read by `base` (`from .signin import *`); the README's "Signing in" section documents the environment variables.
"""

from __future__ import annotations

import os

AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "alliance87.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "alliance87.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "login": "alliance87.accounts.forms.SignInForm",
    "reset_password_from_key": "alliance87.accounts.forms.ChoosePasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Every answer about an address is the same whether or not an account has it.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Alliance 8.7] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home:home"
ACCOUNT_SESSION_REMEMBER = None
# People hear by e-mail of every change to how they sign in (password, addresses, second factor).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Lockout: after 5 failed sign-ins to one address within 15 minutes, that address is refused for the rest of the
# window, right password or not (and any one client after 10 failures a minute).
# allauth's limits, plus those of the platform's own public forms, counted with the same helper
# (alliance87.core.ratelimits). "N/period/ip" counts per client, "key" per e-mail address, "user" per person.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/15m/key",
    "reset_password": "20/h/ip,3/h/key",
    "partner_application": "10/h/ip,3/d/key",
    "newsletter_subscribe": "20/h/ip,3/h/key",
    "event_registration": "30/h/user",
    # The cross-plan gap report's CSV (every row of every plan; kept per data version once written).
    "gap_report_download": os.environ.get("GAP_REPORT_DOWNLOAD_RATE", "30/h/ip"),
}
# Direct messages have their own limit, counted in the database by the community app (MESSAGES_PER_HOUR).
# Writes through the API (django-ninja throttles): per person (token or session), and per client when anonymous.
API_WRITE_RATE_PERSON = os.environ.get("API_WRITE_RATE_PERSON", "120/m")
API_WRITE_RATE_ANONYMOUS = os.environ.get("API_WRITE_RATE_ANONYMOUS", "20/h")
# Behind a proxy, the client is the address the proxy adds to X-Forwarded-For (count the proxies in front).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
