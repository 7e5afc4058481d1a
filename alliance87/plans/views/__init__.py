"""Plan pages, one module per idea: plans (plans.py), the results of their frameworks (results.py), indicators with
their periods and reported values (indicators.py), the review queue (review.py) and budgets (budget.py); access.py
finds what a page shows. The routes below are the plan app's, after the fixed paths of urls.py.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from . import budget, indicators, plans, results, review

urlpatterns: list[URLPattern] = [
    path("", plans.plan_list, name="list"),
    path("new/", plans.plan_create, name="create"),
    path("review/", review.review_queue, name="review"),
    path("values/<int:pk>/approve/", review.approve_value, name="approve_value"),
    path("values/<int:pk>/return/", review.return_value, name="return_value"),
    path("<slug:slug>/", plans.plan_detail, name="detail"),
    path("<slug:slug>/edit/", plans.plan_edit, name="edit"),
    path("<slug:slug>/history/", plans.plan_history, name="history"),
    path("<slug:slug>/logframe.csv", plans.logframe_csv, name="logframe_csv"),
    path("<slug:slug>/verdicts.csv", plans.verdicts_csv, name="verdicts_csv"),
    path("<slug:slug>/budget.csv", budget.budget_csv, name="budget_csv"),
    path("<slug:slug>/results/new/", results.node_create, name="node_create"),
    path("<slug:slug>/results/<int:pk>/edit/", results.node_edit, name="node_edit"),
    path("<slug:slug>/results/<int:pk>/move/", results.node_move, name="node_move"),
    path("<slug:slug>/results/<int:pk>/delete/", results.node_delete, name="node_delete"),
    path(
        "<slug:slug>/results/<int:pk>/indicators/new/", indicators.indicator_create, name="indicator_create"
    ),
    path("<slug:slug>/indicators/<int:pk>/", indicators.indicator_page, name="indicator"),
    path("<slug:slug>/indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("<slug:slug>/indicators/<int:pk>/delete/", indicators.indicator_delete, name="indicator_delete"),
    path("<slug:slug>/indicators/<int:pk>/data.csv", indicators.indicator_csv, name="indicator_csv"),
    path(
        "<slug:slug>/indicators/<int:indicator_pk>/periods/new/", indicators.period_edit, name="period_create"
    ),
    path("<slug:slug>/periods/<int:pk>/edit/", indicators.period_edit, name="period_edit"),
    path("<slug:slug>/periods/<int:pk>/delete/", indicators.period_delete, name="period_delete"),
    path("<slug:slug>/periods/<int:pk>/report/", indicators.report_value, name="report_value"),
    path("<slug:slug>/budget/", budget.budget, name="budget"),
    path("<slug:slug>/budget/new/", budget.budget_line_edit, name="budget_line_create"),
    path("<slug:slug>/budget/<int:pk>/edit/", budget.budget_line_edit, name="budget_line_edit"),
    path("<slug:slug>/budget/<int:pk>/delete/", budget.budget_line_delete, name="budget_line_delete"),
]
