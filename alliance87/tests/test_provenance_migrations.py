"""Commitments, decisions and a body's chair rotation rule moved to the shared provenance (core.models.Provenance):
the values they held survive the migrations, back and forwards."""

from __future__ import annotations

import datetime

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from alliance87.bodies.models import Body, ChairRotationRule
from alliance87.commitments.models import Commitment
from alliance87.meetings.decision_models import Decision
from alliance87.meetings.models import Event
from alliance87.partners.models import Organisation

#: The last migration of each app before its records took the shared provenance.
BEFORE = [
    ("bodies", "0007_content_translations"),
    ("commitments", "0001_commitments"),
    ("meetings", "0008_content_translations"),
]
TOR = "Terms of Reference of the Global Coordinating Group, https://www.alliance87.org/tor.pdf"
STARTS = timezone.make_aware(datetime.datetime(2019, 11, 5, 9, 0))


def _migrate_back() -> Apps:
    """Our apps back to `BEFORE`, the others at their latest; the models as they are then.

    One app at a time, as an operator would (`alliance87 migrate meetings 0008_content_translations`, ...), the app
    whose migrations come last in the plan first, so that each sees the others as one call would. One call for
    the three would render the models' state after each of the ~75 migrations between the first it unapplies and
    the last (Django builds every state before it unapplies anything); this way it renders only the 9 unapplied."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    plan = [
        (migration.app_label, migration.name)
        for migration, _ in executor.migration_plan(leaves, clean_start=True)
    ]
    for target in sorted(BEFORE, key=plan.index, reverse=True):
        MigrationExecutor(connection).migrate([target])
    ours = {app for app, _name in BEFORE}
    return executor.loader.project_state([node for node in leaves if node[0] not in ours] + BEFORE).apps


def _migrate_forwards() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _records() -> None:
    """Records as today's models write them: sources with their address apart, flags in the shared provenance."""
    gcg = Body.objects.create(kind="gcg", name="Global Coordinating Group", slug="gcg")
    ChairRotationRule.objects.create(
        body=gcg,
        term_months=24,
        source="Terms of Reference of the Global Coordinating Group",
        source_url="https://www.alliance87.org/tor.pdf",
    )
    supply_chains = Body.objects.create(kind="action_group", name="Supply chains", slug="supply-chains")
    ChairRotationRule.objects.create(body=supply_chains, term_months=18, is_illustrative=True)
    Body.objects.create(kind="action_group", name="Migration", slug="migration")
    walk_free = Organisation.objects.create(name="Walk Free", slug="walk-free", type="foundation")
    Commitment.objects.create(
        organisation=walk_free,
        title="Publish a study",
        made_on=datetime.date(2020, 3, 1),
        source="Walk Free annual report 2020",
        source_url="https://www.walkfree.org/report-2020/",
    )
    Commitment.objects.create(
        organisation=walk_free,
        title="Train inspectors",
        made_on=datetime.date(2021, 3, 1),
        is_illustrative=True,
    )
    meeting = Event.objects.create(
        kind="meeting",
        title="GCG meeting",
        slug="gcg-meeting",
        owner_body=gcg,
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=8),
    )
    Decision.objects.create(
        event=meeting,
        number="GCG/2019/1",
        text="Adopt the Terms of Reference.",
        decided_on=datetime.date(2019, 11, 5),
        source="Alliance 8.7: description of the initiative (Alliance 8.7, 2019)",
        is_illustrative=True,
    )


@pytest.mark.django_db(transaction=True)
def test_sources_and_illustrative_flags_survive_the_move_to_the_shared_provenance_and_back():
    """One round trip, back then forwards (each way costs a minute of re-rendering models): the records go back
    to the earlier schema's fields as it wrote them (sources as one text, flags on each record), and from those
    rows forwards to the shared provenance again."""
    _records()

    old = _migrate_back()
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
    decisions = old.get_model("meetings", "Decision").objects.all()
    assert [(d.source, d.is_illustrative) for d in decisions] == [
        ("Alliance 8.7: description of the initiative (Alliance 8.7, 2019)", True)
    ]

    _migrate_forwards()

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
