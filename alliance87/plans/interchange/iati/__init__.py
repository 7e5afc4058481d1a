"""IATI 2.03 activity XML: export a plan as one activity, and import an activity's results into a plan.

Export: one `<iati-activity>` in the schema's element order, validated against the official XSD kept in
`iati_schemas/` (copied with its provenance). Only approved actual values leave the platform.

Import is all-or-nothing and idempotent. IATI 2.03 gives results and indicators no identifiers, so each imported
thing is matched on a stable key made of what the file does carry:
- a result by (level from its type, title, n-th occurrence of that title at that level),
- an indicator by (title, n-th occurrence) within its result,
- a period by (start, end) within its indicator (the model's unique constraint).
A match is left as it is; only what is missing is created. An actual value that someone entered on the platform
(origin "manual") is never overwritten; one imported earlier (origin "import") is updated when the file changed.

What is lost on the way (the IATI standard has no place for it): units, indicator kinds, period rules, final
targets, node dates, statuses, assumptions, risks and disaggregations (dimensions are not read).
"""

from .codes import IATI_VERSION, activity_identifier, schema_errors
from .exporting import build_activities, export_plan
from .importing import ImportReport, check_results, import_results, write_results
from .reading import ParsedActivity, parse_activity

__all__ = [
    "IATI_VERSION",
    "ImportReport",
    "ParsedActivity",
    "activity_identifier",
    "build_activities",
    "check_results",
    "export_plan",
    "import_results",
    "parse_activity",
    "schema_errors",
    "write_results",
]
