"""Numbers, amounts and dates as a reader of each language expects them, from the Unicode CLDR (through Babel).

One style per context, the same on every page and in every e-mail:

| context                 | English            | French               | Spanish             |
|-------------------------|--------------------|----------------------|---------------------|
| a number                | 1,234.5            | 1 234,5              | 1234,5              |
| a percentage            | 17.4%              | 17,4 %               | 17,4 %              |
| an amount of money      | US$1,250,000       | 1 250 000 $US        | 1.250.000 US$       |
| a day                   | 29 Nov 2018        | 29 nov. 2018         | 29 nov 2018         |
| a span of days          | 29 – 30 Nov 2018   | 29–30 nov. 2018      | 29–30 nov 2018      |
| a month                 | Nov 2018           | nov. 2018            | nov 2018            |
| a moment                | 6 Dec 2026, 10:11  | 6 déc. 2026, 10:11   | 6 dic 2026, 10:11   |

English is written the way the United Nations write it (day before month, 24-hour clock): CLDR's ``en_GB``.
Numbers are never longer than they need to be: a value entered as 17.4 and stored as ``Decimal("17.4000")`` shows
as 17.4. None of these is for SVG, CSS, JavaScript or data attributes, which take plain numbers
(``{% localize off %}``).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import timezone, translation
from django.utils.translation import gettext

#: What stands for a missing number or date.
MISSING = "—"

#: The CLDR locale for each of the platform's languages.
LOCALES = {"en": "en_GB", "fr": "fr", "es": "es"}


def locale_for(language: str | None = None) -> Locale:
    """The CLDR locale of a language code ("fr", "es-mx"), or of the active language; English when unknown."""
    code = (language or translation.get_language() or "en").lower().split("-")[0]
    return _locale(LOCALES.get(code, "en_GB"))


@functools.cache
def _locale(identifier: str) -> Locale:
    """One Locale per identifier for the process: parsing one for each number was a fifth of a plan's page."""
    return Locale.parse(identifier)


@functools.lru_cache(maxsize=256)
def _pattern(pattern_text: str, places: int) -> babel_numbers.NumberPattern:
    """A parsed pattern with `places` decimals, parsed once (`NumberPattern.apply` does not change it)."""
    pattern = babel_numbers.parse_pattern(pattern_text)
    pattern.frac_prec = (places, places)
    return pattern


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _places(number: Decimal, *, decimals: int | None, max_decimals: int) -> int:
    """How many decimals to show: as asked, or as many as the value has (17.4000 has one), at most max_decimals."""
    if decimals is not None:
        return max(0, decimals)
    exponent = number.normalize().as_tuple().exponent
    written = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(written, max_decimals)


def _apply(
    pattern_text: str, number: Decimal, places: int, locale: Locale, *, per: int = 1, **options: Any
) -> str:
    """`number` rounded half up to `places` decimals, written with the pattern.

    The rounding happens on the value the reader sees: a percent pattern multiplies by 100, so the percent value
    is rounded first and then divided by `per` (100) for the pattern to multiply back.
    """
    pattern = _pattern(pattern_text, places)
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return pattern.apply(rounded / per, locale, decimal_quantization=False, **options)


def format_number(
    value: Any, *, decimals: int | None = None, max_decimals: int = 2, language: str | None = None
) -> str:
    """A number with the language's separators: exactly `decimals` places, or as few as the value needs."""
    number = _decimal(value)
    if number is None:
        return MISSING
    locale = locale_for(language)
    places = _places(number, decimals=decimals, max_decimals=max_decimals)
    return _apply(locale.decimal_formats[None].pattern, number, places, locale)


def format_percent(
    value: Any, *, decimals: int | None = None, max_decimals: int = 1, language: str | None = None
) -> str:
    """A value in percent (17.4 means 17.4 %) with the language's sign and spacing: "17.4%", "17,4 %"."""
    number = _decimal(value)
    if number is None:
        return MISSING
    locale = locale_for(language)
    places = _places(number, decimals=decimals, max_decimals=max_decimals)
    return _apply(locale.percent_formats[None].pattern, number, places, locale, per=100)


def format_money(amount: Any, currency: str, *, language: str | None = None) -> str:
    """An amount with its currency, the language's way ("US$1,250,000", "1 250 000 $US"); cents only if any."""
    number = _decimal(amount)
    if number is None:
        return MISSING
    locale = locale_for(language)
    code = (currency or "").upper()
    if not code:
        return format_number(number, language=language)
    digits = babel_numbers.get_currency_precision(code)
    places = 0 if number == number.to_integral_value() else digits
    return _apply(
        locale.currency_formats["standard"].pattern,
        number,
        places,
        locale,
        currency=code,
        currency_digits=False,
    )


