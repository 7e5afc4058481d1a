"""Plan pages. Routes are grouped by idea: plans and reporting (views.py), exchange formats
(exchange_views.py), gap reports (gap_views.py)."""

from . import exchange_views, gap_views, views

app_name = "plans"

# The gap report's fixed paths (gaps/, gaps.csv) come first, so that a catch-all "<slug>/" cannot shadow them.
urlpatterns = [
    *gap_views.urlpatterns,
    *views.urlpatterns,
    *exchange_views.urlpatterns,
]
