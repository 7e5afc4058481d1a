"""Schemas of the plans API: plans, results, indicators and their assessments.

Numbers: every stored figure (values, targets, baselines, money) is a decimal and is answered as a JSON string
that keeps every stored digit ("1250.5000"); requests may send such a figure as a string or a JSON number.
Only the progress assessment and the projection, which are computed in floating point, answer JSON numbers.
Reporting periods, reported values and budgets have their schemas in reporting_schemas.py.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import CountryCode, InputSchema, country_code_of, country_name_of
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.translations import TranslatedOut, TranslationsIn
from alliance87.core.assessment import METHOD_DOCUMENTATION_URL, ProgressCategory
from alliance87.core.concurrency import version_of
from alliance87.plans.models import (
    CommonIndicator,
    Direction,
    Indicator,
    IndicatorKind,
    Measure,
    NodeStatus,
    PeriodRule,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    default_tier_names,
)
from alliance87.plans.verdicts import IndicatorSeries

from .fields import DECIMAL_IN, FLOAT, DecimalText
from .reporting_schemas import BudgetTotalsSummaryOut, PeriodOut


def _explanation(result: Any) -> str:
    """A verdict's explanation as plain text (the rules may give a lazily translated one)."""
    return str(result.explanation)


def _slugs(organisations: Any) -> list[str]:
    return [organisation.slug for organisation in organisations.all()]


# --- output ------------------------------------------------------------------------------------------------


#: The version of a record (`core/concurrency.py`), as a reader gets it and as a change sends it back.
VERSION_OUT = (
    "When it was last saved: send it back with a change to be told (409) if someone saved in between."
)
VERSION_IN = (
    "The `version` you read; the change is refused (409), naming what changed, if someone saved since."
)


class CountryRef(Schema):
    code: str = Field(description="ISO 3166 alpha-2 code.")
    name: str

    resolve_code = staticmethod(country_code_of)
    resolve_name = staticmethod(country_name_of)


