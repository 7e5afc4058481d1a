"""What a page does with a submitted form or button: call the service, say how it went, redirect.

One place for the flow every create/edit page and every POST-only button repeats, so that a refusal or a
validation error reaches the person the same way on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .concurrency import VERSION, is_stale, show_current_version
from .forms import apply_validation_error


def field_values(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned value of each of the form's own fields: what a service's `data` argument takes (the version an
    edit started from is passed to the service on its own, see `core.concurrency.posted_version`)."""
    return {name: form.cleaned_data[name] for name in form.fields if name != VERSION}


def handle_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    *,
    success: str,
    to: Any = None,
    show_refusal: bool = False,
) -> HttpResponse | None:
    """Save a valid POST through the service and redirect with a message; None means show the form (again).

    The service's ValidationError lands on the form's fields. `to` is anything `redirect()` takes; without it
    the page goes to what `save` returned. With `show_refusal`, a PermissionDenied from the service is shown on
    the form instead of as a 403 page.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save()
    except ValidationError as error:
        apply_validation_error(form, error)
        if is_stale(error):
            show_current_version(form)
        return None
    except PermissionDenied as error:
        if not show_refusal:
            raise
        form.add_error(None, str(error))
        return None
    messages.success(request, success)
    return redirect(saved if to is None else to)


def flash_outcome(
    request: HttpRequest, act: Callable[[], Any], *, success: str, show_refusal: bool = False
) -> bool:
    """Do what a button asks; a ValidationError becomes an error message, success a success message.

    With `show_refusal`, a PermissionDenied becomes an error message too (a refusal the person can act on, such
    as approving their own submission), instead of a 403 page. Returns whether it was done.
    """
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except PermissionDenied as error:
        if not show_refusal or not str(error):
            raise
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True
