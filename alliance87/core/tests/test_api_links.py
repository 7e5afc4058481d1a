"""API links: the app that owns a relation provides how a lower app's record sets it; one owner per link."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from alliance87.core.api import links


def test_the_library_item_results_are_set_by_plans_rule() -> None:
    from alliance87.plans.services.framework import link_item_to_results

    assert links.link_setter("library-item-results") is link_item_to_results


def test_a_link_nobody_provides_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="no-such-link"):
        links.link_setter("no-such-link")


def test_a_second_owner_of_a_link_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "_setters", {})

    def first(**kwargs: object) -> None: ...

    def second(**kwargs: object) -> None: ...

    links.provide_link("a-link", first)
    links.provide_link("a-link", first)  # again at start-up: nothing changes
    with pytest.raises(ImproperlyConfigured, match="a-link"):
        links.provide_link("a-link", second)
    assert links.link_setter("a-link") is first
