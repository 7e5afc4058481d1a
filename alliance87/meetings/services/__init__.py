"""Changes to events, their agendas, registrations, outcomes and roadmaps, minutes, decisions and follow-up actions.

One module per idea; this package re-exports the services other code calls, so ``from alliance87.meetings import
services`` keeps working. Registration is the one place where people race each other for places: every change to an
event's registrations first locks the event row (see ``registrations``).
"""

from ..models import MAX_EVENT_LENGTH
from .agenda import SESSION_FIELDS, SessionInput, delete_session, save_session
from .calendar import calendar_feed_of, link_event_to_path_step, rotate_calendar_feed
from .common import FIRST_YEAR, LAST_YEAR, aware_in_zone
from .decisions import (
    DECISION_FIELDS,
    FOLLOW_UP_FIELDS,
    DecisionInput,
    FollowUpActionInput,
    add_follow_up_action,
    change_action_status,
    delete_decision,
    delete_follow_up_action,
    record_decision,
    update_decision,
    update_follow_up_action,
)
from .events import (
    EVENT_FIELDS,
    RESERVED_SLUGS,
    SIGNIFICANT_FIELDS,
    EventInput,
    cancel_event,
    create_event,
    update_event,
)
from .minutes import publish_minutes, save_minutes, unpublish_minutes
from .outcomes import (
    ACTION_FIELDS,
    OUTCOME_FIELDS,
    OutcomeInput,
    RoadmapActionInput,
    delete_outcome,
    delete_roadmap_action,
    link_action_to_plan_activity,
    save_outcome,
    save_roadmap_action,
    turn_action_into_plan_activity,
)
from .registrations import (
    approve_registration,
    cancel_registration,
    decline_registration,
    register,
    registration_closed_reason,
)

__all__ = [
    "ACTION_FIELDS",
    "DECISION_FIELDS",
    "EVENT_FIELDS",
    "FIRST_YEAR",
    "FOLLOW_UP_FIELDS",
    "LAST_YEAR",
    "MAX_EVENT_LENGTH",
    "OUTCOME_FIELDS",
    "RESERVED_SLUGS",
    "SESSION_FIELDS",
    "SIGNIFICANT_FIELDS",
    "DecisionInput",
    "EventInput",
    "FollowUpActionInput",
    "OutcomeInput",
    "RoadmapActionInput",
    "SessionInput",
    "add_follow_up_action",
    "approve_registration",
    "aware_in_zone",
    "calendar_feed_of",
    "cancel_event",
    "cancel_registration",
    "change_action_status",
    "create_event",
    "decline_registration",
    "delete_decision",
    "delete_follow_up_action",
    "delete_outcome",
    "delete_roadmap_action",
    "delete_session",
    "link_action_to_plan_activity",
    "link_event_to_path_step",
    "publish_minutes",
    "record_decision",
    "register",
    "registration_closed_reason",
    "rotate_calendar_feed",
    "save_minutes",
    "save_outcome",
    "save_roadmap_action",
    "save_session",
    "turn_action_into_plan_activity",
    "unpublish_minutes",
    "update_decision",
    "update_event",
    "update_follow_up_action",
]
