"""Reading an IATI activity file safely into plain data: its results, indicators and periods."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from ...models import Direction
from .codes import (
    LEVEL_BY_RESULT_TYPE,
    MAX_CODE_LENGTH,
    MAX_TITLE_LENGTH,
    MEASURE_BY_CODE,
    OWN_VOCABULARY,
    SCHEMA_ERRORS_SHOWN,
    XML_LANG,
    schema_errors,
)


@dataclass
class ParsedPeriod:
    start: datetime.date
    end: datetime.date
    target_value: Decimal | None
    target_comment: str
    actual_value: Decimal | None
    actual_comment: str
    has_actual: bool


@dataclass
class ParsedIndicator:
    title: str
    description: str
    code: str
    measure: str
    direction: str
    baseline_year: int | None
    baseline_value: Decimal | None
    baseline_comment: str
    periods: list[ParsedPeriod]
    #: French and Spanish narratives (xml:lang) by the field they translate: {"title_fr": …}.
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedResult:
    level: int
    title: str
    description: str
    code: str
    indicators: list[ParsedIndicator]
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedActivity:
    identifier: str
    title: str
    results: list[ParsedResult]


def parse_xml_safely(xml_bytes: bytes) -> etree._Element:
    """Parse untrusted XML: no DTD, no entities, no network; refuse documents that declare a DOCTYPE."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(
            _("The file is not well-formed XML: %(error)s"), params={"error": str(error)}
        ) from None
    if root is None:
        raise ValidationError(_("The file is empty."))
    if root.getroottree().docinfo.doctype:
        raise ValidationError(_("The file declares a DOCTYPE; IATI files do not need one, so it is refused."))
    return root


