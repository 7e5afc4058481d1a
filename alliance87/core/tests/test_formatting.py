"""Numbers, amounts and dates read as a person of each language expects, through the helpers and the filters."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from alliance87.core.formatting import (
    format_day,
    format_day_long,
    format_day_range,
    format_moment,
    format_moment_range,
    format_money,
    format_month,
    format_number,
    format_percent,
    zone_label,
)

NNBSP, NBSP, THIN = "\u202f", "\xa0", "\u2009"
UTC = datetime.UTC


@pytest.mark.parametrize(("language", "expected"), [("en", "17.4"), ("fr", "17,4"), ("es", "17,4")])
def test_a_value_entered_as_17_4_shows_as_17_4_whatever_the_stored_precision(
    language: str, expected: str
) -> None:
    assert format_number(Decimal("17.4000"), language=language) == expected
    assert format_number(17.4, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234,567.5"), ("fr", f"1{NNBSP}234{NNBSP}567,5"), ("es", "1.234.567,5")],
)
def test_large_numbers_are_grouped_the_languages_way(language: str, expected: str) -> None:
    assert format_number(Decimal("1234567.50"), language=language) == expected


def test_computed_values_are_cut_to_two_decimals_and_asked_decimals_are_kept() -> None:
    assert format_number(Decimal("16.46666667"), language="en") == "16.47"
    assert format_number(Decimal("16.46666667"), decimals=1, language="fr") == "16,5"
    assert format_number(12, decimals=2, language="es") == "12,00"
    assert format_number(Decimal("-0.5"), language="en") == "-0.5"


def test_missing_or_broken_numbers_show_a_dash() -> None:
    assert format_number(None) == "—"
    assert format_number("") == "—"
    assert format_number("n/a") == "—"
    assert format_percent(None) == "—"
    assert format_money(None, "USD") == "—"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "17.4%"), ("fr", f"17,4{NBSP}%"), ("es", f"17,4{NBSP}%")]
)
def test_percentages_take_the_languages_sign_and_spacing(language: str, expected: str) -> None:
    assert format_percent(Decimal("17.4000"), language=language) == expected


def test_a_negative_percentage_keeps_its_sign_and_one_decimal() -> None:
    assert format_percent(Decimal("-1.68"), language="en") == "-1.7%"
    assert format_percent(Decimal("-1.68"), decimals=2, language="fr") == f"-1,68{NBSP}%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "US$1,250,000"),
        ("fr", f"1{NNBSP}250{NNBSP}000{NBSP}$US"),
        ("es", f"1.250.000{NBSP}US$"),
    ],
)
def test_round_amounts_of_money_show_no_cents(language: str, expected: str) -> None:
    assert format_money(Decimal("1250000.00"), "USD", language=language) == expected


def test_amounts_with_cents_show_the_currencys_decimals() -> None:
    assert format_money(Decimal("1250.5"), "EUR", language="fr") == f"1{NNBSP}250,50{NBSP}€"
    assert format_money(Decimal("99.5"), "JPY", language="en") == "JP¥100"


@pytest.mark.parametrize(
    ("language", "day", "month", "long"),
    [
        ("en", "20 Sept 2019", "Sept 2019", "Friday 20 September 2019"),
        ("fr", "20 sept. 2019", "sept. 2019", "vendredi 20 septembre 2019"),
        ("es", "20 sept 2019", "sept 2019", "viernes, 20 de septiembre de 2019"),
    ],
)
def test_one_day_style_per_context(language: str, day: str, month: str, long: str) -> None:
    when = datetime.date(2019, 9, 20)
    assert format_day(when, language=language) == day
    assert format_month(when, language=language) == month
    assert format_day_long(when, language=language).replace(",", "") == long.replace(",", "")


@pytest.mark.parametrize(
    ("language", "same_month", "across_months", "across_years"),
    [
        (
            "en",
            f"29{THIN}–{THIN}30 Nov 2018",
            f"29 Nov{THIN}–{THIN}2 Dec 2018",
            f"29 Nov 2018{THIN}–{THIN}2 Jan 2019",
        ),
        (
            "fr",
            "29–30 nov. 2018",
            f"29 nov.{THIN}–{THIN}2 déc. 2018",
            f"29 nov. 2018{THIN}–{THIN}2 janv. 2019",
        ),
        ("es", "29–30 nov 2018", f"29 nov{THIN}–{THIN}2 dic 2018", f"29 nov 2018{THIN}–{THIN}2 ene 2019"),
    ],
)
def test_spans_of_days_collapse_what_their_ends_share(
    language: str, same_month: str, across_months: str, across_years: str
) -> None:
    start = datetime.date(2018, 11, 29)
    assert format_day_range(start, datetime.date(2018, 11, 30), language=language) == same_month
    assert format_day_range(start, datetime.date(2018, 12, 2), language=language) == across_months
    assert format_day_range(start, datetime.date(2019, 1, 2), language=language) == across_years
    assert format_day_range(start, start, language=language) == format_day(start, language=language)
    assert format_day_range(start, None, language=language) == format_day(start, language=language)


def test_a_span_with_no_start_reads_until_its_end() -> None:
    with translation.override("fr"):
        assert format_day_range(None, datetime.date(2018, 11, 30)) == "jusqu’au 30 nov. 2018"


@pytest.mark.parametrize(
    ("language", "expected", "span"),
    [
        ("en", "6 Dec 2026, 10:11", "6 Dec 2026, 10:11–12:00"),
        ("fr", "6 déc. 2026, 10:11", "6 déc. 2026, 10:11–12:00"),
        ("es", "6 dic 2026, 10:11", "6 dic 2026, 10:11–12:00"),
    ],
)
def test_moments_use_the_24_hour_clock_in_the_readers_zone(language: str, expected: str, span: str) -> None:
    start = datetime.datetime(2026, 12, 6, 10, 11, tzinfo=UTC)
    with timezone.override("UTC"):
        assert format_moment(start, language=language) == expected
        assert format_moment_range(start, start.replace(hour=12, minute=0), language=language) == span


def test_a_moment_is_shown_in_the_readers_time_zone() -> None:
    with timezone.override("Europe/Paris"):
        assert format_moment(datetime.datetime(2026, 12, 6, 10, 11, tzinfo=UTC), language="en") == (
            "6 Dec 2026, 11:11"
        )


def test_geneva_reads_as_geneva_time_not_europe_zurich() -> None:
    winter = datetime.datetime(2026, 1, 15, 9, tzinfo=UTC)
    summer = datetime.datetime(2026, 7, 15, 9, tzinfo=UTC)
    assert zone_label("Europe/Zurich", city="Geneva", at=winter, language="en") == "Geneva time (CET)"
    assert zone_label("Europe/Zurich", city="Genève", at=summer, language="fr") == "heure de Genève (CEST)"
    assert zone_label("Europe/Zurich", city="Ginebra", at=winter, language="es") == "hora de Ginebra (CET)"


def test_a_zone_without_a_city_or_abbreviation_is_named_by_cldr_and_its_offset() -> None:
    label = zone_label("America/Sao_Paulo", at=datetime.datetime(2026, 1, 15, tzinfo=UTC), language="en")
    assert label == "Brasilia Time (UTC−3)"
    assert "Europe/" not in zone_label("Europe/Zurich", language="fr")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", f"17.4 · 17.4% · US$1,250 · 29{THIN}–{THIN}30 Nov 2018 · Nov 2018"),
        ("fr", f"17,4 · 17,4{NBSP}% · 1{NNBSP}250{NBSP}$US · 29–30 nov. 2018 · nov. 2018"),
        ("es", f"17,4 · 17,4{NBSP}% · 1.250{NBSP}US$ · 29–30 nov 2018 · nov 2018"),
    ],
)
def test_template_filters_follow_the_active_language(language: str, expected: str) -> None:
    template = Template(
        "{% load formatting %}{{ v|num }} · {{ v|percent }} · {{ amount|money:'USD' }} · "
        "{% day_range start end %} · {{ start|month }}"
    )
    context = Context(
        {
            "v": Decimal("17.4000"),
            "amount": Decimal("1250"),
            "start": datetime.date(2018, 11, 29),
            "end": datetime.date(2018, 11, 30),
        }
    )
    with translation.override(language):
        assert template.render(context) == expected


@pytest.mark.parametrize(
    ("value", "argument", "expected"),
    [
        ("17.4000", '"-4"', "17,4"),
        ("16.46671", '"-4"', "16,4667"),
        ("16.46671", "", "16,47"),
        ("17.4", "2", "17,40"),
        ("1250000.00", "", f"1{NNBSP}250{NNBSP}000"),
    ],
)
def test_the_num_filter_takes_exact_or_at_most_decimals(value: str, argument: str, expected: str) -> None:
    template = Template("{% load formatting %}{{ v|num" + (f":{argument}" if argument else "") + " }}")
    with translation.override("fr"):
        assert template.render(Context({"v": Decimal(value)})) == expected
