"""Plan pages. Routes are grouped by idea: plans and reporting (views.py), exchange formats
(interchange/views.py), gap reports (gaps/views.py), common indicators combined across plans (common_indicators/views.py)."""

from . import views
from .common_indicators import views as common_indicator_views
from .gaps import views as gap_views
from .interchange import views as interchange_views

app_name = "plans"

# Fixed paths (gaps/, gaps.csv, common/) come first, so that a catch-all "<slug>/" cannot shadow them.
urlpatterns = [
    *gap_views.urlpatterns,
    *common_indicator_views.urlpatterns,
    *views.urlpatterns,
    *interchange_views.urlpatterns,
]
