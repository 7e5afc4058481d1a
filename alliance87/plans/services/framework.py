"""Plans and their results frameworks: a plan's owner, period and tiers, and the results in its tree."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.concurrency import check_version
from alliance87.core.content_translation import (
    blank_to_none,
    original_value,
    translation_field_names,
)
from alliance87.core.slugs import unique_slug
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.countries.permissions import can_edit_countries
from alliance87.library.permissions import can_view_item
from alliance87.library.selectors import visible_items
from alliance87.partners.models import Organisation

from .. import gap_counts
from ..models import (
    DEFAULT_TIER_NAMES,
    IndicatorValue,
    NodeStatus,
    Plan,
    PlanStatus,
    ResultNode,
    ValueStatus,
    shown_tier_name,
)
from ..permissions import (
    can_create_plan_for_body,
    can_create_plan_for_country,
    can_edit_plan,
    can_report_on_result,
)
from ..validation import validate_node

if TYPE_CHECKING:
    from alliance87.library.models import Item


@dataclass(frozen=True, kw_only=True)
class PlanFields:
    """What a person sets on a plan. To change some fields only: ``dataclasses.replace(PlanFields.of(plan), …)``."""

    title: str
    period_start: datetime.date
    period_end: datetime.date
    owner_body: Body | None = None
    owner_country: PathfinderCountry | None = None
    description: str = ""
    status: str = PlanStatus.DRAFT
    currency: str = "USD"
    tier_names: Sequence[str] = tuple(DEFAULT_TIER_NAMES)
    responsible_organisations: Sequence[Organisation] = ()
    iati_identifier: str = ""
    is_illustrative: bool = False
    requires_second_approver: bool = True
    # Translations (core.content_translation): None or empty where there is none, so the original shows.
    title_fr: str | None = None
    description_fr: str | None = None
    tier_names_fr: Sequence[str] = ()
    title_es: str | None = None
    description_es: str | None = None
    tier_names_es: Sequence[str] = ()

    @classmethod
    def of(cls, plan: Plan) -> PlanFields:
        """The plan's current values (the originals, whatever the reader's language, and the translations)."""
        return cls(
            **{name: original_value(plan, name) for name in ("title", "description", *PLAN_TRANSLATIONS)},
            period_start=plan.period_start,
            period_end=plan.period_end,
            owner_body=plan.owner_body,
            owner_country=plan.owner_country,
            status=plan.status,
            currency=plan.currency,
            tier_names=tuple(plan.tier_names or ()),
            tier_names_fr=tuple(plan.tier_names_fr or ()),
            tier_names_es=tuple(plan.tier_names_es or ()),
            responsible_organisations=tuple(plan.responsible_organisations.all()),
            iati_identifier=plan.iati_identifier,
            is_illustrative=plan.is_illustrative,
            requires_second_approver=plan.requires_second_approver,
        )


@dataclass(frozen=True, kw_only=True)
class NodeFields:
    """What a person sets on a result; None for a relation leaves it as it is."""

    title: str
    code: str = ""
    description: str = ""
    assumptions: str = ""
    risks: str = ""
    start_date: datetime.date | None = None
    due_date: datetime.date | None = None
    status: str = NodeStatus.NOT_STARTED
    responsible_organisations: Sequence[Organisation] | None = None
    library_items: Sequence[Item] | None = None
    # Translations of the result's statement: None where there is none, so the original shows.
    title_fr: str | None = None
    title_es: str | None = None

    @classmethod
    def of(cls, node: ResultNode) -> NodeFields:
        """The result's current values, the original statement and its translations (relations left as they are)."""
        return cls(
            title=original_value(node, "title"),
            title_fr=node.title_fr,  # type: ignore[attr-defined]
            title_es=node.title_es,  # type: ignore[attr-defined]
            code=node.code,
            description=node.description,
            assumptions=node.assumptions,
            risks=node.risks,
            start_date=node.start_date,
            due_date=node.due_date,
            status=node.status,
        )


