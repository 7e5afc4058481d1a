"""The workbook's format: its sheets, their columns and the choices a column offers."""

from __future__ import annotations

from ...models import Direction, IndicatorKind, Measure, NodeStatus, PeriodRule, Plan

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
VALIDATED_ROWS = 1000
MAX_LEVEL = 5

RESULTS, INDICATORS, PERIODS, INSTRUCTIONS, LISTS = (
    "Results",
    "Indicators",
    "Periods",
    "Instructions",
    "Lists",
)
RESULT_COLUMNS = [
    "level",
    "code",
    "parent code",
    "title",
    "description",
    "assumptions",
    "risks",
    "start",
    "due",
    "status",
]
INDICATOR_COLUMNS = [
    "result code",
    "code",
    "title",
    "kind",
    "measure",
    "unit",
    "direction",
    "baseline value",
    "baseline year",
    "target value",
    "target year",
    "period rule",
    "source",
]
PERIOD_COLUMNS = ["indicator code", "start", "end", "target"]
COLUMNS = {RESULTS: RESULT_COLUMNS, INDICATORS: INDICATOR_COLUMNS, PERIODS: PERIOD_COLUMNS}
#: Columns a workbook may leave out (older templates have none): the titles' translations, by the field each fills.
TRANSLATION_COLUMNS = {"title (french)": "title_fr", "title (spanish)": "title_es"}
OPTIONAL_COLUMNS = {RESULTS: list(TRANSLATION_COLUMNS), INDICATORS: list(TRANSLATION_COLUMNS), PERIODS: []}
CHOICE_COLUMNS = {
    (RESULTS, "status"): NodeStatus.values,
    (INDICATORS, "kind"): IndicatorKind.values,
    (INDICATORS, "measure"): Measure.values,
    (INDICATORS, "direction"): Direction.values,
    (INDICATORS, "period rule"): PeriodRule.values,
}


def level_names(plan: Plan) -> list[str]:
    """The names of the framework's tiers, as many as the workbook has levels."""
    return [str(name) for name in (plan.tier_names or [])][: MAX_LEVEL + 1]
