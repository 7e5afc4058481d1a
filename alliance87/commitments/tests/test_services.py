"""Recording commitments, deliverables and yearly reports: who may, and the rules every door shares."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance87.commitments import services
from alliance87.commitments.models import Commitment, DeliverableReport
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item

from .factories import make_commitment, make_deliverable, make_report

pytestmark = pytest.mark.django_db


def fields_of(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)  # type: ignore[attr-defined]


@pytest.fixture
def commitment(world):
    return make_commitment(world.ngo, by=world.focal_point)


@pytest.fixture
def deliverable(world, commitment):
    return make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)


def test_a_focal_point_records_a_commitment_for_their_partner(world):
    commitment = make_commitment(world.ngo, by=world.focal_point)
    assert commitment.organisation == world.ngo
    assert commitment.created_by == world.focal_point


def test_the_secretariat_records_a_commitment_for_any_partner(world):
    assert make_commitment(world.other_ngo, by=world.secretariat).organisation == world.other_ngo


@pytest.mark.parametrize("who", ["member", "other_focal_point", "outsider", "chair"])
def test_others_may_not_record_a_partners_commitment(world, who):
    with pytest.raises(PermissionDenied):
        make_commitment(world.ngo, by=getattr(world, who))
    assert Commitment.objects.count() == 0


def test_a_commitment_needs_a_title_and_a_date_not_in_the_future(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        make_commitment(world.ngo, by=world.focal_point, title="  ", made_on=tomorrow)
    assert fields_of(error) == {"title", "made_on"}


def test_a_commitment_cites_its_source_with_the_shared_provenance(world):
    commitment = make_commitment(
        world.ngo,
        by=world.focal_point,
        source="Annual report 2020 (the NGO)",
        source_url="https://ngo.example.org/report-2020",
    )
    assert (commitment.provenance.source, commitment.provenance.url) == (
        "Annual report 2020 (the NGO)",
        "https://ngo.example.org/report-2020",
    )
    with pytest.raises(ValidationError) as error:
        make_commitment(world.ngo, by=world.focal_point, title="Another", source_url="the annual report")
    assert fields_of(error) == {"source_url"}


def test_a_focal_point_may_not_move_a_commitment_to_another_partner(world, commitment):
    with pytest.raises(ValidationError) as error:
        services.update_commitment(
            commitment=commitment,
            by=world.focal_point,
            values=services.CommitmentInput(organisation=world.other_ngo),
        )
    assert fields_of(error) == {"organisation"}


def test_another_partners_focal_point_may_not_edit(world, commitment):
    with pytest.raises(PermissionDenied):
        services.update_commitment(
            commitment=commitment, by=world.other_focal_point, values=services.CommitmentInput(title="Mine")
        )


def test_a_deliverable_concerns_an_action_group_or_a_country(world, commitment):
    with pytest.raises(ValidationError) as error:
        make_deliverable(commitment, by=world.focal_point)
    assert fields_of(error) == {"body"}
    assert make_deliverable(commitment, by=world.focal_point, country=world.fiji).country == world.fiji


def test_a_deliverable_concerns_an_action_group_not_another_body(world, commitment):
    with pytest.raises(ValidationError) as error:
        make_deliverable(commitment, by=world.focal_point, body=world.gcg)
    assert fields_of(error) == {"body"}


def test_resources_are_an_amount_with_its_currency_or_in_kind(world, commitment):
    with pytest.raises(ValidationError) as error:
        make_deliverable(
            commitment, by=world.focal_point, body=world.migration, pledged_amount=None, pledged_currency=""
        )
    assert fields_of(error) == {"in_kind"}
    with pytest.raises(ValidationError) as error:
        make_deliverable(commitment, by=world.focal_point, body=world.migration, pledged_currency="")
    assert fields_of(error) == {"pledged_currency"}
    with pytest.raises(ValidationError) as error:
        make_deliverable(commitment, by=world.focal_point, body=world.migration, pledged_currency="XYZ")
    assert fields_of(error) == {"pledged_currency"}
    with pytest.raises(ValidationError) as error:
        make_deliverable(commitment, by=world.focal_point, body=world.migration, pledged_amount=Decimal(-1))
    assert fields_of(error) == {"pledged_amount"}
    in_kind = make_deliverable(
        commitment,
        by=world.focal_point,
        body=world.migration,
        pledged_amount=None,
        pledged_currency="",
        in_kind="Two staff for a year",
    )
    assert in_kind.in_kind == "Two staff for a year"
    assert (
        make_deliverable(
            commitment, by=world.focal_point, body=world.migration, pledged_currency="eur"
        ).pledged_currency
        == "EUR"
    )


def test_a_deliverable_is_not_due_before_the_commitment_was_made(world, commitment):
    with pytest.raises(ValidationError) as error:
        make_deliverable(
            commitment, by=world.focal_point, body=world.migration, due_date=datetime.date(2021, 1, 1)
        )
    assert fields_of(error) == {"due_date"}


def test_one_report_per_deliverable_and_year(world, deliverable):
    make_report(deliverable, 2022, by=world.focal_point)
    with pytest.raises(ValidationError) as error:
        make_report(deliverable, 2022, by=world.secretariat)
    assert fields_of(error) == {"year"}
    assert DeliverableReport.objects.count() == 1


def test_a_report_is_for_a_year_from_the_commitments_to_this_one(world, deliverable):
    for year in (2021, timezone.localdate().year + 1):
        with pytest.raises(ValidationError) as error:
            make_report(deliverable, year, by=world.focal_point)
        assert fields_of(error) == {"year"}


def test_a_report_needs_a_narrative_and_a_known_status(world, deliverable):
    with pytest.raises(ValidationError) as error:
        make_report(deliverable, 2022, by=world.focal_point, status="finished", narrative=" ")
    assert fields_of(error) == {"status", "narrative"}


def test_no_report_after_the_deliverable_was_reported_delivered(world, deliverable):
    make_report(deliverable, 2022, by=world.focal_point, status="delivered")
    with pytest.raises(ValidationError) as error:
        make_report(deliverable, 2023, by=world.focal_point)
    assert "correct that report instead" in error.value.message_dict["year"][0]


def test_evidence_is_a_library_item_the_reporter_may_see(world, deliverable):
    public = make_item()
    restricted = make_item(access=Access.BODY, access_body=world.migration)
    with pytest.raises(ValidationError) as error:
        make_report(deliverable, 2022, by=world.focal_point, evidence=[public, restricted])
    assert fields_of(error) == {"evidence"}
    report = make_report(deliverable, 2022, by=world.focal_point, evidence=[public])
    assert list(report.evidence.all()) == [public]


def test_evidence_the_corrector_may_not_see_stays_cited(world, deliverable):
    restricted = make_item(access=Access.BODY, access_body=world.migration)
    report = make_report(deliverable, 2022, by=world.secretariat, evidence=[restricted])
    services.correct_report(
        report=report,
        by=world.focal_point,
        values=services.ReportInput(narrative="Better words.", evidence=[]),
    )
    assert list(report.evidence.all()) == [restricted]


def test_a_report_is_corrected_in_place_and_its_history_kept(world, deliverable):
    report = make_report(deliverable, 2022, by=world.focal_point)
    corrected = services.correct_report(
        report=report,
        by=world.secretariat,
        values=services.ReportInput(status="delivered", narrative="Done."),
    )
    assert corrected.pk == report.pk
    assert corrected.status == "delivered"
    assert corrected.corrected_on == timezone.localdate()
    assert report.edit_history.count() == 2


def test_another_partner_may_not_report_or_correct(world, deliverable):
    with pytest.raises(PermissionDenied):
        make_report(deliverable, 2022, by=world.other_focal_point)
    report = make_report(deliverable, 2022, by=world.focal_point)
    with pytest.raises(PermissionDenied):
        services.correct_report(report=report, by=world.member, values=services.ReportInput(narrative="x"))
