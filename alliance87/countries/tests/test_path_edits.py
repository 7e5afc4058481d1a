"""Correcting and deleting a recorded step: the Secretariat only, the same order and date rules, a reason kept,
and the country's status always read from its path."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from alliance87.countries.models import PathfinderStatus, PathStep, PathStepKind, status_from_path
from alliance87.countries.services import (
    PathStepInput,
    delete_path_step,
    edit_path_step,
    record_path_step,
)

pytestmark = pytest.mark.django_db

D = datetime.date
K = PathStepKind


def record(world, kind, date, earlier_steps_reason=""):
    return record_path_step(
        by=world.secretariat,
        pathfinder=world.fiji,
        values=PathStepInput(kind=kind, date=date),
        earlier_steps_reason=earlier_steps_reason,
    )


@pytest.fixture
def path(world):
    return [
        record(world, K.EXPRESSION_OF_INTEREST, D(2018, 3, 1)),
        record(world, K.GCG_ACCEPTANCE, D(2018, 7, 1)),
        record(world, K.COORDINATION, D(2019, 1, 15)),
    ]


def status(world):
    world.fiji.refresh_from_db()
    return world.fiji.status


@pytest.mark.parametrize(
    ("reached", "expected"),
    [
        (None, PathfinderStatus.EXPRESSED_INTEREST),
        (1, PathfinderStatus.EXPRESSED_INTEREST),
        (2, PathfinderStatus.PREPARING),
        (3, PathfinderStatus.PREPARING),
        (4, PathfinderStatus.PATHFINDER),
        (8, PathfinderStatus.PATHFINDER),
    ],
)
def test_the_status_rule(reached, expected):
    assert status_from_path(reached) == expected


def test_recording_steps_moves_the_status_and_the_pathfinder_date(world, path):
    assert status(world) == PathfinderStatus.PREPARING
    record(world, K.CONSULTATION, D(2019, 5, 2))

    assert status(world) == PathfinderStatus.PATHFINDER
    assert world.fiji.pathfinder_since == D(2019, 5, 2)


def test_the_secretariat_corrects_a_date_and_the_reason_is_kept(world, path):
    step = edit_path_step(
        by=world.secretariat,
        step=path[1],
        values=PathStepInput(date=D(2018, 8, 20), responsible="Global Coordinating Group"),
        reason="The minutes give 20 August.",
    )

    step.refresh_from_db()
    assert (step.date, step.responsible) == (D(2018, 8, 20), "Global Coordinating Group")
    latest = step.edit_history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == "The minutes give 20 August."
    assert latest.history_user == world.secretariat


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (D(2018, 2, 1), "must not be before the step “Expression of interest”"),
        (D(2019, 2, 1), "must not be after the step “National focal institution and coordination”"),
        (None, "in the future"),  # tomorrow, computed when the test runs (a run may cross midnight)
    ],
    ids=["before-an-earlier-step", "after-a-later-step", "future"],
)
def test_a_correction_out_of_order_is_refused_and_nothing_changes(world, path, date, message):
    date = date or timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        edit_path_step(by=world.secretariat, step=path[1], values=PathStepInput(date=date), reason="Typo")

    assert message in error.value.message_dict["date"][0]
    path[1].refresh_from_db()
    assert path[1].date == D(2018, 7, 1)


def test_a_correction_needs_a_reason(world, path):
    with pytest.raises(ValidationError) as error:
        edit_path_step(by=world.secretariat, step=path[1], values=PathStepInput(notes="x"), reason="  ")

    assert "reason" in error.value.message_dict


def test_a_step_moved_along_the_path_may_not_leave_a_hole(world, path):
    with pytest.raises(ValidationError) as error:
        edit_path_step(
            by=world.secretariat,
            step=path[1],
            values=PathStepInput(kind=K.CONSULTATION, date=D(2019, 5, 2)),
            reason="Wrong step",
        )

    assert "Accepted by the Global Coordinating Group" in error.value.message_dict["kind"][0]


def test_passing_by_the_workshop_brings_the_status_back(world, path):
    record(world, K.CONSULTATION, D(2019, 5, 2))
    edit_path_step(
        by=world.secretariat,
        step=PathStep.objects.get(pathfinder=world.fiji, kind=K.CONSULTATION),
        values=PathStepInput(
            skip_reason="The workshop was postponed; the roadmap came from the GCG meeting."
        ),
        reason="The workshop did not take place",
    )

    assert status(world) == PathfinderStatus.PREPARING
    assert world.fiji.pathfinder_since is None


def test_marking_a_step_as_passed_by_changes_the_status(world, path):
    edit_path_step(
        by=world.secretariat,
        step=path[2],
        values=PathStepInput(skip_reason="Coordination was left to the workshop."),
        reason="Not taken",
    )

    assert (
        status(world) == PathfinderStatus.PREPARING
    )  # the GCG's acceptance is still the furthest step taken


def test_the_secretariat_deletes_the_last_step_with_a_reason(world, path):
    delete_path_step(by=world.secretariat, step=path[2], reason="Recorded for the wrong country")

    assert list(world.fiji.path_steps.values_list("kind", flat=True)) == [
        K.EXPRESSION_OF_INTEREST,
        K.GCG_ACCEPTANCE,
    ]
    deleted = PathStep.edit_history.filter(history_type="-").get()
    assert deleted.history_change_reason == "Recorded for the wrong country"
    assert deleted.history_user == world.secretariat


def test_deleting_a_step_that_later_steps_follow_is_refused(world, path):
    with pytest.raises(ValidationError) as error:
        delete_path_step(by=world.secretariat, step=path[1], reason="Wrong")

    assert "Later steps" in error.value.message_dict["reason"][0]
    assert world.fiji.path_steps.count() == 3


def test_deleting_the_only_step_brings_the_status_back(world, path):
    for step in reversed(path):
        delete_path_step(by=world.secretariat, step=step, reason="Start again")

    assert status(world) == PathfinderStatus.EXPRESSED_INTEREST


def test_one_of_several_progress_reports_may_be_deleted(world, path):
    record(world, K.PROGRESS_REPORT, D(2021, 2, 1), earlier_steps_reason="Illustrative shortcut")
    second = record(world, K.PROGRESS_REPORT, D(2022, 2, 1))
    delete_path_step(by=world.secretariat, step=second, reason="Duplicate")

    assert world.fiji.path_steps.filter(kind=K.PROGRESS_REPORT).count() == 1


@pytest.mark.parametrize("role", ["chair", "focal_point", "member", "outsider"])
def test_only_the_secretariat_corrects_or_deletes_steps(world, path, role):
    person = getattr(world, role)
    with pytest.raises(PermissionDenied):
        edit_path_step(by=person, step=path[2], values=PathStepInput(notes="x"), reason="x")
    with pytest.raises(PermissionDenied):
        delete_path_step(by=person, step=path[2], reason="x")

    assert world.fiji.path_steps.count() == 3
