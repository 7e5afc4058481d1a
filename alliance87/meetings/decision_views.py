"""Pages for what a meeting leaves behind: its minutes, its decisions, their follow-up actions, and "my actions"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.bodies.models import Body
from alliance87.bodies.person import person_of
from alliance87.core.form_views import flash_outcome, handle_form
from alliance87.core.paginator import BoundedPaginator

from . import decision_selectors as selectors
from . import personal
from .decision_forms import ActionStatusForm, DecisionForm, FollowUpActionForm, MinutesForm
from .decision_models import Decision, FollowUpAction, Minutes
from .decision_permissions import (
    can_publish_minutes,
    can_record_decisions,
    can_update_action,
    can_write_minutes,
    meeting_rights,
)
from .models import Event
from .services import decisions as services
from .services import minutes as minutes_services


def meeting_record(request: HttpRequest, event: Event, *, can_edit: bool) -> dict[str, Any]:
    """What the event page shows of the meeting's minutes and decisions, and what this person may do there; the
    rights come from the request's person and the page's own `can_edit`, each asked once."""
    rights = meeting_rights(person_of(request), event, can_edit=can_edit)
    minutes = selectors.minutes_of(event)
    return {
        "minutes": minutes if minutes is not None and rights.can_read(minutes) else None,
        "decisions": selectors.decisions_of_event(event),
        "can_write_minutes": rights.can_edit,
        "can_record_decisions": rights.can_run,
        "today": timezone.localdate(),
    }


def minutes_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A meeting's minutes; unpublished minutes are a 404 to anyone who may not read them (nothing leaks)."""
    event = get_object_or_404(Event, slug=slug)
    minutes = selectors.minutes_for(request.user, event)
    if minutes is None:
        raise Http404
    return render(
        request,
        "meetings/minutes.html",
        {
            "event": event,
            "minutes": minutes,
            "can_write": can_write_minutes(request.user, event),
            "can_publish": can_publish_minutes(request.user, event),
        },
    )


@login_required
def minutes_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if not can_write_minutes(request.user, event):
        raise PermissionDenied
    current = Minutes.objects.filter(event=event).first()
    form = MinutesForm(request.POST or None, initial={"text": current.text if current else ""})
    response = handle_form(
        request,
        form,
        lambda: minutes_services.save_minutes(event=event, by=request.user, text=form.cleaned_data["text"]),
        success=_("The minutes have been saved."),
    )
    return response or render(
        request, "meetings/part_form.html", {"event": event, "form": form, "heading": _("Minutes")}
    )


@login_required
@require_POST
def minutes_publish(request: SignedInRequest, slug: str) -> HttpResponse:
    minutes = get_object_or_404(Minutes.objects.select_related("event"), event__slug=slug)
    if request.POST.get("publish") == "no":
        flash_outcome(
            request,
            lambda: minutes_services.unpublish_minutes(minutes=minutes, by=request.user),
            success=_("The minutes are for the body's members again."),
        )
    else:
        flash_outcome(
            request,
            lambda: minutes_services.publish_minutes(minutes=minutes, by=request.user),
            success=_("The minutes are published."),
        )
    return redirect(minutes)


def _recordable_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not can_record_decisions(request.user, event):
        raise PermissionDenied
    return event


def _decision(request: HttpRequest, pk: int, *, edit: bool = False) -> Decision:
    decision = get_object_or_404(Decision.objects.select_related("event"), pk=pk)
    if edit and not can_record_decisions(request.user, decision.event):
        raise PermissionDenied
    return decision


@login_required
def decision_edit(request: SignedInRequest, slug: str | None = None, pk: int | None = None) -> HttpResponse:
    """Record a decision of a meeting (by its slug) or correct one (by its number)."""
    decision = _decision(request, pk, edit=True) if pk else None
    event = decision.event if decision else _recordable_event(request, slug or "")
    initial = (
        {name: getattr(decision, name) for name in services.DECISION_FIELDS}
        if decision
        else {"decided_on": event.local_starts_at.date()}
    )
    form = DecisionForm(request.POST or None, initial=initial)

    def save() -> Decision:
        values = services.DecisionInput.of(form.cleaned_data)
        if decision is not None:
            return services.update_decision(decision=decision, by=request.user, values=values)
        return services.record_decision(event=event, by=request.user, values=values)

    response = handle_form(request, form, save, success=_("The decision has been recorded."))
    heading = _("Correct a decision") if decision else _("Record a decision")
    return response or render(
        request, "meetings/part_form.html", {"event": event, "form": form, "heading": heading}
    )