#: The translations a plan's fields carry (its own tier names are translated by `tier_names_fr`, `…_es`).
PLAN_TRANSLATIONS = translation_field_names(("title", "description"))
NODE_TRANSLATIONS = translation_field_names(("title",))


def field_names(fields_class: type[Any]) -> list[str]:
    """The names a service's fields class takes, in order: the field lists of the forms that feed it."""
    return [field.name for field in dataclasses.fields(fields_class)]


#: Slugs that are pages of their own under /plans/ (see views.py, interchange/views.py, gaps/views.py).
RESERVED_SLUGS = frozenset({"new", "review", "gaps", "import", "export", "iati", "xlsx", "common"})
#: ResultNode.level is at most 5, so a framework has at most six tiers.
MAX_TIERS = 6


# --- plans -------------------------------------------------------------------------------------------------


def valid_currency(code: str) -> str:
    """The upper-case ISO 4217 code, or a ValidationError."""
    normalised = (code or "").strip().upper()
    if len(normalised) != 3 or pycountry.currencies.get(alpha_3=normalised) is None:
        raise ValidationError(
            {
                "currency": _("“%(code)s” is not an ISO 4217 currency code, such as USD or EUR.")
                % {"code": code}
            }
        )
    return normalised


def _valid_tier_names(names: Any) -> list[str]:
    if not isinstance(names, list | tuple) or not all(isinstance(name, str) for name in names):
        raise ValidationError({"tier_names": _("Give the tier names as a list of words.")})
    cleaned = [name.strip() for name in names]
    if not cleaned or not all(cleaned):
        raise ValidationError({"tier_names": _("Name every tier; a framework has at least one.")})
    if len(cleaned) > MAX_TIERS:
        raise ValidationError({"tier_names": _("A framework has at most %(n)s tiers.") % {"n": MAX_TIERS}})
    return cleaned


def _unique_plan_slug(title: str) -> str:
    return unique_slug(Plan, title, max_length=90, reserved=RESERVED_SLUGS, fallback="plan")


def _check_may_own(by: User, plan: Plan) -> None:
    if bool(plan.owner_body_id) == bool(plan.owner_country_id):
        raise ValidationError({"owner_body": _("A plan belongs either to a body or to a country, not both.")})
    if plan.owner_body_id and not can_create_plan_for_body(by, plan.owner_body):  # type: ignore[arg-type]
        raise PermissionDenied(_("Only the body's chairs or the Secretariat can make plans for this body."))
    if plan.owner_country_id and not can_create_plan_for_country(by, plan.owner_country):  # type: ignore[arg-type]
        raise PermissionDenied(
            _(
                "Only the focal points of the country's national focal institution or the Secretariat can make its plans."
            )
        )


def _valid_tier_translation(names: Any, tiers: list[str], *, field: str) -> list[str]:
    """A translation of the tier names: one name per tier, in the same order, or none at all ([])."""
    if not isinstance(names, list | tuple) or not all(isinstance(name, str) for name in names):
        raise ValidationError({field: _("Give the tier names as a list of words.")})
    cleaned = [name.strip() for name in names]
    if not any(cleaned):
        return []
    if len(cleaned) != len(tiers) or not all(cleaned):
        raise ValidationError(
            {
                field: _(
                    "Give one translated name per tier (%(n)s: %(names)s), in the same order, or leave it empty."
                )
                % {"n": len(tiers), "names": ", ".join(shown_tier_name(name) for name in tiers)}
            }
        )
    return cleaned


