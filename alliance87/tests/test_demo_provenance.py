"""Every fact the demo loads cites its source or says it is illustrative, on the page and in the API."""

from typing import Any

import pytest
from django.db import models
from django.test import Client

from alliance87.bodies.models import RoleTerm
from alliance87.core.demo import demo_models
from alliance87.core.provenance import Cited
from alliance87.partners.models import Organisation

#: Demo records that state no fact of the partnership: demo accounts and what they do on the platform.
NOT_FACTS = {
    "accounts.user": "a demo account",
    "partners.organisationmembership": "a demo account acting for an organisation",
    "partners.partnerapplication": "a form a visitor filled in (an example.org network)",
    "bodies.membershiprequest": "a request a demo account made",
    "community.space": "a discussion space of the platform",
    "community.profile": "a demo account's profile",
    "community.mention": "a notification of a demo account",
    "community.follow": "a demo account following a thread",
    "community.notification": "a notification of a demo account",
    "community.report": "a moderation report",
    "community.directmessage": "a message between demo accounts",
    "news.subscriber": "an example.org subscriber",
    "news.newsletterissue": "a digest of news posts, each of which cites its source",
    "meetings.registration": "a demo account registered for an event",
    "meetings.calendarfeed": "a demo account's calendar address",
    "library.collection": "a reading list of library items, each of which cites its source",
    "data.publicationlog": "who published a table, when",
}

#: Demo records whose facts are those of the record they belong to: (path to it from the record).
BELONGS_TO = {
    "plans.resultnode": "plan",
    "plans.indicator": "node__plan",
    "plans.reportingperiod": "indicator__node__plan",
    "plans.indicatorvalue": "period__indicator__node__plan",
    "plans.budgetline": "plan",
    "meetings.eventorganiser": "event",
    "meetings.agendasession": "event",
    "library.itemfile": "item",
    "data.publishedtable": "dataset",
    "data.goodslisting": "source",
    "meetings.minutes": "event",
    "meetings.followupaction": "decision",
    "meetings.actionstatuschange": "action__decision",
    "commitments.deliverable": "commitment",
    "commitments.deliverablereport": "deliverable__commitment",
    "library.governancedocument": "item",
}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _owner(record: models.Model, path: str) -> Any:
    for step in path.split("__"):
        record = getattr(record, step)
    return record


def _observation_provenance(observation: Any) -> Cited:
    source = observation.source or observation.series.default_source
    return source.provenance if source else observation.series.provenance


def _unstated(model: type[models.Model]) -> list[str]:
    label = _label(model)
    rows = model._default_manager.filter(is_demo=True)
    if label in BELONGS_TO:
        path = BELONGS_TO[label]
        rows = rows.select_related(path)
        return [f"{label} {r.pk}" for r in rows if not _owner(r, path).provenance.is_stated]
    if label == "data.observation":
        rows = rows.select_related("source", "series__default_source")
        return [
            f"{label} {r.pk}"
            for r in rows.iterator(chunk_size=2000)
            if not _observation_provenance(r).is_stated
        ]
    return [f"{label} {r.pk} ({r})" for r in rows if not r.provenance.is_stated]


def _provenance(payload: dict[str, Any]) -> dict[str, Any]:
    assert set(payload["provenance"]) == {"source", "url", "read_on", "as_of", "illustrative"}, payload
    return payload["provenance"]


def test_the_migration_splits_an_old_source_string_into_title_address_and_date_read():
    from importlib import import_module

    migration = import_module("alliance87.countries.migrations.0005_pathfinder_source_address_and_read_date")
    title, url, read_on = migration.split_source(
        "Alliance 8.7, “Workshop – Fiji” (a forum), https://alliance87.org/es/node/94, read 6 December 2026"
    )
    assert (title, url, read_on.isoformat()) == (
        "Alliance 8.7, “Workshop – Fiji” (a forum)",
        "https://alliance87.org/es/node/94",
        "2026-12-06",
    )
    assert migration.split_source("A report, no address") == ("A report, no address", "", None)


@pytest.mark.usefixtures("demo_read_only", "db")
class TestTheLoadedDemoSaysWhereEachFactComesFrom:
    """Read from one load of the demo."""

    def test_every_demo_record_cites_a_source_or_says_it_is_illustrative(self):
        unaccounted, unstated = [], []
        for model in demo_models():
            label = _label(model)
            if label in NOT_FACTS:
                continue
            if not (hasattr(model, "provenance") or label in BELONGS_TO or label == "data.observation"):
                unaccounted.append(label)
                continue
            unstated.extend(_unstated(model))
        assert not unaccounted, (
            f"demo models that neither state provenance nor are listed in NOT_FACTS: {unaccounted}"
        )
        assert not unstated, f"demo records with no source and not flagged illustrative: {unstated[:20]}"

    def test_organisations_the_seed_lists_as_mapped_initiatives_are_neither_partners_nor_members(self):
        mapped = Organisation.objects.filter(acronym__in=["GBCAT", "UNGC"])
        assert mapped.count() == 2
        assert not mapped.filter(is_partner=True).exists()
        assert not RoleTerm.objects.filter(organisation__in=mapped).exists()

    def test_a_membership_no_seed_names_is_flagged_illustrative_and_says_why(self):
        term = RoleTerm.objects.get(body__slug="conflict-humanitarian", organisation__acronym="UNHCR")
        assert term.provenance.illustrative
        assert "No seed document names" in term.provenance.source

    def test_the_api_says_where_each_demo_fact_comes_from(self):
        api = Client()

        def get(path: str) -> Any:
            response = api.get(f"/api/v1{path}")
            assert response.status_code == 200, (path, response.content[:300])
            return response.json()

        def items(payload: Any) -> list[dict[str, Any]]:
            return payload["items"] if isinstance(payload, dict) and "items" in payload else payload

        fiji = _provenance(get("/countries/FJ"))
        assert fiji["url"] == "https://alliance87.org/es/node/94" and fiji["read_on"] == "2026-12-06"
        assert not fiji["illustrative"]
        assert _provenance(get("/countries/CI"))["illustrative"]
        assert all(_provenance(step)["illustrative"] for step in items(get("/countries/NP/path")))

        gcg = get("/bodies/gcg")
        assert "description of the initiative" in _provenance(gcg)["source"]
        france = next(t for t in gcg["past"] if t["country"] == "FR")
        assert _provenance(france)["as_of"] == "2019-07-01"

        for organisation in items(get("/organisations")):
            assert _provenance(organisation)["source"] or _provenance(organisation)["illustrative"], (
                organisation
            )
        outcomes = items(get("/events/migration-action-group-strategic-planning-workshop-2018/outcomes"))
        assert outcomes and all(_provenance(o)["source"] or _provenance(o)["illustrative"] for o in outcomes)
        collections = ["/plans", "/events", "/news", "/library/items", "/bodies", "/data/series"]
        collections += ["/decisions", "/commitments", "/commitments/register"]
        for collection in collections:
            for record in items(get(collection)):
                cited = _provenance(record)
                assert cited["source"] or cited["url"] or cited["illustrative"], (collection, record)
