"""Who may see and change statistical data, and who may touch case-level data.

- Series (and so their observations): public ones to everyone; "partners only" to people of partner organisations
  and the Secretariat; "a named body" to the Secretariat and the body's members.
- The Secretariat keeps the catalogue (creates and edits series) and may import into any series; the focal points
  of a series' data steward may import into that series.
- Case-level data sets are restricted: only the Secretariat and the people of the owning organisation know they
  exist; nobody, on any page or in the API, sees their rows. The owning organisation's focal points and the
  Secretariat publish aggregate tables from them, which then follow their own access level.
"""

from __future__ import annotations

from django.db.models import Q

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person
from alliance87.bodies.permissions import member_body_ids
from alliance87.partners.models import Organisation
from alliance87.partners.permissions import focal_point_organisation_ids, is_partner_member, organisation_ids

from .models import Access, CaseDataset, PublishedTable, Series


def _access_filter(user: Person, prefix: str = "") -> Q:
    """The access rule shared by series and published tables (both have `access` and `access_body`)."""
    if is_secretariat(user):
        return Q()
    visible = Q(**{f"{prefix}access": Access.PUBLIC})
    if is_partner_member(user):
        visible |= Q(**{f"{prefix}access": Access.PARTNERS})
    body_ids = member_body_ids(user)
    if body_ids:
        visible |= Q(**{f"{prefix}access": Access.BODY, f"{prefix}access_body_id__in": body_ids})
    return visible


def visible_series(user: Person) -> Q:
    """A filter on Series for what this person may see; observations use `visible_series_of_observations`."""
    return _access_filter(user)


def visible_series_of_observations(user: Person) -> Q:
    """The same rule as a filter on Observation (through its series)."""
    return _access_filter(user, prefix="series__")


def can_view_series(user: Person, series: Series) -> bool:
    if series.access == Access.PUBLIC or is_secretariat(user):
        return True
    if series.access == Access.PARTNERS:
        return is_partner_member(user)
    return series.access_body_id in member_body_ids(user)


def can_manage_series(user: Person) -> bool:
    """Creating and editing series is the Secretariat's."""
    return is_secretariat(user)


def can_import_into_series(user: Person, series: Series) -> bool:
    if is_secretariat(user):
        return True
    return bool(series.steward_id and series.steward_id in focal_point_organisation_ids(user))


def can_import_observations(user: Person) -> bool:
    """Whether the import page is for this person: the Secretariat, or a focal point of some series' steward."""
    if is_secretariat(user):
        return True
    organisation_ids = focal_point_organisation_ids(user)
    return bool(organisation_ids) and Series.objects.filter(steward_id__in=organisation_ids).exists()


def _organisation_ids(user: Person) -> frozenset[int]:
    return organisation_ids(user)


def visible_case_datasets(user: Person) -> Q:
    """Case-level data sets this person may know of (never their rows): the Secretariat and the owners' people."""
    if is_secretariat(user):
        return Q()
    return Q(organisation_id__in=_organisation_ids(user))


def can_view_case_dataset(user: Person, dataset: CaseDataset) -> bool:
    return is_secretariat(user) or dataset.organisation_id in _organisation_ids(user)


def upload_organisation_ids(user: Person) -> frozenset[int]:
    """The organisations on whose behalf this person may upload case-level data: those they belong to."""
    return _organisation_ids(user)


def can_upload_case_data(user: Person) -> bool:
    return is_secretariat(user) or bool(_organisation_ids(user))


def can_upload_case_data_for(user: Person, organisation: Organisation) -> bool:
    return is_secretariat(user) or organisation.pk in _organisation_ids(user)


def can_publish_from_dataset(user: Person, dataset: CaseDataset) -> bool:
    """Publishing aggregates is a decision for the owners' focal points or the Secretariat."""
    return is_secretariat(user) or dataset.organisation_id in focal_point_organisation_ids(user)


def can_delete_case_dataset(user: Person, dataset: CaseDataset) -> bool:
    return can_publish_from_dataset(user, dataset)


def visible_tables(user: Person) -> Q:
    """A filter on PublishedTable for the aggregate tables this person may read."""
    return _access_filter(user)


def can_view_table(user: Person, table: PublishedTable) -> bool:
    if table.access == Access.PUBLIC or is_secretariat(user):
        return True
    if table.access == Access.PARTNERS:
        return is_partner_member(user)
    return table.access_body_id in member_body_ids(user)


def can_withdraw_table(user: Person, table: PublishedTable) -> bool:
    return is_secretariat(user) or table.dataset.organisation_id in focal_point_organisation_ids(user)


def can_read_publication_log(user: Person) -> bool:
    return is_secretariat(user)