def _save_plan(plan: Plan, fields: PlanFields, by: User) -> Plan:
    for name in field_names(PlanFields):
        if name != "responsible_organisations":
            setattr(plan, name, getattr(fields, name))
    # Read from `fields`, not the plan: the plan reads its title in the reader's language.
    plan.title = (fields.title or "").strip()
    for name in PLAN_TRANSLATIONS:
        setattr(plan, name, blank_to_none(getattr(fields, name)))
    plan.currency = valid_currency(plan.currency)
    plan.tier_names = _valid_tier_names(fields.tier_names)
    for name in ("tier_names_fr", "tier_names_es"):
        setattr(plan, name, _valid_tier_translation(getattr(fields, name), plan.tier_names, field=name))
    _check_may_own(by, plan)
    if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
        raise ValidationError({"period_end": _("A plan cannot end before it starts.")})
    if plan.pk:
        deepest = plan.nodes.aggregate(deepest=Max("level"))["deepest"]
        if deepest is not None and deepest >= len(plan.tier_names):
            raise ValidationError(
                {
                    "tier_names": _(
                        "The framework already has %(n)s levels; give at least that many tier names."
                    )
                    % {"n": deepest + 1}
                }
            )
    if not plan.slug:
        plan.slug = _unique_plan_slug(fields.title)
    plan.full_clean()
    plan.save()
    plan.responsible_organisations.set(fields.responsible_organisations)
    gap_counts.store([plan.pk])  # its tiers say which results are activities
    return plan


@transaction.atomic
def create_plan(*, by: User, fields: PlanFields) -> Plan:
    """Create a body's work plan or a country's national action plan (its chairs, focal points or the Secretariat)."""
    return _save_plan(Plan(), fields, by)


@transaction.atomic
def update_plan(*, plan: Plan, by: User, fields: PlanFields, version: str | None = None) -> Plan:
    """Change a plan; moving it to another owner needs the right to make plans for that owner too.

    With ``version`` (what the editor read), the change is refused if someone saved the plan since."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("You may not edit this plan."))
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(locked, version)
    return _save_plan(locked, fields, by)


def refuse_losing_approved_values(values: QuerySet[IndicatorValue], *, message: str) -> None:
    """Refuse a deletion that would take approved values with it: they are the record of what was achieved.

    `message` names what is being deleted and says what to do instead; it is given the number as `count`.
    """
    count = values.filter(status=ValueStatus.APPROVED).count()
    if count:
        raise ValidationError(message % {"count": count})


@transaction.atomic
def delete_plan(*, plan: Plan, by: User) -> None:
    """Remove a plan with its framework, values and budget (editors; for plans entered by mistake).

    Refused once the plan holds approved values: a plan that has reported results is closed, not deleted.
    """
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("You may not delete this plan."))
    refuse_losing_approved_values(
        IndicatorValue.objects.filter(period__indicator__node__plan=plan),
        message=_(
            "This plan holds %(count)s approved values, the record of what was achieved; it cannot be "
            "deleted. Set its status to “Closed” instead."
        ),
    )
    plan.delete()


# --- results framework -------------------------------------------------------------------------------------


def check_editor(by: User, plan: Plan) -> None:
    """Refuse anyone but the plan's editors (the indicators and the budget are theirs to change too)."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(
            _("Only the plan's editors can change its results framework, targets and budget.")
        )


def _subtree_depth(node: ResultNode) -> int:
    """How many levels below the node its descendants reach (0 for a leaf)."""
    levels = ResultNode.objects.filter(plan_id=node.plan_id).values_list("pk", "parent_id", "level")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id, _level in levels:
        children.setdefault(parent_id, []).append(pk)
    depth, frontier = 0, children.get(node.pk, [])
    while frontier:
        depth += 1
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return depth


def _descendant_ids(node: ResultNode) -> set[int]:
    pairs = ResultNode.objects.filter(plan_id=node.plan_id).values_list("pk", "parent_id")
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in pairs:
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    frontier = children.get(node.pk, [])
    while frontier:
        found.update(frontier)
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return found


def _check_level(plan: Plan, level: int) -> None:
    tiers = len(plan.tier_names or [])
    if level >= tiers:
        raise ValidationError(
            {
                "parent": _(
                    "This framework has %(n)s tiers (%(names)s); a result cannot go below the last one."
                )
                % {"n": tiers, "names": ", ".join(plan.tier_names)}
            }
        )