@login_required
@require_POST
def decision_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk, edit=True)
    services.delete_decision(decision=decision, by=request.user)
    messages.success(request, _("The decision has been removed."))
    return redirect(decision.event)


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        decision = selectors.decision_detail(pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    actions = list(decision.actions.all())
    can_record = can_record_decisions(request.user, decision.event)
    for action in actions:
        action.status_history = list(selectors.status_changes(action))  # type: ignore[attr-defined]
        # An action a person owns themselves is theirs to update: a placeholder while the page is kept.
        own = action.owner_person_id is not None and not can_record
        action.own_status_link = personal.own_action_part(request, action) if own else ""  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/decision.html",
        {
            "decision": decision,
            "event": decision.event,
            "today": timezone.localdate(),
            "can_record": can_record,
            # Owned through an organisation or a body: follows from the audience (focal points, chairs).
            "updatable": {
                action.pk
                for action in actions
                if can_record or (action.owner_person_id is None and can_update_action(request.user, action))
            },
        },
    )


def decision_list(request: HttpRequest) -> HttpResponse:
    """Every recorded decision, newest first, optionally of one body's meetings."""
    decisions = selectors.decisions()
    body = Body.objects.filter(slug=request.GET.get("body", "")).first()
    if body is not None:
        decisions = decisions.filter(event__owner_body=body)
    page = BoundedPaginator(decisions, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/decisions.html",
        {"page_obj": page, "decisions": page.object_list, "body": body, "today": timezone.localdate()},
    )


@login_required
def action_edit(
    request: SignedInRequest, decision_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    """Give someone a follow-up action of a decision, or change who owns it, what it is, or when it is due."""
    action = (
        get_object_or_404(FollowUpAction.objects.select_related("decision__event"), pk=pk) if pk else None
    )
    decision = action.decision if action else _decision(request, decision_pk or 0)
    if not can_record_decisions(request.user, decision.event):
        raise PermissionDenied
    initial = {name: getattr(action, name) for name in services.FOLLOW_UP_FIELDS} if action else {}
    form = FollowUpActionForm(
        request.POST or None, initial=initial, people=selectors.possible_owner_people(decision.event)
    )

    def save() -> FollowUpAction:
        values = services.FollowUpActionInput.of(form.cleaned_data)
        if action is not None:
            return services.update_follow_up_action(action=action, by=request.user, values=values)
        return services.add_follow_up_action(decision=decision, by=request.user, values=values)

    response = handle_form(
        request, form, save, success=_("The follow-up action has been saved."), to=decision
    )
    heading = _("Change a follow-up action") if action else _("Add a follow-up action")
    return response or render(
        request, "meetings/part_form.html", {"event": decision.event, "form": form, "heading": heading}
    )


@login_required
def action_status(request: SignedInRequest, pk: int) -> HttpResponse:
    """The owner reports progress: in progress, done, dropped (with a note), or open again."""
    action = get_object_or_404(FollowUpAction.objects.select_related("decision__event"), pk=pk)
    if not can_update_action(request.user, action):
        raise PermissionDenied
    form = ActionStatusForm(request.POST or None, initial={"status": action.status})
    response = handle_form(
        request,
        form,
        lambda: services.change_action_status(
            action=action,
            by=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            on=form.cleaned_data["on"],
        ),
        success=_("The status has been changed."),
        to=action,
    )
    heading = _("Change the status of “%(action)s”") % {"action": str(action)}
    return response or render(
        request, "meetings/part_form.html", {"event": action.decision.event, "form": form, "heading": heading}
    )


@login_required
def my_actions(request: SignedInRequest) -> HttpResponse:
    """The follow-up actions this person answers for, open ones first, overdue ones said in words."""
    actions = selectors.pending_first(selectors.actions_of(request.user))
    return render(request, "meetings/my_actions.html", {"actions": actions, "today": timezone.localdate()})
