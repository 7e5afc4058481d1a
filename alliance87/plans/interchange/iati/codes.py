"""The IATI 2.03 standard as the platform uses it: code lists, the official schema, activity identifiers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from lxml import etree

from alliance87.partners.models import OrganisationType

from ...models import Measure, Plan, PlanStatus

IATI_VERSION = "2.03"
SCHEMA_DIR = Path(__file__).resolve().parent / "iati_schemas"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TITLE_LENGTH = 500
MAX_CODE_LENGTH = 20
SCHEMA_ERRORS_SHOWN = 5

# IATI ResultType codes; a node's level gives its type (level 0 is the top of the framework).
RESULT_TYPE_OUTPUT, RESULT_TYPE_OUTCOME, RESULT_TYPE_IMPACT, RESULT_TYPE_OTHER = "1", "2", "3", "9"
LEVEL_BY_RESULT_TYPE = {
    RESULT_TYPE_IMPACT: 0,
    RESULT_TYPE_OUTCOME: 1,
    RESULT_TYPE_OUTPUT: 2,
    RESULT_TYPE_OTHER: 2,
}

# IATI IndicatorMeasure codes: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative.
MEASURE_CODE: dict[str, str] = {
    Measure.NUMBER: "1",
    Measure.CURRENCY: "1",
    Measure.PERCENTAGE: "2",
    Measure.YES_NO: "3",
    Measure.ORDINAL: "4",
    Measure.QUALITATIVE: "5",
}
MEASURE_BY_CODE = {
    "1": Measure.NUMBER,
    "2": Measure.PERCENTAGE,
    "3": Measure.YES_NO,
    "4": Measure.ORDINAL,
    "5": Measure.QUALITATIVE,
}

# IATI ActivityStatus codes.
ACTIVITY_STATUS: dict[str, str] = {
    PlanStatus.DRAFT: "1",
    PlanStatus.ADOPTED: "1",
    PlanStatus.IN_IMPLEMENTATION: "2",
    PlanStatus.CLOSED: "4",
}

# IATI OrganisationType codes.
ORGANISATION_TYPE: dict[str, str] = {
    OrganisationType.GOVERNMENT: "10",
    OrganisationType.UN_ENTITY: "40",
    OrganisationType.INTERNATIONAL_ORGANISATION: "40",
    OrganisationType.BUSINESS: "70",
    OrganisationType.CIVIL_SOCIETY: "21",
    OrganisationType.ACADEMIC: "80",
}
OTHER_ORGANISATION_TYPE = "90"
GOVERNMENT_ORGANISATION_TYPE = "10"

# IATI OrganisationRole, ActivityDateType, BudgetType and BudgetStatus codes used here.
ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "2", "4"
DATE_PLANNED_START, DATE_PLANNED_END = "1", "3"
BUDGET_ORIGINAL, BUDGET_INDICATIVE = "1", "1"
OWN_VOCABULARY = "99"


@lru_cache(maxsize=1)
def activities_schema() -> etree.XMLSchema:
    """The official IATI 2.03 activities schema (read once from the copy kept beside this module)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


def schema_errors(document: etree._Element) -> list[str]:
    """The XSD validation errors of an IATI activities document, as 'line N: message'; empty when it is valid."""
    schema = activities_schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def activity_identifier(plan: Plan) -> str:
    """The plan's IATI identifier: the one it was given, or one under the Alliance's own reference."""
    return plan.iati_identifier or f"{settings.IATI_REPORTING_ORG_REF}-{plan.slug}"
