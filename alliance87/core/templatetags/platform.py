from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from alliance87.core.layout import chrome_template
from alliance87.core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(source: str) -> SafeString:
    """Sanitised Markdown (see core.text)."""
    return mark_safe(render_markdown(source))


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination and filter links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def site_chrome(part: str) -> str:
    """The template the top tier registered for the page's "header" or "footer" ("" when none is)."""
    return chrome_template(part)
