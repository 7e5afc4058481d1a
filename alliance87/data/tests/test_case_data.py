"""Case-level data: identifiers refused on upload, restricted storage, and only protected aggregates published."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.data.case_data import delete_case_dataset, publish_table, upload_case_dataset, withdraw_table
from alliance87.data.identifiers import Kind, find_identifiers, value_kind
from alliance87.data.models import Access, CaseDataset, CaseRecord, PublicationLog, PublishedTable
from conftest import World

from .conftest import csv_bytes


def cases(rows: list[tuple[str, str, int]]) -> bytes:
    lines = ["sex,form of exploitation,year"]
    for sex, form, count in rows:
        lines += [f"{sex},{form},2023"] * count
    return csv_bytes("\n".join(lines))


SAFE = cases([("Female", "Forced labour", 25), ("Female", "Sexual exploitation", 3), ("Male", "Forced labour", 40),
              ("Male", "Sexual exploitation", 31)])  # fmt: skip


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("maria.lopez@example.org", Kind.EMAIL),
        ("+234 803 123 4567", Kind.PHONE),
        ("0803 123 4567", Kind.PHONE),
        ("A12345678", Kind.DOCUMENT),
        ("12/04/2009", Kind.BIRTH_DATE),
        ("Forced labour", None),
        ("15-17", None),
        ("2023", None),
        ("Sub-Saharan Africa", None),
    ],
)
def test_values_are_recognised_by_their_shape(value: str, kind: str | None) -> None:
    assert value_kind(value) == kind


def test_headings_and_name_columns_are_found_and_messages_never_repeat_the_value() -> None:
    findings = find_identifiers(
        ["Nom", "sex", "contact", "helper"],
        [["x", "F", "ana@example.org", "Maria Lopez"], ["y", "M", "", "John Smith"], ["z", "F", "", "Ana Diaz"],
         ["w", "M", "", "Paul Martin"], ["v", "F", "", "Aisha Bello"]],
    )  # fmt: skip
    messages = [finding.message for finding in findings]
    assert "The column “Nom” holds a personal name; remove it before uploading." in messages
    assert "Row 2, column “contact”: the value looks like an e-mail address." in messages
    assert "The values in column “helper” look like a personal name." in messages
    assert not any("ana@example.org" in m or "Maria" in m for m in messages)


def test_an_upload_with_identifiers_is_refused_whole(world: World) -> None:
    content = csv_bytes("sex,phone,form\nF,+44 20 7946 0958,Forced labour\nM,,Forced labour")
    with pytest.raises(ValidationError) as excinfo:
        upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=content)
    messages = excinfo.value.message_dict["file"]
    assert messages[0].startswith("Direct identifiers and formulas are refused: nothing was stored.")
    assert "The column “phone” holds a phone number; remove it before uploading." in messages
    assert CaseDataset.objects.count() == 0 and CaseRecord.objects.count() == 0


def test_uploads_are_for_ones_own_organisation(world: World) -> None:
    with pytest.raises(PermissionDenied):
        upload_case_dataset(by=world.member, organisation=world.other_ngo, title="Cases", content=SAFE)
    with pytest.raises(PermissionDenied):
        upload_case_dataset(by=world.outsider, organisation=world.ngo, title="Cases", content=SAFE)
    dataset = upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=SAFE)
    assert dataset.records.count() == 99
    assert dataset.columns == ["sex", "form of exploitation", "year"]


def test_publishing_withholds_small_cells_and_what_would_give_them_away_and_logs_it(world: World) -> None:
    dataset = upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=SAFE)
    with pytest.raises(PermissionDenied):
        publish_table(
            by=world.member, dataset=dataset, row_variable="sex", column_variable="form of exploitation"
        )
    table = publish_table(
        by=world.focal_point, dataset=dataset, row_variable="sex", column_variable="form of exploitation"
    )
    cells = table.cells
    assert cells["rows"] == ["Female", "Male"]
    assert cells["columns"] == ["Forced labour", "Sexual exploitation"]
    assert cells["cells"][0][1] is None  # 3 is below 10
    # 25 and the female total would give the 3 away: more cells are withheld, and the grand total is published
    assert (
        sum(v is None for row in cells["cells"] for v in row) + sum(v is None for v in cells["row_totals"])
        >= 2
    )
    assert cells["grand_total"] == 99
    published = [v for row in cells["cells"] for v in row] + cells["row_totals"] + cells["column_totals"]
    assert all(v is None or v >= 10 for v in published)
    entry = PublicationLog.objects.get()
    assert (entry.by, entry.table, entry.threshold, entry.action) == (
        world.focal_point,
        table,
        10,
        "published",
    )
    assert "Primary suppression: every count below 10" in entry.rule


def test_the_threshold_is_configurable_but_never_lowered_by_a_publisher(world: World, settings) -> None:
    dataset = upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=SAFE)
    with pytest.raises(ValidationError) as excinfo:
        publish_table(
            by=world.secretariat, dataset=dataset, row_variable="sex", column_variable="year", threshold=5
        )
    assert excinfo.value.message_dict == {"threshold": ["The threshold cannot be below 10."]}
    settings.DATA_DISCLOSURE_THRESHOLD = 30
    table = publish_table(by=world.secretariat, dataset=dataset, row_variable="sex", column_variable="year")
    assert table.threshold == 30
    assert table.cells["cells"][0][0] is None  # 28 women is below 30


def test_bad_choices_name_their_field(world: World) -> None:
    dataset = upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=SAFE)
    with pytest.raises(ValidationError) as excinfo:
        publish_table(by=world.secretariat, dataset=dataset, row_variable="sex", column_variable="sex")
    assert "column_variable" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        publish_table(by=world.secretariat, dataset=dataset, row_variable="name", column_variable="sex")
    assert "row_variable" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        publish_table(
            by=world.secretariat,
            dataset=dataset,
            row_variable="sex",
            column_variable="year",
            access=Access.BODY,
        )
    assert "access_body" in excinfo.value.message_dict


def test_a_data_set_smaller_than_the_threshold_publishes_nothing(world: World) -> None:
    dataset = upload_case_dataset(
        by=world.member, organisation=world.ngo, title="Few", content=cases([("Female", "Forced labour", 6)])
    )
    with pytest.raises(ValidationError) as excinfo:
        publish_table(by=world.secretariat, dataset=dataset, row_variable="sex", column_variable="year")
    assert "fewer than 10 records" in excinfo.value.message_dict["threshold"][0]
    assert not PublishedTable.objects.exists() and not PublicationLog.objects.exists()


def test_withdrawing_keeps_the_log_and_erasing_needs_no_table_left(world: World) -> None:
    dataset = upload_case_dataset(by=world.member, organisation=world.ngo, title="Cases", content=SAFE)
    table = publish_table(by=world.focal_point, dataset=dataset, row_variable="sex", column_variable="year")
    with pytest.raises(ValidationError):
        delete_case_dataset(by=world.focal_point, dataset=dataset)
    with pytest.raises(PermissionDenied):
        withdraw_table(by=world.other_focal_point, table=table)
    withdraw_table(by=world.focal_point, table=table)
    assert [e.action for e in PublicationLog.objects.order_by("pk")] == ["published", "withdrawn"]
    delete_case_dataset(by=world.focal_point, dataset=dataset)
    assert not CaseRecord.objects.exists()
    assert PublicationLog.objects.count() == 2
