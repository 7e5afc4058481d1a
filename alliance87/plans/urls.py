"""Plan pages. Routes are grouped by idea: plans and reporting (views.py), exchange formats
(exchange_views.py), gap reports (gap_views.py)."""


from . import exchange_views, gap_views, views

app_name = "plans"

urlpatterns = [
    *views.urlpatterns,
    *exchange_views.urlpatterns,
    *gap_views.urlpatterns,
]