def _siblings(plan: Plan, parent_id: int | None, exclude_pk: int | None = None) -> list[ResultNode]:
    return list(
        ResultNode.objects.select_for_update()
        .filter(plan=plan, parent_id=parent_id)
        .exclude(pk__in=[exclude_pk] if exclude_pk else [])
        .order_by("position", "pk")
    )


def _renumber(nodes: list[ResultNode]) -> None:
    changed = []
    for index, sibling in enumerate(nodes):
        if sibling.position != index:
            sibling.position = index
            changed.append(sibling)
    ResultNode.objects.bulk_update(changed, ["position"])


@transaction.atomic
def add_node(
    *,
    plan: Plan,
    by: User,
    title: str,
    parent: ResultNode | None = None,
    code: str = "",
    description: str = "",
    assumptions: str = "",
    risks: str = "",
    start_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    status: str = NodeStatus.NOT_STARTED,
    responsible_organisations: Iterable[Organisation] = (),
    library_items: Iterable[Item] = (),
    title_fr: str | None = None,
    title_es: str | None = None,
) -> ResultNode:
    """Add a result under `parent` (or at the top), one tier below it and last among its siblings."""
    check_editor(by, plan)
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError({"parent": _("The parent result belongs to another plan.")})
    level = 0 if parent is None else parent.level + 1
    _check_level(plan, level)
    node = ResultNode(
        plan=plan,
        parent=parent,
        level=level,
        position=len(_siblings(plan, parent.pk if parent else None)),
        code=code,
        title=title,
        description=description,
        assumptions=assumptions,
        risks=risks,
        start_date=start_date,
        due_date=due_date,
        status=status,
    )
    for name, text in zip(NODE_TRANSLATIONS, (title_fr, title_es), strict=True):
        setattr(node, name, blank_to_none(text))
    validate_node(node)
    node.save()
    node.responsible_organisations.set(responsible_organisations)
    _link_library_items(node, library_items, by=by)
    gap_counts.store([plan.pk])
    return node


def _link_library_items(node: ResultNode, items: Iterable[Item], *, by: User) -> None:
    """Link the documents named, each one `by` may see; links to documents `by` cannot see are kept."""
    items = list(items)
    if any(not can_view_item(by, item) for item in items):
        raise ValidationError({"library_items": _("Link only library documents you can see.")})
    hidden = list(node.library_items.exclude(pk__in=visible_items(by).values("pk")))
    node.library_items.set(items + hidden)


@transaction.atomic
def link_item_to_results(*, item: Item, results: Iterable[ResultNode], by: User) -> None:
    """Make `results` the plan results that link a library item, from the item's side (the API's item record).

    The same rule as from a result's side: `by` sees the item and edits every plan whose links change.
    """
    wanted = {node.pk: node for node in results}
    current = {node.pk: node for node in ResultNode.objects.filter(library_items=item).select_related("plan")}
    changed = [wanted.get(pk) or current[pk] for pk in wanted.keys() ^ current.keys()]
    if not changed:
        return
    if not can_view_item(by, item) or any(not can_edit_plan(by, node.plan) for node in changed):
        raise ValidationError({"results": _("Link only results of plans you edit.")})
    item.results.set(list(wanted.values()))


@transaction.atomic
def update_node(*, node: ResultNode, by: User, fields: NodeFields) -> ResultNode:
    """Change a result's wording, dates, status, responsible partners or library items (move_node moves it)."""
    check_editor(by, node.plan)
    locked = ResultNode.objects.select_for_update().get(pk=node.pk)
    for name in field_names(NodeFields):
        if name not in ("responsible_organisations", "library_items"):
            setattr(
                locked,
                name,
                blank_to_none(getattr(fields, name)) if name in NODE_TRANSLATIONS else getattr(fields, name),
            )
    validate_node(locked)
    locked.save()
    gap_counts.store([locked.plan_id])  # its due date or status may have changed
    if fields.responsible_organisations is not None:
        locked.responsible_organisations.set(fields.responsible_organisations)
    if fields.library_items is not None:
        _link_library_items(locked, fields.library_items, by=by)
    return locked


