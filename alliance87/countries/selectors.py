"""Reads of Pathfinder Countries."""

import datetime
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from .models import PathfinderCountry, PathfinderStatus, PathStep, PathStepKind


def pathfinder_countries(
    status: str = "", *, step: str = "", as_of: datetime.date | None = None
) -> QuerySet[PathfinderCountry]:
    """Pathfinder Countries, each with `reached` (see `with_current_step`); `step` keeps those standing at it."""
    countries = PathfinderCountry.objects.select_related("focal_institution")
    if status:
        countries = countries.filter(status=status)
    countries = with_current_step(countries, as_of or timezone.localdate())
    if step:
        countries = countries.filter(reached=PathStepKind.position_of(step))  # type: ignore[misc]
    return countries


#: Countries with Pathfinder status that cite a published source for it: what a count of Pathfinder Countries may
#: count (not the ones preparing or interested, nor illustrative records). `is_sourced_pathfinder` says the same.
SOURCED_PATHFINDER = Q(status=PathfinderStatus.PATHFINDER, is_illustrative=False) & ~Q(source="")


def sourced_pathfinders() -> QuerySet[PathfinderCountry]:
    return PathfinderCountry.objects.filter(SOURCED_PATHFINDER)


def is_sourced_pathfinder(pathfinder: PathfinderCountry) -> bool:
    """Whether `sourced_pathfinders()` counts this country, for a list already read."""
    return (
        pathfinder.status == PathfinderStatus.PATHFINDER
        and not pathfinder.is_illustrative
        and bool(pathfinder.source)
    )


def pathfinder_by_code(code: str) -> PathfinderCountry:
    """A Pathfinder Country by its ISO 3166 alpha-2 code in any case; `DoesNotExist` for anything else."""
    if len(code) != 2 or not code.isalpha():
        raise PathfinderCountry.DoesNotExist
    countries = with_current_step(
        PathfinderCountry.objects.select_related("focal_institution"), timezone.localdate()
    )
    return countries.get(country=code.upper())


@cache
def _world_paths() -> dict[str, str]:
    """Country outlines by ISO numeric code (built by scripts/build_world_map.py from Natural Earth)."""
    return json.loads((Path(__file__).parent / "data" / "world-110m-paths.json").read_text())


def country_outline(numeric_code: int | None) -> str:
    """The SVG path of a country on the 360×180 equirectangular map, or "" if the map has none (small states)."""
    if numeric_code is None:
        return ""
    return _world_paths().get(f"{numeric_code:03d}", "")


def countries_on_map(
    status: str = "", *, step: str = "", as_of: datetime.date | None = None
) -> list[PathfinderCountry]:
    """Pathfinder Countries by name, each with its outline on the map (`outline`, "" for small states) and the
    label of the furthest step taken by `as_of` (`step_label`, "" before the first); filters as
    `pathfinder_countries`."""
    countries = sorted(
        pathfinder_countries(status, step=step, as_of=as_of), key=lambda c: str(c.country.name)
    )
    for pathfinder in countries:
        pathfinder.outline = country_outline(pathfinder.country.numeric)  # type: ignore[attr-defined]
        reached = step_of(pathfinder.reached)  # type: ignore[attr-defined]
        pathfinder.step_label = PathStepKind(reached).label if reached else ""  # type: ignore[attr-defined]
    return countries


@dataclass(frozen=True)
class TimelineEntry:
    """A step of the path as a country's page shows it: taken, passed by, next, or still ahead."""

    kind: str
    label: str
    steps: list[PathStep]
    state: str  # "taken", "passed", "next" or "ahead"


def path_steps(pathfinder: PathfinderCountry) -> QuerySet[PathStep]:
    return pathfinder.path_steps.select_related("responsible_organisation").order_by("position", "date", "pk")


def timeline(steps: list[PathStep]) -> list[TimelineEntry]:
    """Every step of the path in order, with what is on record for it; the first one not on record is next."""
    by_kind: dict[str, list[PathStep]] = {}
    for step in steps:
        by_kind.setdefault(step.kind, []).append(step)
    entries = []
    next_found = False
    for kind, label in PathStepKind.choices:
        recorded = by_kind.get(kind, [])
        if recorded:
            state = "passed" if all(step.is_skipped for step in recorded) else "taken"
        elif not next_found:
            state, next_found = "next", True
        else:
            state = "ahead"
        entries.append(TimelineEntry(kind=kind, label=str(label), steps=recorded, state=state))
    return entries


def with_current_step(
    countries: QuerySet[PathfinderCountry], as_of: datetime.date
) -> QuerySet[PathfinderCountry]:
    """Annotate `reached`: the position of the furthest step each country had taken by `as_of` (None: none)."""
    return countries.annotate(
        reached=Max(
            "path_steps__position",
            filter=Q(path_steps__skip_reason="", path_steps__date__lte=as_of),
        )
    )


def step_of(reached: int | None) -> str:
    """The step a `reached` position stands for, or "" before the first step."""
    return PathStepKind.values[reached - 1] if reached else ""


@dataclass(frozen=True)
class StepCount:
    kind: str
    label: str
    count: int


def step_counts(as_of: datetime.date) -> list[StepCount]:
    """How many countries stood at each step on `as_of`, counted from the recorded steps."""
    reached = Counter(
        with_current_step(PathfinderCountry.objects.all(), as_of).values_list("reached", flat=True)  # type: ignore[misc]
    )
    return [
        StepCount(kind=kind, label=str(label), count=reached.get(position, 0))
        for position, (kind, label) in enumerate(PathStepKind.choices, start=1)
    ] + [StepCount(kind="", label=gettext("No step recorded"), count=reached.get(None, 0))]
