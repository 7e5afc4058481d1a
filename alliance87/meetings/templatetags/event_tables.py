"""The rows of a table of events and the weeks of the calendar's month, built in Python: the calendar shows two
tables of 50 events and a month of 42 days, a body's or a country's page one or two tables more.

Through the template language each row cost ~35 variable resolutions, two `reverse()` calls, an `{% include %}` of
the demo badge and a dozen tags; here the addresses are made from one prefix per table, the constant strings are
translated once per table, and every value is escaped by `format_html`. The markup is the row template's.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alliance87.core.content_translation import fallback_language
from alliance87.core.formatting import format_day_range
from alliance87.core.templatetags.core_content import language_badge
from alliance87.meetings.models import EventKind

register = template.Library()

_PLACEHOLDER = "a87-placeholder"


class UrlPattern:
    """An address of `view` with one argument, from one `reverse()`: `pattern(value)` is ``prefix + value +
    suffix``. For slugs and codes (letters, digits, ``-`` and ``_``), which `reverse()` would not quote either."""

    def __init__(self, view: str, argument: str) -> None:
        self.prefix, self.suffix = reverse(view, kwargs={argument: _PLACEHOLDER}).split(_PLACEHOLDER)

    def __call__(self, value: str) -> str:
        return f"{self.prefix}{value}{self.suffix}"


def _title(event: Any) -> tuple[SafeString, SafeString]:
    """The event's title in the reader's language, and the "in English" badge when it falls back."""
    language = fallback_language(event, "title")
    if not language:
        return format_html("{}", event.title), mark_safe("")
    return format_html('<span lang="{}">{}</span>', language, event.title), language_badge(language)


def _where(event: Any, online: str) -> str:
    place = event.city or event.venue
    if not event.online_url:
        return place
    return f"{place} · {online}" if place else online


@register.simple_tag
def event_rows(events: Iterable[Any], hide_owner: bool = False) -> SafeString:
    """The `<tr>` rows of `events` (owners fetched with them) for `meetings/includes/event_table.html`."""
    event_url = UrlPattern("meetings:detail", "slug")
    body_url = UrlPattern("bodies:detail", "slug")
    country_url = UrlPattern("countries:detail", "code")
    cancelled = format_html(' <span class="badge badge-cancelled">{}</span>', _("Cancelled"))
    illustrative = format_html(' <span class="badge badge-illustrative">{}</span>', _("Illustrative"))
    demo = format_html(
        ' <span class="badge badge-demo" title="{}">{}</span>',
        _("Loaded by the demo; not real partnership data unless a published source says so."),
        _("Demo data"),
    )
    online = _("Online")
    # `get_kind_display()` hashes every choice's lazy label on each call: the labels once per table instead.
    kinds = {value: str(label) for value, label in EventKind.choices}
    rows = []
    for event in events:
        zone = event.zone
        title, badge = _title(event)
        owner: SafeString | str = ""
        if hide_owner:
            pass
        elif event.owner_body_id is not None:
            body = event.owner_body
            owner = format_html(
                '<td><a href="{}">{}</a></td>', body_url(body.slug), body.short_name or body.name
            )
        elif event.owner_country_id is not None:
            country = event.owner_country
            owner = format_html(
                '<td><a href="{}">{}</a></td>', country_url(country.code.lower()), str(country)
            )
        else:
            owner = mark_safe("<td></td>")
        rows.append(
            (
                event.starts_at.astimezone(datetime.UTC).isoformat(),
                format_day_range(event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)),
                event_url(event.slug),
                title,
                badge,
                cancelled if event.is_cancelled else "",
                illustrative if event.is_illustrative else "",
                demo if event.is_demo else "",
                kinds.get(event.kind, event.kind),
                owner,
                _where(event, online),
            )
        )
    return format_html_join(
        "\n",
        '<tr><td class="term-dates"><time datetime="{}">{}</time></td>'
        '<th scope="row"><a href="{}">{}</a> {}{}{}{}</th><td>{}</td>{}<td>{}</td></tr>',
        rows,
    )


@register.simple_tag
def month_rows(weeks: list[list[Any]], today: datetime.date) -> SafeString:
    """The `<tr>` weeks of the calendar's month (`selectors.month_weeks`): each day with its events' links."""
    event_url = UrlPattern("meetings:detail", "slug")
    cancelled = format_html(' <span class="badge badge-cancelled">{}</span>', _("Cancelled"))
    rows = []
    for week in weeks:
        cells = []
        for day in week:
            classes = ("" if day.in_month else "other-month") + (" today" if day.date == today else "")
            events = format_html_join(
                "",
                '<li><a href="{}">{}</a>{}</li>',
                (
                    (event_url(event.slug), event.title, cancelled if event.is_cancelled else "")
                    for event in day.events
                ),
            )
            cells.append(
                format_html(
                    '<td class="{}"{}><span class="day-number"><time datetime="{}"><span class="visually-hidden">{}'
                    '</span><span aria-hidden="true">{}</span></time></span>{}</td>',
                    classes,
                    mark_safe(' aria-current="date"') if day.date == today else "",
                    day.date.isoformat(),
                    format_date(day.date, "l j F"),
                    day.date.day,
                    format_html('<ul class="list-plain">{}</ul>', events) if day.events else "",
                )
            )
        rows.append(format_html("<tr>{}</tr>", mark_safe("".join(cells))))
    return mark_safe("\n".join(rows))  # every cell escaped above
