"""Load and remove demo data: each app may have a `demo` module with `load() -> list[str]`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.signals import pre_save

from .history import history_model, tracked_models
from .models import DemoFlagged

DEMO_PASSWORD = "alliance87-demo"


def _demo_modules() -> list[str]:
    names = []
    for config in apps.get_app_configs():
        if config.name.startswith("alliance87.") and find_spec(f"{config.name}.demo"):
            names.append(f"{config.name}.demo")
    return names


class DemoConflict(Exception):
    """The demo would change a record it did not create (same slug or e-mail address as a real one)."""


def _refuse_real_records(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance._state.adding or not isinstance(instance, DemoFlagged):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("is_demo", flat=True).first()
    if stored is False:
        raise DemoConflict(
            f"{instance._meta.verbose_name} “{instance}” (id {instance.pk}) already exists and was not created "
            "by the demo loader; nothing was loaded."
        )


@contextmanager
def never_adopting_real_records() -> Iterator[None]:
    """While the demo loads, saving over a record that is not flagged as demo stops the whole load."""
    pre_save.connect(_refuse_real_records, dispatch_uid="alliance87-demo-guard", weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(dispatch_uid="alliance87-demo-guard")


@transaction.atomic
def load_demo_data() -> list[str]:
    """Run every app's demo loader in INSTALLED_APPS order; returns the lines to print (e.g. demo accounts).

    Raises DemoConflict, and loads nothing, when a record the demo would update is a real one.
    """
    lines: list[str] = []
    with never_adopting_real_records():
        for module_name in _demo_modules():
            module = import_module(module_name)
            if hasattr(module, "load"):
                lines.extend(module.load() or [])
    return lines


def demo_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, DemoFlagged)]


def _reaches_real_records(rows: models.QuerySet[Any] | list[models.Model]) -> bool:
    """Whether deleting these rows would cascade to a record not flagged as demo."""
    model = rows.model if isinstance(rows, models.QuerySet) else type(rows[0])
    collector = Collector(using=router.db_for_write(model))
    collector.collect(rows)  # type: ignore[arg-type]
    for collected_model, instances in collector.data.items():
        if issubclass(collected_model, DemoFlagged) and any(
            not getattr(row, "is_demo", True) for row in instances
        ):
            return True
    return any(
        issubclass(queryset.model, DemoFlagged) and queryset.filter(is_demo=False).exists()
        for queryset in collector.fast_deletes
        if isinstance(queryset, models.QuerySet)
    )


def _delete_demo_rows(model: type[models.Model]) -> tuple[dict[str, int], bool]:
    """Delete a model's demo rows; rows still protected by others (e.g. a parent body), or whose deletion would
    take real records with them, wait for the next pass. Returns what was deleted by label (cascades included:
    a demo account's API tokens), and whether some rows wait."""
    try:
        with transaction.atomic():
            rows = model._default_manager.filter(is_demo=True)
            if not _reaches_real_records(rows):
                _count, details = rows.delete()
                return dict(details), False
    except (ProtectedError, RestrictedError, IntegrityError):
        pass
    counts: dict[str, int] = {}
    for row in model._default_manager.filter(is_demo=True):
        try:
            with transaction.atomic():
                if _reaches_real_records([row]):
                    continue
                _count, details = row.delete()
            for label, deleted in details.items():
                counts[label] = counts.get(label, 0) + deleted
        except (ProtectedError, RestrictedError, IntegrityError):
            continue
    return counts, model._default_manager.filter(is_demo=True).exists()


@transaction.atomic
def remove_demo_data() -> dict[str, int]:
    """Delete everything the demo created: its records (in whatever order their protections allow), their
    historical records, the files they stored, and what each app's demo module cleans after them.

    Returns how many of each were removed, by label (``"files"`` for stored files).
    """
    files = _demo_files()
    demo_ids = {
        model: list(model._default_manager.filter(is_demo=True).values_list("pk", flat=True))
        for model in demo_models()
    }
    removed = _remove_demo_rows()
    for model in tracked_models():
        historical = history_model(model)
        rows = historical.objects.none()  # type: ignore[attr-defined]
        if any(f.name == "is_demo" for f in historical._meta.fields):
            rows = historical.objects.filter(is_demo=True)  # type: ignore[attr-defined]
        else:
            # Not flagged itself (a communication officer): its records about demo rows (a demo account) go too.
            for fk in historical._meta.fields:
                related: Any = fk.related_model if fk.is_relation and fk.name != "history_user" else None
                if demo_ids.get(related):
                    rows = rows | historical.objects.filter(**{f"{fk.name}_id__in": demo_ids[related]})  # type: ignore[attr-defined]
        count, _details = rows.delete()
        if count:
            removed[historical._meta.label] = count
    for module_name in _demo_modules():
        module = import_module(module_name)
        if hasattr(module, "after_removal"):
            for label, count in (module.after_removal() or {}).items():
                removed[label] = removed.get(label, 0) + count
    deleted_files = _delete_unreferenced(files)
    if deleted_files:
        removed["files"] = deleted_files
    return removed


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _demo_files() -> set[tuple[type[models.Model], str, str]]:
    """The stored files of demo rows: (model, field name, file name)."""
    found: set[tuple[type[models.Model], str, str]] = set()
    for model in demo_models():
        for file_field in _file_fields(model):
            names = model._default_manager.filter(is_demo=True).exclude(**{file_field.name: ""})
            for name in names.values_list(file_field.name, flat=True):
                if name:
                    found.add((model, file_field.name, name))
            # Sized renditions kept beside an image (news images): a list of {"name": …} in a JSON field.
            if any(f.name == f"{file_field.name}_renditions" for f in model._meta.concrete_fields):
                rows = model._default_manager.filter(is_demo=True)
                for renditions in rows.values_list(f"{file_field.name}_renditions", flat=True):
                    for rendition in renditions or []:
                        if isinstance(rendition, dict) and rendition.get("name"):
                            found.add((model, file_field.name, rendition["name"]))
    return found


def _delete_unreferenced(files: set[tuple[type[models.Model], str, str]]) -> int:
    """Delete from storage the files no remaining row points to; how many were deleted."""
    deleted = 0
    for model, field_name, name in sorted(files, key=lambda f: f[2]):
        if model._default_manager.filter(**{field_name: name}).exists():
            continue
        storage = model._meta.get_field(field_name).storage  # type: ignore[union-attr]
        if storage.exists(name):
            storage.delete(name)
            deleted += 1
    return deleted


def _remove_demo_rows() -> dict[str, int]:
    removed: dict[str, int] = {}
    remaining = demo_models()
    while remaining:
        blocked, progress = [], False
        for model in remaining:
            counts, is_blocked = _delete_demo_rows(model)
            for label, count in counts.items():
                if count:
                    progress = True
                    removed[label] = removed.get(label, 0) + count
            if is_blocked:
                blocked.append(model)
        if not progress and blocked:
            labels = ", ".join(m._meta.label for m in blocked)
            raise IntegrityError(f"Demo records are still referenced by real records: {labels}")
        remaining = blocked
    return removed
