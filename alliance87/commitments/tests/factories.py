"""Commitments, deliverables and reports for the tests, written through the services unless told otherwise."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from alliance87.commitments import services
from alliance87.commitments.models import Commitment, Deliverable, DeliverableReport, DeliveryStatus
from alliance87.partners.models import Organisation


def make_commitment(organisation: Organisation, *, by: Any, **extra: Any) -> Commitment:
    values: dict[str, Any] = {
        "organisation": organisation,
        "title": "Eliminate forced labour from our supply chains",
        "made_on": datetime.date(2022, 3, 1),
    }
    values.update(extra)
    return services.create_commitment(by=by, values=services.CommitmentInput(**values))


def make_deliverable(commitment: Commitment, *, by: Any, **extra: Any) -> Deliverable:
    values: dict[str, Any] = {
        "title": "Train 200 suppliers on recruitment fees",
        "due_date": datetime.date(2024, 12, 31),
        "pledged_amount": Decimal("50000"),
        "pledged_currency": "USD",
    }
    values.update(extra)
    return services.add_deliverable(commitment=commitment, by=by, values=services.DeliverableInput(**values))


def make_report(
    deliverable: Deliverable, year: int, *, by: Any, status: str = DeliveryStatus.IN_PROGRESS, **extra: Any
) -> DeliverableReport:
    values: dict[str, Any] = {"status": status, "narrative": f"What we did in {year}."}
    values.update(extra)
    return services.record_report(
        deliverable=deliverable, year=year, by=by, values=services.ReportInput(**values)
    )
