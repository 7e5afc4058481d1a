"""Figures for people: a value in the reader's number format with its unit, and dimension labels."""

from __future__ import annotations

import html
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils import numberformat
from django.utils.formats import date_format, get_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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
    return amount_text(number(value, series.decimals), series.unit)


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


@register.simple_tag
def source_line(source: Any) -> str:
    """“Source: publisher, title (year), read on date.”, the title linked to its address; "" without a source.

    Written in Python rather than as an include: tables of hundreds of rows cite a source on each.
    """
    if source is None:
        return ""
    title = format_html("<cite>{}</cite>", source.title)
    if source.url:
        title = format_html('<a href="{}" rel="noopener">{}</a>', source.url, title)
    parts = [format_html("{} {}, {}", _("Source:"), source.publisher, title)]
    if source.year:
        parts.append(format_html(" ({})", source.year))
    if source.accessed:
        read_on = _("read on %(date)s") % {"date": date_format(source.accessed, "DATE_FORMAT")}
        parts.append(format_html(", {}", read_on))
    return format_html('<span class="source-line">{}.</span>', mark_safe("".join(parts)))


def _figure(value: Any, series: Any, formatter: Any) -> str:
    return amount_text(formatter(value, series.decimals), series.unit)


def amount_text(shown: str, unit: str) -> str:
    if unit == Unit.MILLIONS:
        return _("%(number)s million") % {"number": shown}
    if unit == Unit.PERCENT:
        return _("%(number)s %%") % {"number": shown}
    if unit == Unit.PER_THOUSAND:
        return _("%(number)s per 1,000") % {"number": shown}
    if unit == Unit.PER_100K:
        return _("%(number)s per 100,000") % {"number": shown}
    return shown


def fast_number() -> Any:
    """A number formatter bound to the active language's separators, looked up once for a whole table."""
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    thousand_separator = get_format("THOUSAND_SEPARATOR")
    grouping = get_format("NUMBER_GROUPING")

    def formatted(value: Any, decimals: int) -> str:
        if value is None:
            return "—"
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
        return numberformat.format(
            rounded, decimal_separator, decimal_pos=int(decimals), grouping=grouping,
            thousand_sep=thousand_separator, force_grouping=True, use_l10n=True,
        )  # fmt: skip

    return formatted


@register.simple_tag
def value_rows(values: Any, series: Any) -> str:
    """Table rows (period, breakdown, value, range, nature, footnote) for a profile's values, built in Python.

    Labels are translated and escaped once per table, not once per row: a profile may show a thousand rows. The
    cells are escaped with the standard library's `html.escape`, which is what Django's `escape` calls behind a
    lazy-string wrapper that cost more than the escaping itself here (`format_html` over 4,500 cells was half
    of a 30-series profile's time).
    """
    formatter = fast_number()
    pattern = amount_text("{}", series.unit)
    labels: dict[tuple[str, str, str, str], str] = {}
    natures: dict[str, str] = {}
    rows = []
    for v in values:
        key = (v.sex, v.age, v.location, v.sector)
        if key not in labels:
            labels[key] = html.escape(dimensions(v))
        if v.nature not in natures:
            natures[v.nature] = html.escape(nature_label(v.nature) or "—")
        bounds = (
            f"{formatter(v.lower_bound, series.decimals)} – {formatter(v.upper_bound, series.decimals)}"
            if v.lower_bound is not None and v.upper_bound is not None
            else "—"
        )
        value = pattern.format(formatter(v.value, series.decimals))
        footnote = html.escape(v.footnote) if v.footnote else "—"
        rows.append(
            f'<tr><th scope="row">{html.escape(v.period)}</th><td>{labels[key]}</td>'
            f'<td class="num">{html.escape(value)}</td><td>{html.escape(bounds)}</td><td>{natures[v.nature]}</td>'
            f"<td>{footnote}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # every cell escaped above


@register.simple_tag
def map_rows(rows: Any, series: Any) -> str:
    """The map's table rows (country, year, value, source and footnote), built in Python.

    One address prefix and one citation per source for the whole table: a map shows up to 250 countries.
    """
    formatter = fast_number()
    pattern = amount_text("{}", series.unit)
    prefix = reverse("data:area-detail", kwargs={"code": "xx"})[: -len("xx/")]
    citations: dict[int | None, str] = {}
    cells = []
    for area, v in rows:
        source = v.source or series.default_source
        key = source.pk if source is not None else None
        if key not in citations:
            citations[key] = source_line(source)
        note = format_html('<br><span class="small">{}</span>', v.footnote) if v.footnote else ""
        cells.append(
            (f"{prefix}{area.slug}/", area.display_name, v.period, pattern.format(formatter(v.value, series.decimals)),
             citations[key], note)
        )  # fmt: skip
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td class="num">{}</td><td>{}{}</td></tr>',
        cells,
    )


@register.simple_tag
def regional_rows(table: Any) -> str:
    """A regional breakdown's rows: each region and its values in the table's recent years."""
    formatter = fast_number()
    series = table.series
    pattern = amount_text("{}", series.unit)
    rows = []
    for area, per_year in table.rows:
        cells = format_html_join(
            "",
            '<td class="num">{}</td>',
            (
                (
                    pattern.format(formatter(per_year[year].value, series.decimals))
                    if year in per_year
                    else "—",
                )
                for year in table.recent_years
            ),
        )
        rows.append((area.get_absolute_url(), area.display_name, cells))
    return format_html_join("\n", '<tr><th scope="row"><a href="{}">{}</a></th>{}</tr>', rows)
