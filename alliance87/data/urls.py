from django.urls import path

from . import views

app_name = "data"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("map.csv", views.map_csv, name="map-csv"),
    path("series/", views.series_list, name="series-list"),
    path("series/new/", views.series_edit, name="series-create"),
    path("series/<str:code>/", views.series_detail, name="series-detail"),
    path("series/<str:code>/edit/", views.series_edit, name="series-edit"),
    path("series/<str:code>/data.csv", views.series_csv, name="series-csv"),
    path("areas/", views.area_list, name="area-list"),
    path("areas/<str:code>/", views.area_detail, name="area-detail"),
    path("areas/<str:code>/data.csv", views.area_csv, name="area-csv"),
    path("areas/<str:code>/<str:series_code>.csv", views.area_series_csv, name="area-series-csv"),
    path("import/", views.import_observations, name="import"),
    path("import/template.csv", views.import_template, name="import-template"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/upload/", views.case_upload, name="case-upload"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/delete/", views.case_delete, name="case-delete"),
    path("tables/", views.table_list, name="table-list"),
    path("tables/<int:pk>/", views.table_detail, name="table-detail"),
    path("tables/<int:pk>/table.csv", views.table_csv, name="table-csv"),
    path("tables/<int:pk>/withdraw/", views.table_withdraw, name="table-withdraw"),
    path("publications/", views.publication_log, name="publication-log"),
]