def _text(element: etree._Element | None) -> str:
    """The default-language narrative of an element (the first one without xml:lang, else the first one)."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    chosen = next((n for n in narratives if n.get(XML_LANG) is None), narratives[0] if narratives else None)
    return " ".join((chosen.text or "").split()) if chosen is not None else ""


#: The languages of the platform's translations (core.content_translation) an IATI narrative may carry.
TRANSLATED_LANGUAGES = ("fr", "es")


def _translations(element: etree._Element, fields: dict[str, str]) -> dict[str, str]:
    """The French and Spanish narratives (xml:lang) of the elements named in `fields` ({"title": "title"}…)."""
    found: dict[str, str] = {}
    for tag, name in fields.items():
        child = element.find(tag)
        for narrative in child.findall("narrative") if child is not None else []:
            language = (narrative.get(XML_LANG) or "").split("-")[0].lower()
            text = " ".join((narrative.text or "").split())
            if language in TRANSLATED_LANGUAGES and text:
                found.setdefault(f"{name}_{language}", _title(text) if name == "title" else text)
    return found


def _own_code(element: etree._Element) -> str:
    for reference in element.findall("reference"):
        if reference.get("vocabulary") == OWN_VOCABULARY and reference.get("code"):
            return reference.get("code", "").strip()[:MAX_CODE_LENGTH]
    return ""


def _title(text: str) -> str:
    return text if len(text) <= MAX_TITLE_LENGTH else text[: MAX_TITLE_LENGTH - 1] + "…"


def _date(value: str | None) -> datetime.date:
    return datetime.date.fromisoformat((value or "")[:10])


def _decimal(raw: str | None, where: str) -> Decimal | None:
    if raw is None or not raw.strip():
        return None
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise ValidationError(
            _("%(where)s: '%(value)s' is not a number."), params={"where": where, "value": raw}
        ) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise ValidationError(
            _("%(where)s: '%(value)s' is out of range."), params={"where": where, "value": raw}
        )
    return number.quantize(Decimal("0.0001"))


def _first_without_dimensions(elements: list[etree._Element]) -> etree._Element | None:
    return next((e for e in elements if e.find("dimension") is None), elements[0] if elements else None)


def _parse_period(element: etree._Element, measure: str, where: str) -> ParsedPeriod:
    start, end = (
        _date(element.find("period-start").get("iso-date")),
        _date(element.find("period-end").get("iso-date")),
    )
    where = f"{where}, {start:%Y-%m-%d} – {end:%Y-%m-%d}"
    if end < start:
        raise ValidationError(_("%(where)s: the period ends before it starts."), params={"where": where})
    target = _first_without_dimensions(element.findall("target"))
    actual = _first_without_dimensions(element.findall("actual"))
    actual_comment = _text(actual.find("comment")) if actual is not None else ""
    return ParsedPeriod(
        start=start,
        end=end,
        target_value=_decimal(target.get("value"), where) if target is not None else None,
        target_comment=_text(target.find("comment"))[:500] if target is not None else "",
        actual_value=_decimal(actual.get("value"), where) if actual is not None else None,
        actual_comment=actual_comment,
        has_actual=actual is not None and (actual.get("value") is not None or bool(actual_comment)),
    )


def _parse_indicator(element: etree._Element, where: str) -> ParsedIndicator:
    title = _title(_text(element.find("title")))
    where = f"{where}, {_('indicator')} '{title}'"
    if not title:
        raise ValidationError(_("%(where)s: the indicator has no title."), params={"where": where})
    measure = MEASURE_BY_CODE.get(element.get("measure", "").strip())
    if measure is None:
        raise ValidationError(
            _(
                "%(where)s: measure '%(measure)s' is not one of 1 (unit), 2 (percentage), 3 (nominal), "
                "4 (ordinal), 5 (qualitative)."
            ),
            params={"where": where, "measure": element.get("measure")},
        )
    ascending = element.get("ascending", "1").strip() not in ("0", "false")
    baseline = _first_without_dimensions(element.findall("baseline"))
    baseline_year = int(baseline.get("year")) if baseline is not None else None
    if baseline_year is not None and not 1900 <= baseline_year <= 2200:
        raise ValidationError(
            _("%(where)s: baseline year %(year)s is out of range."),
            params={"where": where, "year": baseline_year},
        )
    periods = [_parse_period(p, measure, where) for p in element.findall("period")]
    keys = [(p.start, p.end) for p in periods]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("%(where)s: the same period appears twice."), params={"where": where})
    return ParsedIndicator(
        title=title,
        description=_text(element.find("description")),
        code=_own_code(element),
        measure=measure,
        direction=Direction.INCREASE if ascending else Direction.DECREASE,
        baseline_year=baseline_year,
        baseline_value=_decimal(baseline.get("value"), where) if baseline is not None else None,
        baseline_comment=_text(baseline.find("comment"))[:500] if baseline is not None else "",
        periods=periods,
        translations=_translations(element, {"title": "title", "description": "description"}),
    )


def _parse_result(element: etree._Element, number: int) -> ParsedResult:
    title = _title(_text(element.find("title")))
    where = _("Result %(number)s ('%(title)s')") % {"number": number, "title": title}
    result_type_code = element.get("type", "").strip()
    if result_type_code not in LEVEL_BY_RESULT_TYPE:
        raise ValidationError(
            _("%(where)s: type '%(type)s' is not one of 1 (output), 2 (outcome), 3 (impact), 9 (other)."),
            params={"where": where, "type": result_type_code},
        )
    if not title:
        raise ValidationError(_("%(where)s: the result has no title."), params={"where": where})
    return ParsedResult(
        level=LEVEL_BY_RESULT_TYPE[result_type_code],
        title=title,
        description=_text(element.find("description")),
        code=_own_code(element),
        indicators=[_parse_indicator(i, where) for i in element.findall("indicator")],
        translations=_translations(element, {"title": "title"}),
    )


def parse_activity(xml_bytes: bytes, *, identifier: str = "") -> ParsedActivity:
    """Read and check an IATI 2.03 file; choose the activity with `identifier`, or the only one in the file."""
    root = parse_xml_safely(xml_bytes)
    if root.tag != "iati-activities":
        raise ValidationError(
            _("This is not an IATI activities file: its root element is <%(tag)s>."), params={"tag": root.tag}
        )
    errors = schema_errors(root)
    if errors:
        raise ValidationError(
            _("The file is not valid IATI 2.03 XML: %(errors)s"),
            params={"errors": "; ".join(errors[:SCHEMA_ERRORS_SHOWN])},
        )
    activities = root.findall("iati-activity")
    by_identifier = {(a.findtext("iati-identifier") or "").strip(): a for a in activities}
    if identifier and identifier in by_identifier:
        activity = by_identifier[identifier]
    elif len(activities) == 1:
        activity = activities[0]
    else:
        raise ValidationError(
            _("The file holds %(count)s activities and none has this plan's identifier; found: %(found)s."),
            params={"count": len(activities), "found": ", ".join(sorted(by_identifier)[:10])},
        )
    try:
        results = [_parse_result(r, n) for n, r in enumerate(activity.findall("result"), start=1)]
    except (TypeError, ValueError) as error:  # dates or years the XSD let through but Python cannot read
        raise ValidationError(
            _("The file has a date or year that cannot be read: %(error)s"), params={"error": str(error)}
        ) from None
    return ParsedActivity(
        identifier=(activity.findtext("iati-identifier") or "").strip(),
        title=_title(_text(activity.find("title"))),
        results=results,
    )
