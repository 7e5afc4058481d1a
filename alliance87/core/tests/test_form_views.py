"""The form-and-service flow: errors land on the form, refusals are raised or shown, success redirects with a message."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from alliance87.core.form_views import field_values, flash_outcome, handle_form


class NameForm(forms.Form):
    name = forms.CharField()


def request(method: str = "post"):
    made = getattr(RequestFactory(), method)("/somewhere/", {"name": "Ada"} if method == "post" else None)
    made.session = {}
    made._messages = FallbackStorage(made)
    return made


def texts(made) -> list[str]:
    return [str(message) for message in get_messages(made)]


def test_a_get_or_an_invalid_form_is_shown_again_without_calling_the_service():
    called = []
    assert handle_form(request("get"), NameForm(), lambda: called.append(1), success="Saved") is None
    invalid = request()
    assert handle_form(invalid, NameForm({}), lambda: called.append(1), success="Saved") is None
    assert called == []


def test_success_redirects_to_what_the_service_returned_or_to_the_given_place():
    made = request()
    form = NameForm({"name": "Ada"})
    response = handle_form(made, form, lambda: "/saved/", success="Saved")
    assert (response.status_code, response["Location"]) == (302, "/saved/")
    assert texts(made) == ["Saved"]
    elsewhere = handle_form(
        request(), NameForm({"name": "Ada"}), lambda: "/saved/", success="Saved", to="/list/"
    )
    assert elsewhere["Location"] == "/list/"
    assert field_values(form) == {"name": "Ada"}


def test_a_validation_error_lands_on_its_field():
    form = NameForm({"name": "Ada"})

    def refuse() -> None:
        raise ValidationError({"name": "Taken"})

    assert handle_form(request(), form, refuse, success="Saved") is None
    assert form.errors["name"] == ["Taken"]


def test_a_refusal_is_raised_unless_the_page_shows_it():
    def refuse() -> None:
        raise PermissionDenied("Not yours")

    with pytest.raises(PermissionDenied):
        handle_form(request(), NameForm({"name": "Ada"}), refuse, success="Saved")
    form = NameForm({"name": "Ada"})
    assert handle_form(request(), form, refuse, success="Saved", show_refusal=True) is None
    assert form.non_field_errors() == ["Not yours"]


def test_a_button_says_how_it_went():
    done = request()
    flash_outcome(done, lambda: None, success="Done")
    assert texts(done) == ["Done"]

    def refuse() -> None:
        raise ValidationError("Cannot")

    refused = request()
    flash_outcome(refused, refuse, success="Done")
    assert texts(refused) == ["Cannot"]
