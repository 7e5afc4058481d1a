"""Figures for people: a value in the reader's number format with its unit, and dimension labels."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from alliance87.data.models import Location, Nature, Sex, Unit

register = template.Library()


def _sector_label(code: str) -> str:
    labels = {
        "agriculture": _("Agriculture"),
        "industry": _("Industry"),
        "services": _("Services"),
        "private_economy": _("Forced labour in the private economy (excluding sexual exploitation)"),
        "state_imposed": _("State-imposed forced labour"),
        "commercial_sexual_exploitation": _("Forced commercial sexual exploitation"),
    }
    return labels.get(code, code.replace("_", " "))


@register.filter
def number(value: Any, decimals: int = 1) -> str:
    """A number in the reader's format, with the given decimals and grouping ("137.6", "1 234,5")."""
    if value is None or value == "":
        return "—"
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.simple_tag
def amount(value: Any, series: Any) -> str:
    """A series' value with its unit, in the reader's language: "137.6 million", "7.8 %", "6.4 per 1,000"."""
    if value is None:
        return "—"
    shown = number(value, series.decimals)
    unit = series.unit
    if unit == Unit.MILLIONS:
        return _("%(number)s million") % {"number": shown}
    if unit == Unit.PERCENT:
        return _("%(number)s %%") % {"number": shown}
    if unit == Unit.PER_THOUSAND:
        return _("%(number)s per 1,000") % {"number": shown}
    if unit == Unit.PER_100K:
        return _("%(number)s per 100,000") % {"number": shown}
    return shown


@register.simple_tag
def dimensions(observation: Any) -> str:
    """The breakdown an observation belongs to, in words ("Female, 5-11, Rural"), or "Total"."""
    parts = []
    if observation.sex:
        parts.append(str(Sex(observation.sex).label))
    if observation.age:
        parts.append(_("aged %(age)s") % {"age": observation.age})
    if observation.location:
        parts.append(str(Location(observation.location).label))
    if observation.sector:
        parts.append(_sector_label(observation.sector))
    return ", ".join(parts) if parts else _("Total")


@register.filter
def nature_label(code: str) -> str:
    return str(Nature(code).label) if code in Nature.values and code else ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def recorded(value: Any) -> str:
    """A value recorded in a change log: numbers in the reader's format without trailing zeros, text as it is."""
    if value in (None, ""):
        return "—"
    try:
        number_value = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    text = format(number_value.normalize(), "f")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return number_format(number_value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