@transaction.atomic
def report_activity_status(*, node: ResultNode, by: User, status: str) -> ResultNode:
    """Report how an activity (or any result) is going: the organisations it is assigned to, or its editors."""
    if not can_report_on_result(by, node):
        raise PermissionDenied(
            _("Only the organisations this result is assigned to and the plan's editors report on it.")
        )
    if status not in NodeStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    locked = ResultNode.objects.select_for_update().get(pk=node.pk)
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    gap_counts.store([locked.plan_id])
    return locked


@transaction.atomic
def move_node(*, node: ResultNode, by: User, new_parent: ResultNode | None, position: int) -> ResultNode:
    """Put a result under another parent (or at the top) at a position among its siblings (0 is first).

    Its descendants move with it; the siblings it leaves and joins are renumbered 0, 1, 2…
    """
    plan = node.plan
    check_editor(by, plan)
    locked = ResultNode.objects.select_for_update().get(pk=node.pk)
    if new_parent is not None:
        if new_parent.plan_id != plan.pk:
            raise ValidationError({"parent": _("The new parent belongs to another plan.")})
        if new_parent.pk == locked.pk or new_parent.pk in _descendant_ids(locked):
            raise ValidationError(
                {"parent": _("A result cannot be moved under itself or one of its own results.")}
            )
    new_level = 0 if new_parent is None else new_parent.level + 1
    _check_level(plan, new_level + _subtree_depth(locked))
    old_parent_id = locked.parent_id
    new_parent_id = new_parent.pk if new_parent else None
    shift = new_level - locked.level
    if shift:
        descendants = list(ResultNode.objects.filter(pk__in=_descendant_ids(locked)))
        for descendant in descendants:
            descendant.level += shift
        ResultNode.objects.bulk_update(descendants, ["level"])
    locked.parent_id = new_parent_id
    locked.level = new_level
    locked.save(update_fields=["parent", "level", "updated_at"])
    siblings = _siblings(plan, new_parent_id, exclude_pk=locked.pk)
    index = max(0, min(position, len(siblings)))
    siblings.insert(index, locked)
    _renumber(siblings)
    if old_parent_id != new_parent_id:
        _renumber(_siblings(plan, old_parent_id))
    if shift:
        gap_counts.store([plan.pk])  # results changed tiers
    locked.refresh_from_db()
    return locked


@transaction.atomic
def shift_node(*, node: ResultNode, by: User, offset: int) -> ResultNode:
    """Move a result up (offset -1) or down (+1) among its siblings, keeping its parent."""
    check_editor(by, node.plan)
    siblings = _siblings(node.plan, node.parent_id)
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == node.pk)
    return move_node(node=node, by=by, new_parent=node.parent, position=index + offset)


@transaction.atomic
def delete_node(*, node: ResultNode, by: User) -> None:
    """Remove a result with everything under it: its results, indicators, periods, values and budget lines.

    Refused while anything under it holds approved values: reported results are never lost by a deletion.
    """
    plan = node.plan
    check_editor(by, plan)
    refuse_losing_approved_values(
        IndicatorValue.objects.filter(period__indicator__node__in={node.pk, *_descendant_ids(node)}),
        message=_(
            "This result has %(count)s approved values under it; it cannot be deleted. Set its status to "
            "“Cancelled” instead."
        ),
    )
    parent_id = node.parent_id
    node.delete()
    gap_counts.store([plan.pk])  # its indicators went with it
    _renumber(_siblings(plan, parent_id))


@transaction.atomic
def link_plan_to_path_step(*, by: User, plan: Plan, step: PathStep) -> Plan:
    """Record that a national action plan was adopted at a step of its country's path (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    if plan.owner_country_id != step.pathfinder_id:
        raise ValidationError({"plan": _("Choose a plan of %(country)s.") % {"country": step.pathfinder}})
    plan.path_step = step
    plan.save(update_fields=["path_step", "updated_at"])
    return plan
