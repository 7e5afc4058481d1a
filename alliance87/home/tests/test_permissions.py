"""Who may use each page that changes something: one table, every role, the outcome a person would see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from alliance87.accounts.models import ApiToken, User
from alliance87.accounts.services import issue_api_token
from alliance87.bodies.models import Body, MembershipRequest, RequestStatus, RoleTerm
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import ApplicationStatus, Organisation, PartnerApplication

ROLES = [
    "anonymous",
    "outsider",
    "member",
    "focal_point",
    "other_focal_point",
    "chair",
    "other_chair",
    "secretariat",
    "admin",
]
SECRETARIAT = frozenset({"secretariat", "admin"})
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
EVERYONE = frozenset(ROLES)


@dataclass
class Scene:
    """The world plus one thing of each kind to act on."""

    world: Any
    application: PartnerApplication
    membership_request: MembershipRequest
    term: RoleTerm
    token: ApiToken


@pytest.fixture
def scene(world) -> Scene:
    application = PartnerApplication.objects.create(
        email_confirmed_at=timezone.now(),
        organisation_name="Walk Free Example",
        type="civil_society",
        description="Research.",
        contact_name="Grace",
        contact_email="grace@walkfree.example.org",
        commitments="An index.",
    )
    membership_request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, requested_by=world.focal_point
    )
    token, _raw = issue_api_token(user=world.focal_point, name="script")
    return Scene(
        world=world,
        application=application,
        membership_request=membership_request,
        term=RoleTerm.objects.get(body=world.gcg, country="FR"),
        token=token,
    )


def application_status(s: Scene) -> str:
    return PartnerApplication.objects.get(pk=s.application.pk).status


def request_status(s: Scene) -> str:
    return MembershipRequest.objects.get(pk=s.membership_request.pk).status


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[Scene], str]
    allowed: frozenset[str]
    data: Callable[[Scene], dict[str, Any]] = lambda s: {}
    #: For a POST: did the change happen? (called with the scene and the acting user, None when anonymous)
    done: Callable[[Scene, User | None], bool] | None = None
    refused_status: int = 403
    login_required: bool = True
    id: str = field(default="", compare=False)


ORGANISATION_EDIT = {
    "name": "Freedom Fund Example",
    "acronym": "FFE",
    "type": "civil_society",
    "country": "GB",
    "website": "",
    "description": "Edited by the test",
}
APPLICATION = {
    "organisation_name": "Stop Slavery Example",
    "type": "business",
    "description": "Audits.",
    "contact_name": "Sam",
    "contact_email": "sam@stop.example.org",
    "commitments": "Audit suppliers.",
    "accept_terms": "on",
}
TERM = {"role": "chair", "country": "FR", "start_date": "2019-07-01", "note": "Edited by the test"}

CASES = [
    # partners
    Case(
        "apply",
        "POST",
        lambda s: "/partners/apply/",
        EVERYONE,
        lambda s: APPLICATION,
        lambda s, u: PartnerApplication.objects.filter(organisation_name="Stop Slavery Example").exists(),
        login_required=False,
    ),
    Case("applications queue", "GET", lambda s: "/partners/applications/", SECRETARIAT),
    Case(
        "application review page", "GET", lambda s: f"/partners/applications/{s.application.pk}/", SECRETARIAT
    ),
    Case(
        "approve application",
        "POST",
        lambda s: f"/partners/applications/{s.application.pk}/approve/",
        SECRETARIAT,
        done=lambda s, u: application_status(s) == ApplicationStatus.APPROVED,
    ),
    Case(
        "reject application",
        "POST",
        lambda s: f"/partners/applications/{s.application.pk}/reject/",
        SECRETARIAT,
        lambda s: {"reason": "Out of scope"},
        lambda s, u: application_status(s) == ApplicationStatus.REJECTED,
    ),
    Case("add organisation page", "GET", lambda s: "/partners/new/", SECRETARIAT),
    Case(
        "add organisation",
        "POST",
        lambda s: "/partners/new/",
        SECRETARIAT,
        lambda s: {"name": "Ministry of Labour of Fiji", "type": "government"},
        lambda s, u: Organisation.objects.filter(name="Ministry of Labour of Fiji").exists(),
    ),
    Case(
        "edit organisation page",
        "GET",
        lambda s: "/partners/freedom-fund-example/edit/",
        SECRETARIAT | {"focal_point"},
    ),
    Case(
        "edit organisation",
        "POST",
        lambda s: "/partners/freedom-fund-example/edit/",
        SECRETARIAT | {"focal_point"},
        lambda s: ORGANISATION_EDIT,
        lambda s, u: (
            Organisation.objects.get(slug="freedom-fund-example").description == "Edited by the test"
        ),
    ),
    # bodies
    Case("add body page", "GET", lambda s: "/bodies/new/", SECRETARIAT),
    Case(
        "add body",
        "POST",
        lambda s: "/bodies/new/",
        SECRETARIAT,
        lambda s: {"kind": "action_group", "name": "Action Group on Rule of Law", "position": 30},
        lambda s, u: Body.objects.filter(name="Action Group on Rule of Law").exists(),
    ),
    Case("edit body page", "GET", lambda s: "/bodies/migration/edit/", SECRETARIAT),
    Case(
        "edit body",
        "POST",
        lambda s: "/bodies/migration/edit/",
        SECRETARIAT,
        lambda s: {
            "kind": "action_group",
            "name": "Action Group on Mobility",
            "short_name": "Migration",
            "position": 20,
            "is_open_to_requests": "on",
        },
        lambda s, u: Body.objects.get(slug="migration").name == "Action Group on Mobility",
    ),
    Case("add role page", "GET", lambda s: "/bodies/supply-chains/terms/new/", SECRETARIAT | {"chair"}),
    Case(
        "add member",
        "POST",
        lambda s: "/bodies/supply-chains/terms/new/",
        SECRETARIAT | {"chair"},
        lambda s: {"role": "member", "organisation": s.world.other_ngo.pk, "start_date": "2024-01-01"},
        lambda s, u: RoleTerm.objects.filter(
            body=s.world.supply_chains, organisation=s.world.other_ngo
        ).exists(),
    ),
    Case("edit role term page", "GET", lambda s: f"/bodies/terms/{s.term.pk}/edit/", SECRETARIAT),
    Case(
        "edit role term",
        "POST",
        lambda s: f"/bodies/terms/{s.term.pk}/edit/",
        SECRETARIAT,
        lambda s: TERM,
        lambda s, u: RoleTerm.objects.get(pk=s.term.pk).note == "Edited by the test",
    ),
    Case(
        "delete role term",
        "POST",
        lambda s: f"/bodies/terms/{s.term.pk}/delete/",
        SECRETARIAT,
        done=lambda s, u: not RoleTerm.objects.filter(pk=s.term.pk).exists(),
    ),
    Case("join page", "GET", lambda s: "/bodies/join/freedom-fund-example/", SECRETARIAT | {"focal_point"}),
    Case(
        "ask to join",
        "POST",
        lambda s: "/bodies/join/freedom-fund-example/",
        SECRETARIAT | {"focal_point"},
        lambda s: {"body": s.world.migration.pk, "motivation": "Please"},
        lambda s, u: MembershipRequest.objects.filter(
            body=s.world.migration, organisation=s.world.ngo
        ).exists(),
    ),
    Case("requests inbox", "GET", lambda s: "/bodies/requests/", SIGNED_IN),
    Case(
        "approve request",
        "POST",
        lambda s: f"/bodies/requests/{s.membership_request.pk}/approve/",
        SECRETARIAT | {"chair"},
        done=lambda s, u: request_status(s) == RequestStatus.APPROVED,
    ),
    Case(
        "decline request",
        "POST",
        lambda s: f"/bodies/requests/{s.membership_request.pk}/decline/",
        SECRETARIAT | {"chair"},
        lambda s: {"comment": "Full"},
        lambda s, u: request_status(s) == RequestStatus.DECLINED,
    ),
    Case(
        "withdraw request",
        "POST",
        lambda s: f"/bodies/requests/{s.membership_request.pk}/withdraw/",
        SECRETARIAT | {"focal_point"},
        done=lambda s, u: request_status(s) == RequestStatus.WITHDRAWN,
    ),
    # countries
    Case("add country page", "GET", lambda s: "/countries/new/", SECRETARIAT),
    Case(
        "add country",
        "POST",
        lambda s: "/countries/new/",
        SECRETARIAT,
        lambda s: {"country": "KE", "status": "preparing"},
        lambda s, u: PathfinderCountry.objects.filter(country="KE").exists(),
    ),
    Case("edit country page", "GET", lambda s: "/countries/fj/edit/", SECRETARIAT),
    Case(
        "edit country",
        "POST",
        lambda s: "/countries/fj/edit/",
        SECRETARIAT,
        lambda s: {"country": "FJ", "summary": "Edited by the matrix."},
        lambda s, u: PathfinderCountry.objects.get(country="FJ").summary == "Edited by the matrix.",
    ),
    # accounts
    Case(
        "create own API token",
        "POST",
        lambda s: "/accounts/me/",
        SIGNED_IN,
        lambda s: {"name": "mine", "scope": "read", "days": "30"},
        lambda s, u: ApiToken.objects.filter(user=u, name="mine").exists(),
    ),
    Case(
        "revoke an API token",
        "POST",
        lambda s: f"/accounts/me/tokens/{s.token.pk}/revoke/",
        {"focal_point"},
        done=lambda s, u: not ApiToken.objects.get(pk=s.token.pk).is_active,
        refused_status=404,
    ),
]

MATRIX = [pytest.param(case, role, id=f"{case.name}-{role}") for case in CASES for role in ROLES]


@pytest.mark.parametrize("case, role", MATRIX)
def test_permission_matrix(scene, client_for, case: Case, role: str):
    user = None if role == "anonymous" else getattr(scene.world, role)
    client = client_for(user)
    url = case.url(scene)

    response = client.get(url) if case.method == "GET" else client.post(url, case.data(scene))

    if role in case.allowed:
        assert response.status_code in (200, 302), response.content[:300]
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
        if case.method == "GET":
            assert response.status_code == 200
        if case.done is not None:
            assert case.done(scene, user), f"{role} was allowed but nothing changed"
    else:
        if role == "anonymous" and case.login_required:
            assert response.status_code == 302
            assert response["Location"].startswith(f"/accounts/login/?next={url}")
        else:
            assert response.status_code == case.refused_status
        if case.done is not None:
            assert not case.done(scene, user), f"{role} was refused but the change happened"


@pytest.mark.parametrize(
    "role, can_enter",
    [("admin", True), ("secretariat", False), ("chair", False), ("focal_point", False), ("outsider", False)],
)
def test_django_admin_is_for_administrators_only(world, client_for, role, can_enter):
    user = getattr(world, role)
    user.is_staff = True  # even a staff flag set by mistake does not open the admin to non-administrators
    user.save()
    client = client_for(user)

    index = client.get("/admin/")
    change_list = client.get("/admin/auth/group/")

    if can_enter:
        assert index.status_code == 200
        assert change_list.status_code == 200
        assert "Site administration" in index.content.decode()
    else:
        assert index.status_code == 302
        assert index["Location"].startswith("/admin/login/")
        assert change_list.status_code == 302
        assert change_list["Location"].startswith("/admin/login/")


def test_django_admin_asks_anonymous_visitors_to_sign_in(world, client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
