"""Who changed what and when: django-simple-history on the models people edit, read as field-by-field changes.

Each app names its edited models once, in `AppConfig.ready()` (`track_history`), rather than with a
`HistoricalRecords()` attribute on the model: registering at start-up, after every app's models are loaded, is
what django-simple-history documents for models whose fields another library adds at registration time
(django-modeltranslation's `title_en`, `title_fr`…), so the historical tables copy those fields too.

Reading is one shape for every page: `history_page` merges the records of several models (a plan with its
results, indicators, periods, values and budget lines), pages them, and turns each record into an `Entry` whose
`changes` compare it with the record before it, with values as a person reads them (choices by their label,
related records by their name, numbers and dates in the reader's language). Query counts stay constant per page:
a few queries per model, whatever the number of records.
"""

from __future__ import annotations

import datetime
import difflib
import heapq
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from simple_history import register
from simple_history.models import HistoricalRecords

from alliance87.core.paginator import BoundedPaginator

if TYPE_CHECKING:
    from django.db.models import Model

#: Fields never stored in a historical record: they change on every save and say nothing a person did.
NOT_STORED = ("updated_at",)
#: Fields stored but not shown as changes: set once by the platform, or bookkeeping.
NOT_SHOWN = frozenset({"id", "created_at", "is_demo", "version", "search_vector"})
#: The manager of an object's historical records (``plan.edit_history``). Not django-simple-history's default
#: ``history``: a reported value's ``history`` is already its review trail (``ValueChange``).
MANAGER = "edit_history"
#: How many changes a history page lists at once.
PER_PAGE = 50

_tracked: list[type[Model]] = []


