"""The JSON API at /api/v1/: one router per domain, the same services and selectors as the pages."""

from ninja import NinjaAPI

from alliance87.data import api as data_api

from . import (
    bodies,
    common_indicators,
    community,
    countries,
    library,
    library_search,
    meetings,
    news,
    partners,
    plan_reporting,
    plans,
)
from .docs import LocalSwagger
from .errors import install_error_handlers
from .throttling import WRITE_THROTTLES

api = NinjaAPI(
    title="Alliance 8.7 API",
    version="1.0.0",
    description=(
        "Partners, bodies, role terms, Pathfinder Countries and plans (results frameworks, indicators, "
        "reported values, budgets) of Alliance 8.7.\n\n"
        "Reading is open to anyone, except applications, membership requests, value histories and the "
        "review queue; a draft plan shows only to its editors and reporters, so plan reads take the "
        "credentials below optionally. Changing anything needs a "
        "personal API token (`Authorization: Bearer <token>`) or a signed-in session with its CSRF token "
        '(`X-CSRFToken`). Errors always answer `{"detail": ..., "errors": [{"field": ..., '
        '"message": ...}]}`: 400 when the partnership\'s rules refuse, 422 when the request does not match '
        "the schema, 401 without credentials, 403 when you may not, 404 for what does not exist (or what you "
        "may not see, such as a draft plan), 409 when someone changed the record since you read it (read it "
        "again, then resend with its current `version`), 429 when you have sent too many changes for now "
        "(wait as long as `Retry-After` says). A token that is revoked or expired answers 401 everywhere, a "
        "read-only token 403 on every change. Stored decimal figures are answered as strings "
        "and accepted as strings or numbers."
    ),
    urls_namespace="api-1.0.0",
    docs=LocalSwagger(),
    throttle=WRITE_THROTTLES,
)
install_error_handlers(api)
api.add_router("", partners.router)
api.add_router("", bodies.router)
api.add_router("", countries.router)
api.add_router("", plans.router)
api.add_router("", plan_reporting.router)
api.add_router("", common_indicators.router)
api.add_router("", library_search.router)
api.add_router("", library.router)
api.add_router("", community.router)
api.add_router("", news.router)
api.add_router("", meetings.router)
api.add_router("", data_api.router)
