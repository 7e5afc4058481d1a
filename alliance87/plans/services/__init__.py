"""Changes to plans, one module per aggregate: plans and their results frameworks (framework), indicators and
their reporting periods (indicators), reported values and their review (reporting), budget lines (budget).

Every function is one transaction and checks the permission itself, so the pages, the API and the importers
(plans/interchange/) share one rule. A refusal is a PermissionDenied or a ValidationError a person can read, and
leaves nothing half-saved. Every change to a reported value writes a ValueChange row, and every change that can
alter an indicator's progress verdict stores the new verdict (`verdicts.refresh`) in the same transaction.

Callers name the aggregate: ``services.reporting.submit_value(...)``.
"""

from . import budget, framework, indicators, reporting

__all__ = ["budget", "framework", "indicators", "reporting"]
