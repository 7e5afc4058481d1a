"""Import: an activity's results written into a plan, all or nothing, matched on stable keys."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.content_translation import original_value

from ... import verdicts
from ...models import (
    Indicator,
    IndicatorValue,
    Measure,
    Plan,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)
from ...permissions import can_edit_plan
from ...validation import (
    check_indicator_value,
    messages_of,
    validate_indicator,
    validate_node,
    validate_period,
)
from ..common import format_decimal
from .reading import ParsedActivity, ParsedIndicator, ParsedPeriod, ParsedResult, parse_activity

if TYPE_CHECKING:
    from alliance87.accounts.models import User


class ImportedKind:
    RESULT = "result"
    INDICATOR = "indicator"
    PERIOD = "period"
    ACTUAL = "actual"
    LABELS = {
        RESULT: gettext_lazy("Results"),
        INDICATOR: gettext_lazy("Indicators"),
        PERIOD: gettext_lazy("Reporting periods"),
        ACTUAL: gettext_lazy("Actual values"),
    }


@dataclass
class ImportReport:
    """What an import did, by kind of thing: created, updated (imported values only), unchanged, skipped."""

    identifier: str = ""
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped_manual: list[str] = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return sum(self.created.values()) > 0

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            for kind, label in ImportedKind.LABELS.items()
        ]


def _value_snapshot(value: IndicatorValue) -> dict[str, Any]:
    return {
        "value": None if value.value is None else format_decimal(value.value),
        "text_value": value.text_value,
        "comment": value.comment,
        "status": value.status,
        "origin": value.origin,
    }


class _ResultWriter:
    """Writes parsed results into a plan, matching what exists by the stable keys described in the module."""

    def __init__(self, plan: Plan, by: User, report: ImportReport, fallback_title: str) -> None:
        self.plan, self.by, self.report, self.fallback_title = plan, by, report, fallback_title
        self.now = timezone.now()
        #: Every rule a service would refuse, with where in the file: the import is refused if there is any.
        self.errors: list[str] = []
        self.nodes_by_key: dict[tuple[int, str, int], ResultNode] = {}
        seen: Counter[tuple[int, str]] = Counter()
        for node in plan.nodes.order_by("position", "pk"):
            title = original_value(node, "title")  # node.title reads the importer's language
            seen[(node.level, title)] += 1
            self.nodes_by_key[(node.level, title, seen[(node.level, title)])] = node
        self.seen_in_file: Counter[tuple[int, str]] = Counter()
        self.top: ResultNode | None = (
            plan.nodes.filter(parent=None, level=0).order_by("position", "pk").first()
        )
        self.outcome: ResultNode | None = None

    def _passes(self, where: str, check: Callable[[], Any]) -> bool:
        """Run one of the rules every door applies (plans/validation.py); a refusal is noted with its place."""
        try:
            check()
        except ValidationError as error:
            self.errors.extend(f"{where}: {message}" for message in messages_of(error))
            return False
        return True

    def _top(self) -> ResultNode:
        if self.top is None:
            self.top = self._create_node(
                level=0, parent=None, title=self.fallback_title, description="", code=""
            )
        return self.top

    def _create_node(
        self,
        *,
        level: int,
        parent: ResultNode | None,
        title: str,
        description: str,
        code: str,
        translations: dict[str, str] | None = None,
    ) -> ResultNode:
        siblings = self.plan.nodes.filter(parent=parent)
        position = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1 if siblings.exists() else 0
        node = ResultNode(
            plan=self.plan,
            parent=parent,
            level=level,
            position=position,
            title=title,
            description=description,
            code=code,
        )
        for name, text in (translations or {}).items():
            setattr(node, name, text)
        if not self._passes(_("Result “%(title)s”") % {"title": title}, lambda: validate_node(node)):
            raise ValidationError(self.errors)  # its indicators cannot be placed: stop here
        node.save()
        self.report.created[ImportedKind.RESULT] += 1
        return node

    def write_result(self, parsed: ParsedResult) -> None:
        self.seen_in_file[(parsed.level, parsed.title)] += 1
        key = (parsed.level, parsed.title, self.seen_in_file[(parsed.level, parsed.title)])
        node = self.nodes_by_key.get(key)
        if node is not None:
            self.report.unchanged[ImportedKind.RESULT] += 1
        else:
            if parsed.level == 0:
                parent = None
            elif parsed.level == 1:
                parent = self._top()
            else:
                parent = self.outcome or self._top()
            node = self._create_node(
                level=parsed.level,
                parent=parent,
                title=parsed.title,
                description=parsed.description,
                code=parsed.code,
                translations=parsed.translations,
            )
            self.nodes_by_key[key] = node
        if parsed.level == 0:
            self.top, self.outcome = node, None
        elif parsed.level == 1:
            self.outcome = node
        self._write_indicators(node, parsed.indicators)

    def _write_indicators(self, node: ResultNode, parsed_indicators: list[ParsedIndicator]) -> None:
        existing: dict[tuple[str, int], Indicator] = {}
        seen: Counter[str] = Counter()
        for current in node.indicators.order_by("position", "pk"):
            title = original_value(current, "title")
            seen[title] += 1
            existing[(title, seen[title])] = current
        next_position = max((i.position for i in existing.values()), default=-1) + 1
        seen_in_file: Counter[str] = Counter()
        for parsed in parsed_indicators:
            seen_in_file[parsed.title] += 1
            match = existing.get((parsed.title, seen_in_file[parsed.title]))
            if match is not None:
                indicator = match
                self.report.unchanged[ImportedKind.INDICATOR] += 1
            else:
                indicator = Indicator(
                    node=node,
                    position=next_position,
                    code=parsed.code,
                    title=parsed.title,
                    description=parsed.description,
                    measure=parsed.measure,
                    direction=parsed.direction,
                    baseline_year=parsed.baseline_year,
                    baseline_value=parsed.baseline_value,
                    baseline_comment=parsed.baseline_comment,
                )
                for name, text in parsed.translations.items():
                    setattr(indicator, name, text)
                where = _("Indicator “%(title)s”") % {"title": parsed.title}
                if not self._passes(where, lambda: validate_indicator(indicator)):  # noqa: B023 (run at once)
                    continue
                indicator.save()
                next_position += 1
                self.report.created[ImportedKind.INDICATOR] += 1
            self._write_periods(indicator, parsed.periods)

    def _write_periods(self, indicator: Indicator, parsed_periods: list[ParsedPeriod]) -> None:
        existing = {(p.start, p.end): p for p in indicator.periods.select_related("actual")}
        for parsed in parsed_periods:
            where = _("Indicator “%(title)s”, period %(start)s – %(end)s") % {
                "title": indicator.title,
                "start": parsed.start,
                "end": parsed.end,
            }
            period = existing.get((parsed.start, parsed.end))
            if period is not None:
                self.report.unchanged[ImportedKind.PERIOD] += 1
            else:
                period = ReportingPeriod(
                    indicator=indicator,
                    start=parsed.start,
                    end=parsed.end,
                    target_value=parsed.target_value,
                    target_comment=parsed.target_comment,
                )
                others = list(existing.values())
                if not self._passes(where, lambda: validate_period(period, indicator, others=others)):  # noqa: B023
                    continue
                period.save()
                existing[(period.start, period.end)] = period
                self.report.created[ImportedKind.PERIOD] += 1
            if parsed.has_actual and self._passes(
                where,
                lambda: check_indicator_value(indicator, parsed.actual_value, "value"),  # noqa: B023
            ):
                self._write_actual(indicator, period, parsed)

    def _write_actual(self, indicator: Indicator, period: ReportingPeriod, parsed: ParsedPeriod) -> None:
        is_qualitative = indicator.measure == Measure.QUALITATIVE
        text_value = parsed.actual_comment if is_qualitative else ""
        comment = "" if is_qualitative else parsed.actual_comment
        try:
            value = period.actual
        except IndicatorValue.DoesNotExist:
            value = None
        if value is not None and value.origin != ValueOrigin.IMPORT:
            self.report.skipped_manual.append(f"{indicator.title} ({period})")
            return
        if value is None:
            value = IndicatorValue.objects.create(
                period=period,
                value=parsed.actual_value,
                text_value=text_value,
                comment=comment,
                status=ValueStatus.APPROVED,
                origin=ValueOrigin.IMPORT,
                submitted_by=self.by,
                submitted_at=self.now,
                reviewed_by=self.by,
                reviewed_at=self.now,
            )
            ValueChange.objects.create(
                value=value,
                changed_by=self.by,
                action="import",
                new=_value_snapshot(value),
                comment=_("Imported from IATI"),
            )
            self.report.created[ImportedKind.ACTUAL] += 1
            return
        if (value.value, value.text_value, value.comment, value.status) == (
            parsed.actual_value,
            text_value,
            comment,
            ValueStatus.APPROVED,
        ):
            self.report.unchanged[ImportedKind.ACTUAL] += 1
            return
        before = _value_snapshot(value)
        value.value, value.text_value, value.comment = parsed.actual_value, text_value, comment
        value.status, value.reviewed_by, value.reviewed_at = ValueStatus.APPROVED, self.by, self.now
        value.version += 1
        value.save()
        ValueChange.objects.create(
            value=value,
            changed_by=self.by,
            action="import",
            old=before,
            new=_value_snapshot(value),
            comment=_("Imported from IATI"),
        )
        self.report.updated[ImportedKind.ACTUAL] += 1


def import_results(*, plan: Plan, xml_bytes: bytes, by: User) -> ImportReport:
    """Import an IATI activity's results into a plan, all or nothing; importing the same file again changes nothing."""
    return write_results(plan=plan, parsed=check_results(plan=plan, xml_bytes=xml_bytes, by=by), by=by)


def check_results(*, plan: Plan, xml_bytes: bytes, by: Any) -> ParsedActivity:
    """Read and validate the activity file (IATI 2.03 schema, hostile XML refused) without writing."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors may import into it."))
    return parse_activity(xml_bytes, identifier=plan.iati_identifier)


def write_results(*, plan: Plan, parsed: ParsedActivity, by: Any) -> ImportReport:
    """Write a parsed activity's results into the plan in one transaction; a value the platform's rules refuse
    undoes the whole import (a ValidationError lists every such problem)."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors may import into it."))
    report = ImportReport(identifier=parsed.identifier)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        writer = _ResultWriter(
            locked, by, report, fallback_title=parsed.title or original_value(locked, "title")
        )
        for result in parsed.results:
            writer.write_result(result)
        if writer.errors:  # all or nothing: leaving the transaction with an error undoes what was written
            raise ValidationError(writer.errors)
        if not locked.iati_identifier and parsed.identifier:
            locked.iati_identifier = parsed.identifier[:150]
            locked.save(update_fields=["iati_identifier", "updated_at"])
        verdicts.refresh_plan(locked.pk)
    plan.iati_identifier = locked.iati_identifier
    return report
