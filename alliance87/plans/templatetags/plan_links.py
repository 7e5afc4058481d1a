"""What plans show on other apps' pages: the results that link a library item."""

from __future__ import annotations

from typing import Any

from django import template

from alliance87.plans.selectors import results_linking

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_results(context: template.Context, item: Any) -> list[Any]:
    """The results, in plans the reader may see, that link this library item."""
    return results_linking(item, context["request"].user)
