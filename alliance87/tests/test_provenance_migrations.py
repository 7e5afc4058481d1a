"""Commitments, decisions and a body's chair rotation rule moved to the shared provenance (core.models.Provenance):
the values they held survive the migrations, forwards and back."""

from __future__ import annotations

import datetime

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from alliance87.bodies.models import Body
from alliance87.commitments.models import Commitment
from alliance87.meetings.decision_models import Decision

#: The last migration of each app before its records took the shared provenance.
BEFORE = [
    ("bodies", "0007_content_translations"),
    ("commitments", "0001_commitments"),
    ("meetings", "0008_content_translations"),
]
TOR = "Terms of Reference of the Global Coordinating Group, https://www.alliance87.org/tor.pdf"
STARTS = timezone.make_aware(datetime.datetime(2019, 11, 5, 9, 0))


def _migrate(*, before: bool = False) -> Apps:
    """Migrate every app to its latest migration, or ours to `BEFORE` (the others at their latest); the models as
    they are then."""
    executor = MigrationExecutor(connection)
    ours = {app for app, _name in BEFORE}
    targets = [node for node in executor.loader.graph.leaf_nodes() if not before or node[0] not in ours]
    targets += BEFORE if before else []
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _old_records() -> None:
    """Records as the earlier schema wrote them: sources as one text, flags on each record."""
    old = _migrate(before=True)
    body_model, organisation_model = (
        old.get_model("bodies", "Body"),
        old.get_model("partners", "Organisation"),
    )
    gcg = body_model.objects.create(
        kind="gcg",
        name="Global Coordinating Group",
        slug="gcg",
        chair_term_months=24,
        chair_rotation_source=TOR,
    )
    body_model.objects.create(
        kind="action_group",
        name="Supply chains",
        slug="supply-chains",
        chair_term_months=18,
        chair_rotation_is_illustrative=True,
    )
    body_model.objects.create(kind="action_group", name="Migration", slug="migration")
    walk_free = organisation_model.objects.create(name="Walk Free", slug="walk-free", type="foundation")
    old.get_model("commitments", "Commitment").objects.create(
        organisation=walk_free,
        title="Publish a study",
        made_on=datetime.date(2020, 3, 1),
        source="Walk Free annual report 2020, https://www.walkfree.org/report-2020/",
    )
    old.get_model("commitments", "Commitment").objects.create(
        organisation=walk_free,
        title="Train inspectors",
        made_on=datetime.date(2021, 3, 1),
        is_illustrative=True,
    )
    meeting = old.get_model("meetings", "Event").objects.create(
        kind="meeting",
        title="GCG meeting",
        slug="gcg-meeting",
        owner_body=gcg,
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=8),
    )
    old.get_model("meetings", "Decision").objects.create(
        event=meeting,
        number="GCG/2019/1",
        text="Adopt the Terms of Reference.",
        decided_on=datetime.date(2019, 11, 5),
        source="Alliance 8.7: description of the initiative (Alliance 8.7, 2019)",
        is_illustrative=True,
    )


@pytest.mark.django_db(transaction=True)
def test_sources_and_illustrative_flags_survive_the_move_to_the_shared_provenance_and_back():
    _old_records()
    _migrate()

    gcg = Body.objects.select_related("chair_rotation").get(slug="gcg")
    rule = gcg.chair_rotation
    assert (rule.term_months, rule.source, rule.source_url, rule.is_illustrative) == (
        24,
        "Terms of Reference of the Global Coordinating Group",
        "https://www.alliance87.org/tor.pdf",
        False,
    )
    supply_chains = Body.objects.select_related("chair_rotation").get(slug="supply-chains").chair_rotation
    assert (supply_chains.term_months, supply_chains.provenance.illustrative) == (18, True)
    assert not hasattr(Body.objects.get(slug="migration"), "chair_rotation")

    study = Commitment.objects.get(title="Publish a study").provenance
    assert (study.source, study.url, study.illustrative) == (
        "Walk Free annual report 2020",
        "https://www.walkfree.org/report-2020/",
        False,
    )
    assert Commitment.objects.get(title="Train inspectors").provenance.illustrative
    decision = Decision.objects.get().provenance
    assert (decision.source, decision.url, decision.illustrative) == (
        "Alliance 8.7: description of the initiative (Alliance 8.7, 2019)",
        "",
        True,
    )

    old = _migrate(before=True)
    rows = old.get_model("bodies", "Body").objects.order_by("slug")
    assert [
        (b.slug, b.chair_term_months, b.chair_rotation_source, b.chair_rotation_is_illustrative) for b in rows
    ] == [
        ("gcg", 24, TOR, False),
        ("migration", None, "", False),
        ("supply-chains", 18, "", True),
    ]
    commitments = old.get_model("commitments", "Commitment").objects.order_by("made_on")
    assert [(c.source, c.is_illustrative) for c in commitments] == [
        ("Walk Free annual report 2020, https://www.walkfree.org/report-2020/", False),
        ("", True),
    ]
    _migrate()
