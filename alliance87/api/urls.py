"""The JSON API at /api/v1/: the root that mounts each app's router (the same services and selectors as its pages).

Each app owns its router and schemas (``<app>/api.py``, or a package where large); this module only names the
prefix and the tag each one is mounted under, in the order the OpenAPI document lists them.
"""

from typing import TYPE_CHECKING

from ninja import NinjaAPI

from alliance87.bodies import api as bodies
from alliance87.community import api as community
from alliance87.core.api.errors import install_error_handlers
from alliance87.countries import api as countries
from alliance87.data import api as data
from alliance87.home import api as home
from alliance87.library.api import items as library
from alliance87.library.api import search as library_search
from alliance87.meetings import api as meetings
from alliance87.news import api as news
from alliance87.partners import api as partners
from alliance87.plans.api import common_indicators, framework, reporting

from .docs import LocalSwagger
from .throttling import WRITE_THROTTLES

if TYPE_CHECKING:
    from ninja.operation import Operation


class Alliance87API(NinjaAPI):
    """The API, with operation ids that do not depend on where an app keeps its router."""

    def get_openapi_operation_id(self, operation: "Operation") -> str:
        """``alliance87_api_<app>_<function>``: the ids the operations had when every router lived in this
        package (``alliance87/api/<app>.py``), kept so that clients generated from the document keep working."""
        app = operation.view_func.__module__.split(".")[1]
        return f"alliance87_api_{app}_{operation.view_func.__name__}"


api = Alliance87API(
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
api.add_router("", partners.router, tags=["organisations"])
api.add_router("", bodies.router, tags=["bodies"])
api.add_router("/countries", countries.router, tags=["pathfinder countries"])
api.add_router("/countries", home.router, tags=["pathfinder path"])
api.add_router("", framework.router, tags=["plans"])
api.add_router("", reporting.router, tags=["values"])
api.add_router("", common_indicators.router, tags=["common indicators"])
api.add_router("/library/search", library_search.router, tags=["library search"])
api.add_router("/library", library.router, tags=["library"])
api.add_router("/community", community.router, tags=["community"])
api.add_router("", news.router, tags=["news"])
api.add_router("", meetings.router, tags=["events"])
api.add_router("", data.router, tags=["data"])
