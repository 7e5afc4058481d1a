"""Load and remove demo data: each app may have a `demo` module with `load() -> list[str]`."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from .models import DemoFlagged

DEMO_PASSWORD = "alliance87-demo"


def _demo_modules() -> list[str]:
    names = []
    for config in apps.get_app_configs():
        if config.name.startswith("alliance87.") and find_spec(f"{config.name}.demo"):
            names.append(f"{config.name}.demo")
    return names


@transaction.atomic
def load_demo_data() -> list[str]:
    """Run every app's demo loader in INSTALLED_APPS order; returns the lines to print (e.g. demo accounts)."""
    lines: list[str] = []
    for module_name in _demo_modules():
        module = import_module(module_name)
        if hasattr(module, "load"):
            lines.extend(module.load() or [])
    return lines


def demo_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, DemoFlagged)]


def _delete_demo_rows(model: type[models.Model]) -> tuple[int, bool]:
    """Delete a model's demo rows; rows still protected by others (e.g. a parent body) wait for the next pass."""
    try:
        with transaction.atomic():
            count, _details = model._default_manager.filter(is_demo=True).delete()
        return count, False
    except (ProtectedError, RestrictedError, IntegrityError):
        pass
    count = 0
    for row in model._default_manager.filter(is_demo=True):
        try:
            with transaction.atomic():
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
