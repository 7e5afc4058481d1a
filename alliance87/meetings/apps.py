from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "alliance87.meetings"
    verbose_name = _("Events and meetings")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .decision_models import Decision, FollowUpAction, Minutes
        from .models import AgendaSession, Event, OutcomeNote, RoadmapAction

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Event, AgendaSession, OutcomeNote, RoadmapAction, Minutes, Decision, FollowUpAction):
            track_history(model)

        from alliance87.core.layout import fill_slot

        # A library item's page lists the events that discussed it, without the library knowing meetings.
        fill_slot("library-item-sections", "meetings/includes/item_events.html")

        # Cached public pages (the calendar, a body's page, the home page) change when an event starts or ends.
        from alliance87.core.pagecache import register_clock

        from .selectors import next_change

        register_clock(next_change)

        from .decision_selectors import next_day_change

        # "Overdue by 3 days" on a body's page changes at midnight even when nothing is written.
        register_clock(next_day_change)

        # A signed-in person's event page is kept for their audience; their registration is filled in when served.
        from alliance87.core.audiencecache import register_keyed_personal

        from . import personal

        register_keyed_personal(personal.REGISTRATION, personal.fill_registration)
        register_keyed_personal(personal.PARTICIPANTS, personal.fill_participants)
        register_keyed_personal(personal.OWN_ACTION, personal.fill_own_action)
