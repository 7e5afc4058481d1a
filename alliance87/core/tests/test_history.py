"""Who changed what and when: the historical records kept by django-simple-history, read as changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from alliance87.core.history import (
    MANAGER,
    Source,
    history_page,
    record_baseline,
    tracked_models,
    word_diff,
)
from alliance87.partners.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


def records(organisation: Organisation):
    return getattr(organisation, MANAGER).order_by("history_date", "history_id")


def test_every_model_people_edit_keeps_its_history():
    labels = {model._meta.label for model in tracked_models()}
    assert {
        "partners.Organisation",
        "bodies.Body",
        "bodies.RoleTerm",
        "plans.Plan",
        "plans.Indicator",
        "plans.ReportingPeriod",
        "plans.IndicatorValue",
        "plans.BudgetLine",
        "library.Item",
        "meetings.Event",
        "news.Post",
    } <= labels


def test_saving_without_a_change_adds_no_record_and_a_change_adds_one():
    organisation = Organisation.objects.create(
        name="Walk Free", slug="walk-free", type=OrganisationType.CIVIL_SOCIETY
    )
    organisation.save()
    assert [r.history_type for r in records(organisation)] == ["+"]
    organisation.acronym = "WF"
    organisation.save()
    assert [r.history_type for r in records(organisation)] == ["+", "~"]


def test_a_page_of_history_shows_each_changed_field_before_and_after_newest_first():
    organisation = Organisation.objects.create(
        name="Walk Free", slug="walk-free", type=OrganisationType.CIVIL_SOCIETY
    )
    organisation.type = OrganisationType.ACADEMIC
    organisation.save()
    page = history_page([Source(Organisation, Q(id=organisation.pk))])
    changed, created = page.object_list
    assert (changed.action, created.action) == ("changed", "created")
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Type", "Civil society / NGO", "Academic / research")
    ]
    assert changed.who.startswith("The platform")


def test_a_deleted_record_stays_in_the_history():
    organisation = Organisation.objects.create(name="Gone", slug="gone", type=OrganisationType.ACADEMIC)
    pk = organisation.pk
    organisation.delete()
    page = history_page([Source(Organisation, Q(id=pk))])
    assert [entry.action for entry in page.object_list] == ["deleted", "created"]
    assert page.object_list[0].label == "Gone"


def test_a_long_text_is_compared_word_by_word():
    old = "Forced labour in supply chains is addressed by due diligence."
    new = "Forced labour in global supply chains is addressed by mandatory due diligence."
    runs = word_diff(old, new)
    assert ("ins", "global ") in [(op, text) for op, text in runs] or any(
        op == "ins" and "global" in text for op, text in runs
    )
    assert "".join(text for op, text in runs if op != "del") == new
    assert "".join(text for op, text in runs if op != "ins") == old


def test_rows_without_a_record_get_one_baseline_record_once():
    organisation = Organisation.objects.create(name="Old", slug="old", type=OrganisationType.ACADEMIC)
    records(organisation).delete()
    assert record_baseline([Organisation])["partners.Organisation"] == 1
    assert record_baseline([Organisation])["partners.Organisation"] == 0
    assert [r.history_type for r in records(organisation)] == ["+"]


def test_history_pages_read_each_source_only_to_the_bound_and_merge_in_order(monkeypatch):
    monkeypatch.setattr("alliance87.core.paginator.COUNTED_ROWS", 4)
    first = Organisation.objects.create(name="First 0", slug="first", type=OrganisationType.ACADEMIC)
    second = Organisation.objects.create(name="Second 0", slug="second", type=OrganisationType.ACADEMIC)
    for n in range(1, 16):  # 10 changes of the first, 5 of the second, interleaved
        organisation = second if n % 3 == 0 else first
        organisation.name = f"{organisation.name.split()[0]} {n}"
        organisation.save()
    both = [Source(Organisation, Q(id=first.pk)), Source(Organisation, Q(id=second.pk))]
    every = sorted(
        (
            (r.history_date, r.history_id, 0 if r.id == first.pk else 1)
            for r in getattr(Organisation, MANAGER).model.objects.all()
        ),
        reverse=True,
    )
    assert len(every) == 17

    with CaptureQueriesContext(connection) as queries:
        page = history_page(both, page=1, per_page=2)
    assert page.paginator.is_bounded and page.paginator.counted_pages == 2
    assert sum("LIMIT 5" in q["sql"] for q in queries.captured_queries) == 2
    shown = []
    for number in range(1, 10):
        page = history_page(both, page=number, per_page=2)
        shown += [entry.when for entry in page.object_list]
    assert shown == [date for date, _pk, _source in every]
    assert not page.has_next() and page.paginator.num_pages == 9
