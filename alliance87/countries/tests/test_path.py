"""The Pathfinder path: steps in order, dated in order, none passed by without a reason on record."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.countries import selectors
from alliance87.countries.models import PathStep, PathStepKind
from alliance87.countries.services import PathStepInput, record_path_step

pytestmark = pytest.mark.django_db

D = datetime.date


def record(world, kind, date, earlier_steps_reason="", **extra):
    return record_path_step(
        by=world.secretariat,
        pathfinder=world.fiji,
        values=PathStepInput(kind=kind, date=date, **extra),
        earlier_steps_reason=earlier_steps_reason,
    )


def test_the_secretariat_records_the_first_steps_in_order(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1), signatory="Minister of Employment")
    record(world, PathStepKind.GCG_ACCEPTANCE, D(2018, 7, 1), responsible="Global Coordinating Group")

    steps = list(selectors.path_steps(world.fiji))
    assert [s.kind for s in steps] == ["expression_of_interest", "gcg_acceptance"]
    assert steps[0].signatory == "Minister of Employment"
    assert steps[0].recorded_by == world.secretariat


def test_a_step_cannot_jump_ahead_without_a_reason(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1))

    with pytest.raises(ValidationError) as error:
        record(world, PathStepKind.CONSULTATION, D(2019, 5, 1))

    assert "earlier_steps_reason" in error.value.message_dict
    assert "Accepted by the Global Coordinating Group" in error.value.message_dict["earlier_steps_reason"][0]
    assert world.fiji.path_steps.count() == 1


def test_steps_passed_by_are_recorded_with_their_reason(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1))
    record(
        world,
        PathStepKind.CONSULTATION,
        D(2019, 5, 1),
        earlier_steps_reason="Acceptance and coordination were agreed at the workshop itself.",
    )

    passed = PathStep.objects.filter(pathfinder=world.fiji, kind__in=["gcg_acceptance", "coordination"])
    assert passed.count() == 2
    assert all(s.skip_reason.startswith("Acceptance and coordination") for s in passed)
    entries = {e.kind: e.state for e in selectors.timeline(list(selectors.path_steps(world.fiji)))}
    assert entries["gcg_acceptance"] == "passed"
    assert entries["consultation"] == "taken"
    assert entries["roadmap"] == "next"
    assert entries["review"] == "ahead"


def test_a_date_before_an_earlier_step_is_refused_naming_the_field(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1))

    with pytest.raises(ValidationError) as error:
        record(world, PathStepKind.GCG_ACCEPTANCE, D(2018, 2, 1))

    assert "Expression of interest" in error.value.message_dict["date"][0]


def test_a_date_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        record(world, PathStepKind.EXPRESSION_OF_INTEREST, D.today() + datetime.timedelta(days=2))

    assert "date" in error.value.message_dict


def test_a_step_is_recorded_once_but_progress_reports_once_a_year(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2017, 3, 1))
    with pytest.raises(ValidationError) as error:
        record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2017, 4, 1))
    assert "kind" in error.value.message_dict

    record(world, PathStepKind.ACTION_PLAN, D(2019, 1, 10), earlier_steps_reason="Illustrative shortcut.")
    record(world, PathStepKind.PROGRESS_REPORT, D(2020, 2, 1))
    record(world, PathStepKind.PROGRESS_REPORT, D(2021, 2, 1))
    with pytest.raises(ValidationError) as error:
        record(world, PathStepKind.PROGRESS_REPORT, D(2021, 9, 1))
    assert "2021" in error.value.message_dict["date"][0]


def test_an_unknown_step_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as error:
        record(world, "independence", D(2018, 3, 1))

    assert "kind" in error.value.message_dict


@pytest.mark.parametrize("role", ["chair", "focal_point", "outsider"])
def test_only_the_secretariat_records_steps(world, role):
    with pytest.raises(PermissionDenied):
        record_path_step(
            by=getattr(world, role),
            pathfinder=world.fiji,
            values=PathStepInput(kind=PathStepKind.EXPRESSION_OF_INTEREST, date=D(2018, 3, 1)),
        )

    assert not world.fiji.path_steps.exists()


def test_counts_and_the_step_filter_come_from_the_records_as_of_a_date(world):
    record(world, PathStepKind.EXPRESSION_OF_INTEREST, D(2018, 3, 1))
    record(world, PathStepKind.GCG_ACCEPTANCE, D(2018, 7, 1))

    def count(as_of, kind):
        return next(c.count for c in selectors.step_counts(as_of) if c.kind == kind)

    assert count(D(2018, 1, 1), "") == 1
    assert count(D(2018, 5, 1), "expression_of_interest") == 1
    assert count(D(2018, 8, 1), "gcg_acceptance") == 1
    assert count(D(2018, 8, 1), "expression_of_interest") == 0
    assert list(selectors.pathfinder_countries(step="gcg_acceptance")) == [world.fiji]
    assert not selectors.pathfinder_countries(step="expression_of_interest").exists()
