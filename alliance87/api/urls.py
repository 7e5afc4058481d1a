"""The JSON API at /api/v1/: one router per domain, the same services and selectors as the pages."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Alliance 8.7 API",
    version="1.0.0",
    description="Partners, bodies, role terms and Pathfinder Countries of Alliance 8.7.",
    urls_namespace="api-1.0.0",
)
