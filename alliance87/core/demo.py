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


def _delete_demo_rows(model: type[models.Model]) -> tuple[int, bool]:
    """Delete a model's demo rows; rows still protected by others (e.g. a parent body), or whose deletion would
    take real records with them, wait for the next pass."""
    try:
        with transaction.atomic():
            rows = model._default_manager.filter(is_demo=True)
            if not _reaches_real_records(rows):
                count, _details = rows.delete()
                return count, False
    except (ProtectedError, RestrictedError, IntegrityError):
        pass
    count = 0
    for row in model._default_manager.filter(is_demo=True):
        try:
            with transaction.atomic():
                if _reaches_real_records([row]):
                    continue
                deleted, _details = row.delete()
            count += deleted
        except (ProtectedError, RestrictedError, IntegrityError):
            continue
    return count, model._default_manager.filter(is_demo=True).exists()


@transaction.atomic
def remove_demo_data() -> dict[str, int]:
    """Delete every record flagged as demo data, in whatever order their protections allow."""
    removed: dict[str, int] = {}
    remaining = demo_models()
    while remaining:
        blocked, progress = [], False
        for model in remaining:
            count, is_blocked = _delete_demo_rows(model)
            if count:
                progress = True
                removed[model._meta.label] = removed.get(model._meta.label, 0) + count
            if is_blocked:
                blocked.append(model)
        if not progress and blocked:
            labels = ", ".join(m._meta.label for m in blocked)
            raise IntegrityError(f"Demo records are still referenced by real records: {labels}")
        remaining = blocked
    return removed
