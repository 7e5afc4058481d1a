from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from alliance87.core.languages import page_in_each_language
from alliance87.core.layout import slot_templates
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


class _SlotNode(template.Node):
    def __init__(self, slot: template.base.FilterExpression) -> None:
        self.slot = slot

    def render(self, context: template.Context) -> str:
        engine = context.template.engine  # type: ignore[union-attr]
        parts = []
        for name in slot_templates(str(self.slot.resolve(context))):
            with context.push():
                parts.append(engine.get_template(name).render(context))
        return "".join(parts)


@register.tag(name="slot")
def slot_tag(parser: template.base.Parser, token: template.base.Token) -> _SlotNode:
    """`{% slot "name" %}`: the templates other apps put in this slot (see core.layout), with the page's context."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the slot's name.")
    return _SlotNode(parser.compile_filter(bits[1]))


@register.simple_tag(takes_context=True)
def language_alternates(context: template.Context) -> str:
    """``<link rel="alternate" hreflang>`` for the page in each language, English as the default (x-default)."""
    request = context.get("request")
    if request is None:
        return ""
    alternates = page_in_each_language(request)
    links = [(alternate.language, alternate.url) for alternate in alternates]
    links += [
        ("x-default", alternate.url)
        for alternate in alternates
        if alternate.language == settings.LANGUAGE_CODE
    ]
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """A Lucide icon from the vendored sprite; decorative unless given a label a screen reader announces."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    href = f"{static('core/vendor/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon" role="img" aria-label="{}" focusable="false"><use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', href
    )
