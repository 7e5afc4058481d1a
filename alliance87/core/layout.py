"""Slots: places in a page that apps higher up fill with their own templates, so the page's app need not know them.

Core draws the frame of every page (head, skip link, messages, content) but knows no app; the app on top (home)
fills the `site-header` and `site-footer` slots with the site's navigation. Likewise a page of a lower app offers
a slot where the apps that build on it add what they know of its object (the plan results that link a library
item, the comments on it), instead of the lower app importing them. Apps fill slots in `AppConfig.ready()`; a
slot shows its templates in the order the apps are installed, each with the page's context.
"""

from __future__ import annotations

_slots: dict[str, list[str]] = {}


def fill_slot(slot: str, template: str) -> None:
    """Add a template to a slot (once, at start-up; filling it again with the same template changes nothing)."""
    templates = _slots.setdefault(slot, [])
    if template not in templates:
        templates.append(template)


def slot_templates(slot: str) -> list[str]:
    """The templates that fill a slot, in the order they were added (none when no app fills it)."""
    return list(_slots.get(slot, ()))
