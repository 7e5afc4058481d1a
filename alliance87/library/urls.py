"""Library pages, grouped by idea: items and collections (views.py), search (search_views.py),
citations (citation_views.py). OAI-PMH has its own address, /oai/ (oai.py)."""

from . import citation_views, governance_views, search_views, views

app_name = "library"

# Fixed paths first, so that an item's "<slug>/" cannot shadow them.
urlpatterns = [
    *search_views.urlpatterns,
    *citation_views.urlpatterns,
    *governance_views.urlpatterns,
    *views.urlpatterns,
]
