"""Selects open on a word that says what the empty choice means ("Any", "None", "Choose…"), never "---------"."""

from __future__ import annotations

import pytest
from django import forms

from alliance87.core.forms import EmptyChoiceLabels

pytestmark = pytest.mark.django_db


class ThingFilterForm(EmptyChoiceLabels, forms.Form):
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)


class ThingForm(EmptyChoiceLabels, forms.Form):
    empty_choice_labels = {"parent": "— no parent —"}

    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    colour = forms.ChoiceField(choices=[("", "---------"), ("red", "Red")])
    parent = forms.ChoiceField(choices=[("", "---------"), ("p", "P")], required=False)


def test_filter_forms_say_any_edit_forms_none_or_choose_and_forms_may_say_better():
    assert '<option value="" selected>Any</option>' in str(ThingFilterForm()["kind"])
    form = ThingForm()
    assert '<option value="" selected>None</option>' in str(form["kind"])
    assert '<option value="" selected>Choose…</option>' in str(form["colour"])
    assert '<option value="" selected>— no parent —</option>' in str(form["parent"])


@pytest.mark.parametrize(
    "path",
    ["/bodies/new/", "/partners/new/", "/events/new/", "/news/new/", "/plans/new/", "/plans/", "/news/"],
)
def test_no_select_of_the_platform_opens_on_dashes(world, client_for, path):
    response = client_for(world.secretariat).get(path)
    assert response.status_code == 200
    assert "---------" not in response.content.decode()


def test_a_bodys_parent_select_says_it_may_have_none(world, client_for):
    page = client_for(world.secretariat).get("/bodies/new/").content.decode()
    assert "— no parent (a body of its own) —" in page