def _local(value: datetime.datetime) -> datetime.datetime:
    """An aware moment in the reader's time zone, unless it was already put in an event's zone in the template."""
    return timezone.template_localtime(value)  # type: ignore[attr-defined]  # missing from django-stubs


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return _local(value).date() if isinstance(value, datetime.datetime) else value


def format_day(value: datetime.date | datetime.datetime | None, *, language: str | None = None) -> str:
    """A day: "29 Nov 2018", "29 nov. 2018"."""
    if not value:
        return MISSING
    return babel_dates.format_date(_as_date(value), "medium", locale=locale_for(language))


def format_day_long(value: datetime.date | datetime.datetime | None, *, language: str | None = None) -> str:
    """A day written in full, with its weekday: "Thursday 29 November 2018", "jeudi 29 novembre 2018"."""
    if not value:
        return MISSING
    return babel_dates.format_date(_as_date(value), "full", locale=locale_for(language))


def format_month(value: datetime.date | datetime.datetime | None, *, language: str | None = None) -> str:
    """A month of a year: "Nov 2018", "nov. 2018"."""
    if not value:
        return MISSING
    return babel_dates.format_skeleton("yMMM", _as_date(value), locale=locale_for(language))


def format_time(value: datetime.datetime | datetime.time | None, *, language: str | None = None) -> str:
    """A time of day on the 24-hour clock: "10:11"."""
    if value is None:
        return MISSING
    moment = _local(value) if isinstance(value, datetime.datetime) else value
    return babel_dates.format_time(moment, "short", locale=locale_for(language))


def format_moment(value: datetime.datetime | None, *, language: str | None = None) -> str:
    """A day and a time: "6 Dec 2026, 10:11", "6 déc. 2026, 10:11"."""
    if value is None:
        return MISSING
    moment = _local(value)
    locale = locale_for(language)
    pattern = locale.datetime_formats["medium"]
    return pattern.format(
        babel_dates.format_time(moment, "short", locale=locale),
        babel_dates.format_date(moment.date(), "medium", locale=locale),
    )


def format_day_range(
    start: datetime.date | datetime.datetime | None,
    end: datetime.date | datetime.datetime | None,
    *,
    language: str | None = None,
) -> str:
    """A span of days, written once where the ends share a month or year: "29–30 Nov 2018", "29 Nov – 2 Dec 2018".

    A missing end gives the start alone; a missing start gives "until" the end.
    """
    if not start and not end:
        return MISSING
    if not end:
        return format_day(start, language=language)
    if not start:
        return gettext("until %(day)s") % {"day": format_day(end, language=language)}
    first, last = _as_date(start), _as_date(end)
    if first == last:
        return format_day(first, language=language)
    return babel_dates.format_interval(first, last, "yMMMd", locale=locale_for(language))


def format_moment_range(
    start: datetime.datetime, end: datetime.datetime | None, *, language: str | None = None
) -> str:
    """From a moment to another: "6 Dec 2026, 10:11–12:00" on one day, both moments in full across days."""
    if end is None:
        return format_moment(start, language=language)
    first, last = _local(start), _local(end)
    if first.date() == last.date():
        return f"{format_moment(first, language=language)}–{format_time(last, language=language)}"
    return f"{format_moment(first, language=language)} – {format_moment(last, language=language)}"


def zone_abbreviation(zone: str, at: datetime.datetime | None = None) -> str:
    """The short name of a zone at a moment ("CET", "CEST", "EAT"), or its offset from UTC ("UTC+3")."""
    moment = (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone or "UTC"))
    name = moment.tzname() or ""
    if name.isalpha():
        return name
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"


def zone_label(
    zone: str, *, city: str = "", at: datetime.datetime | None = None, language: str | None = None
) -> str:
    """A time zone a person recognises: "Geneva time (CET)", "heure de Genève (CET)"; never "Europe/Zurich".

    With no city, CLDR's name of the zone stands in ("Central European Time (CET)").
    """
    abbreviation = zone_abbreviation(zone, at)
    with translation.override(language) if language else contextlib.nullcontext():
        if city:
            return gettext("%(city)s time (%(zone)s)") % {"city": city, "zone": abbreviation}
    name = babel_dates.get_timezone_name(
        at.astimezone(zoneinfo.ZoneInfo(zone)) if at else babel_dates.get_timezone(zone or "UTC"),
        "long",
        locale=locale_for(language),
        zone_variant="generic",
    )
    return f"{name} ({abbreviation})"
