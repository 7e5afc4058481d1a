"""The JSON API at /api/v1/: the root that mounts each app's router (the same services and selectors as its pages).

Each app owns its router and schemas (``<app>/api.py``, or a package where large); this module only names the
prefix and the tag each one is mounted under, in the order the OpenAPI document lists them.
"""

from typing import TYPE_CHECKING

from ninja import NinjaAPI

from alliance87.bodies import api as bodies
from alliance87.commitments import api as commitments
from alliance87.community import api as community
from alliance87.core.api.errors import install_error_handlers
from alliance87.countries import api as countries
from alliance87.data import api as data
from alliance87.home import api as home
from alliance87.home import import_api
from alliance87.library.api import items as library
from alliance87.library.api import search as library_search
from alliance87.meetings import api as meetings
from alliance87.meetings import decision_api as meeting_decisions
from alliance87.news import api as news
from alliance87.partners import api as partners
from alliance87.plans.api import common_indicators, framework, reporting

from .docs import LocalSwagger, cached_document
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


#: The modules in the order the document lists them, each with what it holds (Swagger UI shows these).
MODULES = [
    {"name": "organisations", "description": "Partner organisations of the partnership and their profiles."},
    {
        "name": "applications",
        "description": "Applications to join the partnership, and the Secretariat's decision.",
    },
    {
        "name": "bodies",
        "description": "The Global Coordinating Group, the Secretariat, Action Groups and their sub-groups.",
    },
    {"name": "role terms", "description": "Who chairs, co-chairs or sits on a body, and for which term."},
    {
        "name": "membership requests",
        "description": "Organisations' requests to join a body, and their decision.",
    },
    {
        "name": "pathfinder countries",
        "description": "Pathfinder Countries: status, dates and focal institution.",
    },
    {
        "name": "pathfinder path",
        "description": "Each Pathfinder Country's path, step by step with its evidence, and counts by step.",
    },
    {"name": "plans", "description": "National and Action Group plans: owner, period, status, currency."},
    {
        "name": "results",
        "description": "A plan's results framework: goals, outcomes, outputs and activities.",
    },
    {
        "name": "indicators",
        "description": "Indicators of a plan's results, with baselines, targets and verdicts.",
    },
    {"name": "reporting periods", "description": "The periods an indicator is reported for."},
    {"name": "values", "description": "Values reported against indicators, their review and history."},
    {
        "name": "budget",
        "description": "A plan's budget lines: planned, committed and spent, and the funding gap.",
    },
    {"name": "common indicators", "description": "The shared indicator catalogue plans draw on."},
    {
        "name": "library search",
        "description": "Full-text search of the library, with facets and suggestions.",
    },
    {"name": "library", "description": "Publications, resolutions and tools, their files and collections."},
    {"name": "community", "description": "Discussion spaces, threads and posts, and your notifications."},
    {"name": "news", "description": "News stories of the partnership, their translations and publication."},
    {"name": "newsletter", "description": "Subscriptions to the partnership's newsletter."},
    {
        "name": "events",
        "description": "Meetings, workshops and webinars: agenda, registration, outcomes and roadmap actions.",
    },
    {
        "name": "decisions",
        "description": "Meetings' minutes (members only until published), decisions and their follow-up actions.",
    },
    {
        "name": "commitments",
        "description": "Partners' commitments: SMART deliverables, yearly reports and the register's lights "
        "(on time, late, no report, delivered, dropped) as of a date.",
    },
    {
        "name": "data",
        "description": "Statistical series on Target 8.7 with their sources, observations, areas and tables; "
        "case data only aggregated.",
    },
    {
        "name": "imports",
        "description": "Imports started through the API or a page run in the background: poll an import's "
        "address for its state, progress, errors by row and field, and what it saved.",
    },
    {
        "name": "completeness",
        "description": "What is reported, awaiting review, approved and late, per plan, body and country "
        "(the Secretariat and the chairs of bodies).",
    },
]


api = Alliance87API(
    title="Alliance 8.7 API",
    version="1.0.0",
    description=(
        "The platform of Alliance 8.7, the global partnership for SDG Target 8.7, as JSON: partner "
        "organisations, bodies and their role terms, Pathfinder Countries, national action plans (results "
        "frameworks, indicators, reported values, budgets), the library, events, news, the community's "
        "discussions and the statistical series on Target 8.7. Each module is described below; the same rules "
        "apply as on the site's pages.\n\n"
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
    docs_decorator=cached_document,
    openapi_extra={"tags": MODULES},
    throttle=WRITE_THROTTLES,
)
install_error_handlers(api)
api.add_router("", partners.router, tags=["organisations"])
api.add_router("", bodies.router, tags=["bodies"])
api.add_router("/countries", countries.router, tags=["pathfinder countries"])
api.add_router("/countries", home.router, tags=["pathfinder path"])
api.add_router("/dashboard", home.dashboard_router, tags=["completeness"])
api.add_router("", framework.router, tags=["plans"])
api.add_router("", reporting.router, tags=["values"])
api.add_router("", common_indicators.router, tags=["common indicators"])
api.add_router("/library/search", library_search.router, tags=["library search"])
api.add_router("/library", library.router, tags=["library"])
api.add_router("/community", community.router, tags=["community"])
api.add_router("", news.router, tags=["news"])
api.add_router("", meetings.router, tags=["events"])
api.add_router("", meeting_decisions.router, tags=["decisions"])
api.add_router("", data.router, tags=["data"])
api.add_router("", commitments.router, tags=["commitments"])
api.add_router("/imports", import_api.router, tags=["imports"])