class ChangesOnly(HistoricalRecords):
    """Records a save only when a field a person can see changed: saving a form untouched adds no entry.

    Costs one indexed read of the object's latest record per update; creations and deletions are always kept.
    """

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        if not created and not kwargs.get("raw", False) and not self._changed(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _changed(self, instance: Any) -> bool:
        latest = getattr(instance, self.manager_name).order_by("-history_date", "-history_id").first()
        if latest is None:
            return True
        return any(
            getattr(latest, f.attname) != getattr(instance, f.attname)
            for f in self.fields_included(instance)
            if f.name not in NOT_SHOWN
        )


def track_history(model: type[Model], *, exclude: Sequence[str] = ()) -> None:
    """Keep a historical record of every change and deletion of `model` (once, from its app's `ready()`)."""
    if model in _tracked:
        return
    names = {f.name for f in model._meta.get_fields()}
    excluded = [name for name in (*NOT_STORED, *exclude) if name in names]
    register(model, records_class=ChangesOnly, excluded_fields=excluded, manager_name=MANAGER)
    _history_keeps_translations_non_unique(getattr(model, MANAGER).model)
    _tracked.append(model)


def _history_keeps_translations_non_unique(history_model: type[Model]) -> None:
    """A translated unique field (a body's `name_fr`) is no longer unique in the history, as its original is not.

    django-simple-history drops `unique` from the copies of the fields; modeltranslation's fields describe
    themselves (for migrations) from their original field, which is unique, so say it again where they look.
    """
    from modeltranslation.fields import TranslationField

    for model_field in history_model._meta.fields:
        if isinstance(model_field, TranslationField) and not model_field._unique:
            model_field._field_options_kwargs = {
                **getattr(model_field, "_field_options_kwargs", {}),
                "unique": False,
                "db_index": True,
            }


def tracked_models() -> list[type[Model]]:
    """Every model whose changes are kept, in the order the apps registered them."""
    return list(_tracked)


def history_model(model: type[Model]) -> type[Model]:
    """The historical model of a tracked model (``HistoricalPlan`` for ``Plan``)."""
    return getattr(model, MANAGER).model


def historical_ids(model: type[Model], condition: Q) -> models.QuerySet[Any]:
    """The ids of every row of `model` that ever matched `condition` in its history, deleted rows included.

    For gathering the history of an object's parts: a deleted indicator is still in its plan's history.
    """
    return history_model(model).objects.filter(condition).values("id").distinct()  # type: ignore[attr-defined]


# --- reading --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The historical records of one model to show: those matching `condition` (e.g. ``Q(plan_id=3)``)."""

    model: type[Model]
    condition: Q = field(default_factory=Q)


@dataclass(frozen=True)
class Change:
    """One field of one record: its label, and the value before and after, as a person reads them.

    A long text changed in place also comes as `inline`: its words, each kept, removed or added, so a reader sees
    the sentence that changed rather than two whole paragraphs.
    """

    label: str
    old: str
    new: str
    inline: list[tuple[str, str]] = field(default_factory=list)


#: Texts longer than this, changed on both sides, are shown as a word-by-word comparison.
INLINE_FROM = 80


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `old` and `new` as ("same" | "del" | "ins", text) runs, in reading order."""
    old_words = re.split(r"(\s+)", old)
    new_words = re.split(r"(\s+)", new)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            runs.append(("del", "".join(old_words[a1:a2])))
        if b2 > b1:
            runs.append(("ins", "".join(new_words[b1:b2])))
    return runs


@dataclass(frozen=True)
class Entry:
    """One historical record: who did what to which record, and when."""

    when: datetime.datetime
    who: str
    action: str  # "created", "changed" or "deleted"
    kind: str
    label: str
    changes: list[Change]
    reason: str
    object_id: int

    @property
    def action_label(self) -> str:
        return {
            "created": pgettext("history of a record", "Created"),
            "changed": pgettext("history of a record", "Changed"),
            "deleted": pgettext("history of a record", "Deleted"),
        }[self.action]


#: For a related model (by its label, ``"library.Item"``), a filter on the rows a reader may see; the others are
#: named "a record you may not see". By label, so that an app names another's model without importing it.
Visibility = Mapping[str, Q]

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


class _NewestFirst:
    """The (date, history id, source) of the records of every source, newest first, read only as far as sliced.

    Each source reads its newest `stop` records (a LIMIT in its own order): the merge's first `stop` are among
    them, so a page counted to a bound reads at most that many records of each model, not every record.
    """

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.read: list[tuple[datetime.datetime, int, int]] = []
        self.reach = 0

    def __getitem__(self, wanted: slice) -> list[tuple[datetime.datetime, int, int]]:
        stop = wanted.stop
        # One query a source, once a page (the count reads the furthest).
        if stop is None or stop > self.reach:
            newest = []
            for index, source in enumerate(self.sources):
                rows = history_model(source.model).objects.filter(source.condition)  # type: ignore[attr-defined]
                rows = rows.order_by("-history_date", "-history_id").values_list("history_id", "history_date")
                newest.append([(date, pk, index) for pk, date in (rows if stop is None else rows[:stop])])
            self.read = list(islice(heapq.merge(*newest, reverse=True), stop))
            self.reach = len(self.read) if stop is None else stop
        return self.read[wanted]


def history_page(
    sources: Iterable[Source], *, page: Any = 1, visible: Visibility | None = None, per_page: int = PER_PAGE
) -> Page[Entry]:
    """The records of every source, newest first, one page of `per_page` turned into entries."""
    sources = list(sources)
    page_obj = BoundedPaginator(_NewestFirst(sources), per_page).get_page(page)
    wanted: dict[int, list[int]] = {}
    for _date, pk, index in page_obj.object_list:
        wanted.setdefault(index, []).append(pk)
    records: dict[tuple[int, int], tuple[Any, Any]] = {}
    for index, pks in wanted.items():
        for record, previous in _with_previous(sources[index].model, pks):
            records[(index, record.history_id)] = (record, previous)
    names = _RelatedNames(visible or {})
    for record, previous in records.values():
        names.collect(record)
        if previous is not None:
            names.collect(previous)
    names.resolve()
    page_obj.object_list = [
        _entry(*records[(index, pk)], names=names) for _date, pk, index in page_obj.object_list
    ]
    return page_obj


def _with_previous(model: type[Model], history_ids: list[int]) -> list[tuple[Any, Any]]:
    """The records with these ids, each with the record of the same object just before it (or None)."""
    historical = history_model(model)
    before = historical.objects.filter(  # type: ignore[attr-defined]
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-history_id")
    rows = list(
        historical.objects.filter(history_id__in=history_ids)  # type: ignore[attr-defined]
        .select_related("history_user")
        .annotate(previous_id=Subquery(before.values("history_id")[:1]))
    )
    previous_ids = [row.previous_id for row in rows if row.previous_id]
    previous = {
        row.history_id: row
        for row in historical.objects.filter(history_id__in=previous_ids)  # type: ignore[attr-defined]
    }
    return [(row, previous.get(row.previous_id)) for row in rows]


def _shown_fields(record: Any) -> list[models.Field[Any, Any]]:
    return [f for f in record.tracked_fields if f.name not in NOT_SHOWN and f.editable]


def _entry(record: Any, previous: Any, *, names: _RelatedNames) -> Entry:
    action = ACTIONS.get(record.history_type, "changed")
    changes: list[Change] = []
    if action != "deleted":
        for model_field in _shown_fields(record):
            new = model_field.value_from_object(record)
            old = model_field.value_from_object(previous) if previous is not None else None
            if previous is None and _is_empty(new):
                continue
            if previous is not None and old == new:
                continue
            shown_old = names.show(model_field, old) if previous is not None else ""
            shown_new = names.show(model_field, new)
            inline: list[tuple[str, str]] = []
            if (
                isinstance(old, str)
                and isinstance(new, str)
                and old
                and new
                and max(len(old), len(new)) > INLINE_FROM
            ):
                inline = word_diff(old, new)
            changes.append(
                Change(
                    label=capfirst(str(model_field.verbose_name)),
                    old=shown_old,
                    new=shown_new,
                    inline=inline,
                )
            )
    user = record.history_user
    return Entry(
        when=record.history_date,
        who=_person(user),
        action=action,
        kind=capfirst(str(record.instance_type._meta.verbose_name)),
        label=record_label(record),
        changes=changes,
        reason=record.history_change_reason or "",
        object_id=record.id,
    )


def _person(user: Any) -> str:
    if user is None:
        return _("The platform (an import, a command or the demo loader)")
    name = getattr(user, "display_name", "") or user.get_full_name() or user.email
    return str(name)


def record_label(record: Any) -> str:
    """A short name for the object a record is about, read from its own fields (no query)."""
    for name in ("title", "name", "code", "slug", "description", "text"):
        value = getattr(record, name, "")
        if isinstance(value, str) and value.strip():
            text = value.strip()
            return text if len(text) <= 120 else text[:119] + "…"
    return f"#{record.id}"


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == {} or value == []


class _RelatedNames:
    """Names of the related records the entries of a page mention, fetched with one query per related model."""

    def __init__(self, visible: Visibility) -> None:
        self.visible = visible
        self.wanted: dict[type[Model], set[Any]] = {}
        self.names: dict[tuple[type[Model], Any], str] = {}

    def collect(self, record: Any) -> None:
        for model_field in _shown_fields(record):
            if model_field.is_relation and model_field.related_model is not None:
                value = model_field.value_from_object(record)
                if value is not None:
                    related = model_field.related_model
                    self.wanted.setdefault(related, set()).add(value)  # type: ignore[arg-type]

    def resolve(self) -> None:
        user_model = get_user_model()
        for related, pks in self.wanted.items():
            rows = related._default_manager.filter(pk__in=pks)
            if related._meta.label in self.visible:
                rows = rows.filter(self.visible[related._meta.label])
            for row in rows:
                # A person by the name they chose, never by their e-mail address.
                name = getattr(row, "display_name", None) if related is user_model else None
                self.names[(related, row.pk)] = str(name or row)

    def show(self, model_field: models.Field[Any, Any], value: Any) -> str:
        if _is_empty(value):
            return "—"
        if model_field.is_relation and model_field.related_model is not None:
            related: Any = model_field.related_model
            name = self.names.get((related, value))
            if name is not None:
                return name
            if related._meta.label in self.visible:
                return _("a record you may not see")
            return _("a deleted record (#%(id)s)") % {"id": value}
        if model_field.choices:
            labels = {str(key): str(label) for key, label in model_field.flatchoices}
            return labels.get(str(value), str(value))
        return show_value(value)


def show_value(value: Any) -> str:
    """A stored value as a person reads it, in the active language."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        shown = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        return number_format(shown, use_l10n=True)
    if isinstance(value, int | float):
        return number_format(value, use_l10n=True)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render_history(
    request: HttpRequest,
    *,
    subject: str,
    back_url: str,
    sources: Iterable[Source],
    visible: Visibility | None = None,
) -> HttpResponse:
    """The History page of `subject`: its changes and those of its parts, newest first, a page at a time.

    The caller has checked that the reader may see this history (the same rule as editing the record).
    """
    page = history_page(sources, page=request.GET.get("page"), visible=visible)
    return render(request, "core/history.html", {"subject": subject, "back_url": back_url, "page_obj": page})


# --- deletions ------------------------------------------------------------------------------------------------


def deletions_page(*, page: Any = 1, per_page: int = PER_PAGE) -> Page[Entry]:
    """Every recorded deletion of a tracked model, newest first: who, when and what (for the Secretariat)."""
    sources = [Source(model, Q(history_type="-")) for model in tracked_models()]
    return history_page(sources, page=page, per_page=per_page)


# --- records for rows that had none ---------------------------------------------------------------------------

BASELINE_REASON = gettext_lazy("Recorded when the history began")


def record_baseline(
    models_: Iterable[type[Model]] | None = None, *, reason: str = "", dry_run: bool = False
) -> dict[str, int]:
    """Give every row with no historical record yet one "created" record of its current state.

    For rows that existed before history was kept, or that a bulk writer (the demo loader, a benchmark) created
    without one. Idempotent: a row with any record is left alone. Returns how many records each model got.
    """
    counts: dict[str, int] = {}
    for model in models_ or tracked_models():
        historical = history_model(model)
        recorded = historical.objects.values("id")  # type: ignore[attr-defined]
        missing = model._default_manager.exclude(pk__in=recorded)
        label = model._meta.label
        counts[label] = missing.count()
        if dry_run or not counts[label]:
            continue
        now = timezone.now()
        fields = [f for f in historical._meta.fields if f.attname in _copied(model)]
        batch: list[Any] = []
        for row in missing.iterator(chunk_size=1000):
            batch.append(
                historical(
                    **{f.attname: getattr(row, f.attname) for f in fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason=str(reason or BASELINE_REASON),
                )
            )
            if len(batch) >= 1000:
                historical.objects.bulk_create(batch)  # type: ignore[attr-defined]
                batch = []
        historical.objects.bulk_create(batch)  # type: ignore[attr-defined]
    return counts


def _copied(model: type[Model]) -> set[str]:
    historical = history_model(model)
    return {f.attname for f in historical.tracked_fields}  # type: ignore[attr-defined]
