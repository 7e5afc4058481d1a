"""Links in an API record that an app higher up owns, set without the record's app importing it.

A library item's record lists and sets the plan results that link it, but the link is plans' (plans build on the
library, which must not import them). As with a page's slots (core/layout.py), the record's app names the link and
calls it by that name; the app that owns it provides the function that sets it, in its AppConfig.ready(), with
its own rule (who may change which links).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_setters: dict[str, Callable[..., None]] = {}


def provide_link(name: str, setter: Callable[..., None]) -> None:
    """Say how the link called `name` is set (once, at start-up; providing the same function again changes nothing)."""
    if _setters.get(name, setter) is not setter:
        raise ImproperlyConfigured(f"Two apps provide the API link {name!r}.")
    _setters[name] = setter


def link_setter(name: str) -> Callable[..., None]:
    """The function that sets the link called `name`, as its owner provided it."""
    try:
        return _setters[name]
    except KeyError:
        raise ImproperlyConfigured(f"No installed app provides the API link {name!r}.") from None