class PlanOut(TranslatedOut, Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    slug: str
    title: str
    owner_body: BodyRef | None = Field(description="The body whose work plan this is (or null).")
    owner_country: CountryRef | None = Field(
        description="The Pathfinder Country whose plan this is (or null)."
    )
    owner_name: str
    description: str = Field(description="Markdown.")
    period_start: datetime.date
    period_end: datetime.date
    status: PlanStatus
    currency: str = Field(description="ISO 4217 code of every amount in the plan's budget.")
    tier_names: list[str] = Field(
        description="Names of the framework's levels, from the top (level 0), in your language: the plan's "
        "translation where one is given, else the default names translated and the plan's own as written."
    )
    tier_names_original: list[str] = Field(description="The tier names as the plan gives them (original).")
    tier_name_translations: dict[str, list[str]] = Field(
        description="The plan's translations of its tier names, by language code (one name per tier)."
    )
    responsible_organisations: list[str] = Field(description="Slugs of the organisations responsible.")
    iati_identifier: str
    is_illustrative: bool = Field(description="Example content, not an adopted plan.")
    requires_second_approver: bool = Field(
        description="Whether nobody may approve a value they submitted (another editor must)."
    )
    url: str = Field(description="The plan's page.")
    version: str = Field(description=VERSION_OUT)

    @staticmethod
    def resolve_responsible_organisations(plan: Plan) -> list[str]:
        return _slugs(plan.responsible_organisations)

    @staticmethod
    def resolve_tier_names(plan: Plan) -> list[str]:
        return plan.shown_tier_names

    @staticmethod
    def resolve_tier_names_original(plan: Plan) -> list[str]:
        return list(plan.tier_names or [])

    @staticmethod
    def resolve_tier_name_translations(plan: Plan) -> dict[str, list[str]]:
        given = {language: plan.tier_name_translation(language) for language in ("fr", "es")}
        return {language: names for language, names in given.items() if names}

    @staticmethod
    def resolve_version(plan: Plan) -> str:
        return version_of(plan)

    @staticmethod
    def resolve_url(plan: Plan) -> str:
        return plan.get_absolute_url()


class VerdictCountOut(Schema):
    category: ProgressCategory
    label: str
    count: int


class PlanDetailOut(PlanOut):
    verdicts: list[VerdictCountOut] = Field(
        description="How many indicators fall in each progress category (every category, in order)."
    )
    budget: BudgetTotalsSummaryOut = Field(description="Budget totals per year and overall.")
    can_edit: bool = Field(description="Whether you may change the framework, targets and budget.")
    can_report: bool = Field(description="Whether you may report values.")


class NodeOut(TranslatedOut, Schema):
    id: int
    parent: int | None = Field(description="Id of the parent result; null at the top tier.")
    level: int = Field(description="0 for the top tier.")
    tier: str = Field(description="The name of the node's tier in this plan.")
    position: int = Field(description="Order among its siblings, from 0.")
    code: str
    title: str
    description: str
    assumptions: str
    risks: str
    start_date: datetime.date | None
    due_date: datetime.date | None
    status: NodeStatus
    responsible_organisations: list[str] = Field(description="Slugs of the responsible partners.")

    @staticmethod
    def resolve_parent(node: ResultNode) -> int | None:
        return node.parent_id

    @staticmethod
    def resolve_responsible_organisations(node: ResultNode) -> list[str]:
        return _slugs(node.responsible_organisations)


class IndicatorOut(TranslatedOut, Schema):
    id: int
    node: int = Field(description="Id of the result the indicator measures.")
    position: int
    code: str
    title: str
    description: str = Field(description="The indicator's definition.")
    kind: IndicatorKind
    measure: Measure
    unit: str
    direction: Direction
    allows_negative: bool = Field(description="Whether values may be below zero.")
    allows_over_100: bool = Field(description="Whether a percentage may exceed 100.")
    scale_levels: list[str] = Field(description="An ordinal scale's levels, lowest first (values 1, 2, 3…).")
    baseline_value: DecimalText | None
    baseline_year: int | None
    baseline_numerator: DecimalText | None
    baseline_denominator: DecimalText | None
    baseline_comment: str
    target_value: DecimalText | None = Field(description="The final target.")
    target_year: int | None
    period_rule: PeriodRule
    disaggregations: dict[str, list[str]] = Field(description="Dimensions and their categories.")
    source: str
    caveats: str
    common_indicator: str | None = Field(
        description="Slug of the common indicator this one measures (its values combine with other plans')."
    )
    url: str = Field(description="The indicator's page.")
    version: str = Field(description=VERSION_OUT)

    @staticmethod
    def resolve_node(indicator: Indicator) -> int:
        return indicator.node_id

    @staticmethod
    def resolve_version(indicator: Indicator) -> str:
        return version_of(indicator)

    @staticmethod
    def resolve_common_indicator(indicator: Indicator) -> str | None:
        common = indicator.common_indicator
        return common.slug if common is not None else None

    @staticmethod
    def resolve_url(indicator: Indicator) -> str:
        return indicator.get_absolute_url()


class IndicatorDetailOut(IndicatorOut):
    periods: list[PeriodOut] = Field(description="Reporting periods by start date, with targets and values.")

    @staticmethod
    def resolve_periods(indicator: Indicator) -> list[ReportingPeriod]:
        return list(indicator.period_list)  # type: ignore[attr-defined]


class ObservationOut(Schema):
    year: int
    value: DecimalText


class SeriesOut(Schema):
    """The approved values the assessment used, one per year, combined by the indicator's period rule."""

    observations: list[ObservationOut]
    baseline: ObservationOut | None
    rule: PeriodRule
    explanation: str

    resolve_explanation = staticmethod(_explanation)

    @staticmethod
    def resolve_observations(series: IndicatorSeries) -> list[dict[str, Any]]:
        return [{"year": year, "value": value} for year, value in series.observations]

    @staticmethod
    def resolve_baseline(series: IndicatorSeries) -> dict[str, Any] | None:
        return {"year": series.baseline[0], "value": series.baseline[1]} if series.baseline else None


class AssessmentOut(Schema):
    """The progress verdict with every number it rests on, so a reader can redo the sum.

    The Open SDG progress measure where its growth rate is defined; the linear method (share of the planned
    change against the share of the time elapsed) where it is not; and once the target year is over (judged
    against `assessed_on`), "target_achieved" or "target_missed" with the last value and its year.
    """

    category: ProgressCategory
    category_label: str
    explanation: str
    method: str = Field(
        description=(
            "open_sdg_ratio (with a target), open_sdg_growth (without), linear_share (where a growth rate is "
            'undefined or degenerate), target_year_passed (the target year is over), or "".'
        )
    )
    method_name: str = Field(description="The method in words.")
    linear_reason: str = Field(
        description=(
            "With linear_share, why: zero_base, negative_base, zero_target, sign_change, target_equals_base "
            "or steep_growth (a yearly rate beyond ±1000 %)."
        )
    )
    share_achieved: float | None = Field(
        description="With linear_share: (value − baseline) / (target − baseline). " + FLOAT
    )
    share_elapsed: float | None = Field(
        description="With linear_share: (year − base year) / (target year − base year). " + FLOAT
    )
    assessed_on: str | None = Field(description="The date (ISO) the target year was judged against.")
    period_year: int | None = Field(
        description="The latest period with an approved value and a target: its year."
    )
    period_value: float | None = Field(description="Its approved value. " + FLOAT)
    period_target: float | None = Field(description="Its own target. " + FLOAT)
    period_status: str = Field(
        description='met, within_tolerance (short by at most 10 % of the target), below, or "" without one.'
    )
    period_explanation: str
    direction: Direction
    base_year: int | None
    base_value: float | None = Field(description=FLOAT)
    current_year: int | None
    current_value: float | None = Field(description=FLOAT)
    target_year: int | None
    target_value: float | None = Field(description=FLOAT)
    observed_cagr: float | None = Field(description="Compound annual growth observed. " + FLOAT)
    required_cagr: float | None = Field(description="Compound annual growth the target needs. " + FLOAT)
    ratio: float | None = Field(description="Observed over required growth, with a target. " + FLOAT)
    progress_value: float | None = Field(description="The figure compared with the thresholds. " + FLOAT)
    thresholds: list[float] | None = Field(description="High, medium and low thresholds, after scaling.")
    limit_factor: float | None
    substitutions: list[str] = Field(description="Values replaced before computing, e.g. a zero target.")
    is_target_year_passed: bool = Field(description="Whether the target year is over, judged on assessed_on.")
    source: str = Field(description="Where the Open SDG method and its thresholds come from.")
    source_url: str = Field(description="The Open SDG method's documentation.")

    @staticmethod
    def resolve_category_label(assessment: Any) -> str:
        return str(assessment.category.label)

    @staticmethod
    def resolve_method_name(assessment: Any) -> str:
        return str(assessment.method_name)

    @staticmethod
    def resolve_period_explanation(assessment: Any) -> str:
        return str(assessment.period_explanation)

    @staticmethod
    def resolve_source_url(assessment: Any) -> str:
        return METHOD_DOCUMENTATION_URL

    resolve_explanation = staticmethod(_explanation)


class ProjectionOut(Schema):
    """Where the least-squares line through the observed values is in the target year."""

    target_year: int
    direction: Direction
    points_used: int
    explanation: str
    slope: float | None = Field(description="Change per year. " + FLOAT)
    intercept: float | None
    projected_value: float | None = Field(description=FLOAT)
    target_value: float | None
    reaches_target: bool | None = Field(description="Null without a target or without a projection.")

    resolve_explanation = staticmethod(_explanation)


class IndicatorAssessmentOut(Schema):
    indicator: int
    series: SeriesOut
    assessment: AssessmentOut
    projection: ProjectionOut | None = Field(
        description="Null when neither the indicator nor the plan has a target year."
    )


# --- input -------------------------------------------------------------------------------------------------


class PlansQuery(Schema):
    body: str = Field("", description="Slug of the owner body.")
    country: CountryCode = Field("", description="ISO 3166 alpha-2 code of the owner Pathfinder Country.")
    status: PlanStatus | None = None


class PlanIn(TranslationsIn, InputSchema):
    title: str
    owner_body: str | None = Field(None, description="Slug of the owner body; give this or owner_country.")
    owner_country: CountryCode | None = Field(None, description="ISO 3166 alpha-2 code of the owner country.")
    description: str = ""
    period_start: datetime.date
    period_end: datetime.date
    status: PlanStatus = PlanStatus.DRAFT
    currency: str = Field("USD", description="ISO 4217 code.")
    tier_names: list[str] = Field(default_factory=default_tier_names, description="From the top, at most 6.")
    responsible_organisations: list[str] = Field([], description="Slugs of organisations.")
    is_illustrative: bool = False
    requires_second_approver: bool = Field(
        True, description="Nobody may approve a value they submitted: another editor must (default)."
    )


class PlanChangeIn(PlanIn):
    version: str | None = Field(None, description=VERSION_IN)


class NodeFields(TranslationsIn, InputSchema):
    title: str
    code: str = ""
    description: str = ""
    assumptions: str = ""
    risks: str = ""
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    status: NodeStatus = NodeStatus.NOT_STARTED
    responsible_organisations: list[str] = Field([], description="Slugs of organisations.")


class NodeIn(NodeFields):
    parent: int | None = Field(None, description="Id of the parent result; leave out for the top tier.")


class MoveIn(InputSchema):
    parent: int | None = Field(description="Id of the new parent result; null for the top tier.")
    position: int = Field(ge=0, description="Place among the new siblings, 0 for first.")


class IndicatorIn(TranslationsIn, InputSchema):
    title: str
    position: int | None = Field(
        None, ge=0, description="Order among the result's indicators; last if left out."
    )
    code: str = ""
    description: str = Field("", description="The indicator's definition.")
    kind: IndicatorKind = IndicatorKind.RESULT
    measure: Measure = Measure.NUMBER
    unit: str = ""
    direction: Direction = Direction.INCREASE
    allows_negative: bool = Field(False, description="Allow values below zero (a net change, a balance).")
    allows_over_100: bool = Field(False, description="Allow a percentage above 100 (a rate of change).")
    scale_levels: list[str] = Field([], description="For an ordinal scale: its levels, lowest first.")
    baseline_value: Decimal | None = Field(None, description=DECIMAL_IN)
    baseline_year: int | None = None
    baseline_numerator: Decimal | None = Field(None, description=DECIMAL_IN + " Percentages only.")
    baseline_denominator: Decimal | None = Field(None, description=DECIMAL_IN + " Percentages only.")
    baseline_comment: str = ""
    target_value: Decimal | None = Field(None, description="The final target. " + DECIMAL_IN)
    target_year: int | None = None
    period_rule: PeriodRule = PeriodRule.LATEST
    disaggregations: dict[str, list[str]] = Field({}, description='e.g. {"sex": ["female", "male"]}.')
    source: str = ""
    caveats: str = ""
    common_indicator: str | None = Field(
        None, description="Slug of a common indicator measured the same way (see /common-indicators)."
    )


def common_indicator_by_slug(slug: str | None, *, field: str) -> CommonIndicator | None:
    """The common indicator a request names by slug; an unknown slug is the client's mistake in that field."""
    if slug is None:
        return None
    common = CommonIndicator.objects.filter(slug=slug).first()
    if common is None:
        raise ValidationError(
            {field: _("There is no common indicator with the slug “%(slug)s”.") % {"slug": slug}}
        )
    return common


# --- references in requests --------------------------------------------------------------------------------


class IndicatorChangeIn(IndicatorIn):
    version: str | None = Field(None, description=VERSION_IN)
