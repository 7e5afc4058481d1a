"""Demo bodies and role terms, as the seed documents describe the partnership."""

from __future__ import annotations

import datetime

from alliance87.accounts.models import User
from alliance87.core import seeds
from alliance87.core.provenance import Cited
from alliance87.partners.models import Organisation

from .models import Body, BodyKind, MembershipRequest, RequestStatus, Role, RoleTerm

D = datetime.date

BODIES = [
    # (slug, kind, name, short name, parent slug, position, purpose)
    (
        "gcg",
        BodyKind.GCG,
        "Global Coordinating Group",
        "GCG",
        None,
        1,
        "The Global Coordinating Group (GCG) is composed of representatives of all stakeholder groups, with a strong "
        "role for governments. It has a rotating Chair and a Deputy Chair, and meets three times a year to set goals, "
        "assess progress and provide guidance for membership and implementation.",
    ),
    (
        "secretariat",
        BodyKind.SECRETARIAT,
        "Secretariat",
        "Secretariat",
        None,
        2,
        "The Secretariat of Alliance 8.7 is the International Labour Organization, based in Geneva. It prepares and "
        "coordinates the GCG meetings and other Alliance 8.7 events with the Chair, supports the Action Groups, "
        "backstops national pathfinder workshops, develops guidance tools and informs all partners on news and "
        "upcoming events.",
    ),
    (
        "supply-chains",
        BodyKind.ACTION_GROUP,
        "Action Group on Supply Chains",
        "Supply Chains",
        None,
        10,
        "A central hub for governments, businesses, trade unions and others to come together in support of plans and "
        "initiatives that have global and systemic dimensions on the area of supply chains. The Action Group is split "
        "into four working groups with the aim to develop concrete inputs during each two-year work plan.",
    ),
    (
        "wg-knowledge-gaps-research",
        BodyKind.WORKING_GROUP,
        "Working Group on Knowledge Gaps and Research",
        "",
        "supply-chains",
        11,
        "Advance research and understanding on child labour, forced labour and human trafficking "
        "in supply chains.",
    ),
    (
        "wg-capacity-building-tools",
        BodyKind.WORKING_GROUP,
        "Working Group on Capacity Building and Tools",
        "",
        "supply-chains",
        12,
        "Promote greater cooperation on capacity building and tools.",
    ),
    (
        "wg-priority-countries",
        BodyKind.WORKING_GROUP,
        "Working Group on Priority Countries and Supply Chains",
        "",
        "supply-chains",
        13,
        "Accelerate action in key countries and supply chains.",
    ),
    (
        "wg-advocacy-partnerships",
        BodyKind.WORKING_GROUP,
        "Working Group on Advocacy and Partnerships",
        "",
        "supply-chains",
        14,
        "Support policy coherence and advocacy at different levels.",
    ),
    (
        "migration",
        BodyKind.ACTION_GROUP,
        "Action Group on Migration",
        "Migration",
        None,
        20,
        "Focuses on the varying dynamics of migration within or across borders, and the increased vulnerability to "
        "abuse and exploitation that migrants may face whether they are moving irregularly or through regularized "
        "channels. The group looks at the entry points in the migration process where interventions could be most "
        "effective, and works closely with protection actors, employment bodies, workers' organizations, governments, "
        "think tanks, academia, human rights experts and the private sector.",
    ),
    (
        "rule-of-law-governance",
        BodyKind.ACTION_GROUP,
        "Action Group on Rule of Law and Governance",
        "Rule of Law and Governance",
        None,
        30,
        "Provides guidance to countries to improve legal and policy frameworks, including access to justice and the "
        "right to effective remedies. It provides tools such as model laws, and supports the setting up of national "
        "level accountability institutions such as equality bodies.",
    ),
    (
        "conflict-humanitarian",
        BodyKind.ACTION_GROUP,
        "Action Group on Conflict and Humanitarian Settings",
        "Conflict and Humanitarian Settings",
        None,
        40,
        "Focuses not just on the country or region in crisis, but also on areas where refugees or internally displaced "
        "people settle. Amongst other things, this group is improving standard prevention models using new research "
        "findings, and planning a study on the prevalence of forced labour and child labour in crisis contexts.",
    ),
    (
        "communication-group",
        BodyKind.COMMUNICATION_GROUP,
        "Communication Group",
        "Communication",
        None,
        50,
        "Responsible for the content of the website and the overall internal and external communication and "
        "engagement strategy; developed a communications toolkit for partners.",
    ),
]

#: Where each body's purpose is described.
BODY_SOURCES = {
    "gcg": seeds.DESCRIPTION,
    "secretariat": seeds.DESCRIPTION,
    "communication-group": seeds.DESCRIPTION,
    "migration": f"{seeds.ACTION_GROUPS}; {seeds.MIGRATION_RELEASE}",
}
CALL_2023 = Cited(
    source="“Calls for expression of interest”, Alliance 8.7",
    url="https://www.alliance87.org/calls-for-expression-of-interest/",
    read_on=D(2026, 12, 6),
)
#: The description of the initiative speaks of July 2019; the Action Groups page reports events up to November 2019;
#: IOM's release reports the workshop of 29–30 November 2018. Roles they report are true as of those dates.
AS_OF_DESCRIPTION = D(2019, 7, 1)
AS_OF_ACTION_GROUPS = D(2019, 11, 1)
AS_OF_MIGRATION_RELEASE = D(2018, 11, 30)


def _reported(source: str, as_of: datetime.date | None) -> Cited:
    return Cited(source=source, as_of=as_of)


def _illustrative(reason: str) -> Cited:
    return Cited(source=reason, illustrative=True)


DESCRIPTION = _reported(seeds.DESCRIPTION, AS_OF_DESCRIPTION)
ACTION_GROUPS = _reported(seeds.ACTION_GROUPS, AS_OF_ACTION_GROUPS)
MIGRATION_RELEASE = _reported(seeds.MIGRATION_RELEASE, AS_OF_MIGRATION_RELEASE)
NOT_NAMED = _illustrative("No seed document names this organisation a member of the group.")

#: (body slug, role, organisation acronym or None, country code, start, end, representative e-mail, note, cited)
#: The note says what the page should add in words; `cited` is where the term is reported, or illustrative.
TERMS: list[
    tuple[str, str, str | None, str, datetime.date | None, datetime.date | None, str | None, str, Cited]
] = [
    ("gcg", Role.CHAIR, None, "AU", D(2017, 11, 1), D(2019, 7, 1), None, "Rotating chair.", DESCRIPTION),
    (
        "gcg",
        Role.CHAIR,
        None,
        "FR",
        D(2019, 7, 1),
        D(2023, 5, 31),
        None,
        f"The term was to end in May 2023 ({CALL_2023.source}, {CALL_2023.url}, read 6 December 2026).",
        DESCRIPTION,
    ),
    (
        "gcg",
        Role.DEPUTY_CHAIR,
        None,
        "AR",
        D(2017, 11, 1),
        D(2023, 5, 31),
        None,
        "The term was to end in May 2023 (same call).",
        DESCRIPTION,
    ),
    ("secretariat", Role.HOST, "ILO", "", None, None, None, "Secretariat based in Geneva.", DESCRIPTION),
    (
        "supply-chains",
        Role.CHAIR,
        "ILO",
        "",
        D(2017, 6, 1),
        None,
        "chair@demo.alliance87.org",
        "Launched June 2017.",
        ACTION_GROUPS,
    ),
    ("migration", Role.CO_CHAIR, "IOM", "", None, None, None, "", MIGRATION_RELEASE),
    ("migration", Role.CO_CHAIR, "UNICEF", "", None, None, None, "", MIGRATION_RELEASE),
    ("rule-of-law-governance", Role.CHAIR, "OHCHR", "", None, None, None, "", ACTION_GROUPS),
    ("conflict-humanitarian", Role.CHAIR, "UNICEF", "", None, None, None, "", ACTION_GROUPS),
    # Members: the seeds describe who worked with the groups, rarely who joined them; start dates are left empty.
    (
        "supply-chains",
        Role.MEMBER,
        "FAO",
        "",
        None,
        None,
        None,
        "",
        _illustrative(f"{seeds.ACTION_GROUPS} names FAO in the CLEAR Cotton collaboration, not as a member."),
    ),
    ("wg-knowledge-gaps-research", Role.MEMBER, "UNU", "", None, None, None, "", NOT_NAMED),
    (
        "migration",
        Role.MEMBER,
        "ILO",
        "",
        None,
        None,
        None,
        "",
        _illustrative(
            f"Took part in the planning workshop, Geneva, November 2018 ({seeds.MIGRATION_RELEASE})."
        ),
    ),
    (
        "migration",
        Role.MEMBER,
        "Walk Free",
        "",
        None,
        None,
        None,
        "",
        _illustrative(
            f"Took part in the planning workshop, Geneva, November 2018 ({seeds.MIGRATION_RELEASE})."
        ),
    ),
    (
        "conflict-humanitarian",
        Role.MEMBER,
        "UNU",
        "",
        None,
        None,
        None,
        "Runs the group's workshop project.",
        _reported(seeds.UNU_CONFLICT, None),
    ),
    ("conflict-humanitarian", Role.MEMBER, "UNHCR", "", None, None, None, "", NOT_NAMED),
    ("conflict-humanitarian", Role.MEMBER, "UNODC", "", None, None, None, "", NOT_NAMED),
    ("rule-of-law-governance", Role.MEMBER, "UNODC", "", None, None, None, "", NOT_NAMED),
    ("communication-group", Role.MEMBER, "ILO", "", None, None, None, "", NOT_NAMED),
]


#: The bodies' names in French and Spanish (our translations of the names the seeds give in English; readers of
#: /fr/ and /es/ pages see them, with the English original one click away on the body's page).
NAMES = {
    # slug: ((French name, short name), (Spanish name, short name))
    "gcg": (("Groupe de coordination mondial", "GCG"), ("Grupo de Coordinación Mundial", "GCG")),
    "secretariat": (("Secrétariat", "Secrétariat"), ("Secretaría", "Secretaría")),
    "supply-chains": (
        ("Groupe d’action sur les chaînes d’approvisionnement", "Chaînes d’approvisionnement"),
        ("Grupo de Acción sobre Cadenas de Suministro", "Cadenas de suministro"),
    ),
    "wg-knowledge-gaps-research": (
        ("Groupe de travail sur les lacunes des connaissances et la recherche", ""),
        ("Grupo de Trabajo sobre Lagunas de Conocimiento e Investigación", ""),
    ),
    "wg-capacity-building-tools": (
        ("Groupe de travail sur le renforcement des capacités et les outils", ""),
        ("Grupo de Trabajo sobre Desarrollo de Capacidades y Herramientas", ""),
    ),
    "wg-priority-countries": (
        ("Groupe de travail sur les pays prioritaires et les chaînes d’approvisionnement", ""),
        ("Grupo de Trabajo sobre Países Prioritarios y Cadenas de Suministro", ""),
    ),
    "wg-advocacy-partnerships": (
        ("Groupe de travail sur le plaidoyer et les partenariats", ""),
        ("Grupo de Trabajo sobre Incidencia y Alianzas", ""),
    ),
    "migration": (
        ("Groupe d’action sur les migrations", "Migrations"),
        ("Grupo de Acción sobre Migración", "Migración"),
    ),
    "rule-of-law-governance": (
        ("Groupe d’action sur l’état de droit et la gouvernance", "État de droit et gouvernance"),
        ("Grupo de Acción sobre Estado de Derecho y Gobernanza", "Estado de derecho y gobernanza"),
    ),
    "conflict-humanitarian": (
        (
            "Groupe d’action sur les situations de conflit et de crise humanitaire",
            "Conflits et crises humanitaires",
        ),
        (
            "Grupo de Acción sobre Situaciones de Conflicto y Crisis Humanitarias",
            "Conflictos y crisis humanitarias",
        ),
    ),
    "communication-group": (
        ("Groupe de communication", "Communication"),
        ("Grupo de Comunicación", "Comunicación"),
    ),
}


def _translated_names(slug: str) -> dict[str, str]:
    (name_fr, short_fr), (name_es, short_es) = NAMES[slug]
    return {"name_fr": name_fr, "short_name_fr": short_fr, "name_es": name_es, "short_name_es": short_es}


def load() -> list[str]:
    bodies: dict[str, Body] = {}
    for slug, kind, name, short_name, parent, position, purpose in BODIES:
        bodies[slug], _created = Body.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name": name,
                "short_name": short_name,
                "parent": bodies.get(parent) if parent else None,
                "position": position,
                "purpose": purpose,
                **_translated_names(slug),
                "source": BODY_SOURCES.get(slug, seeds.ACTION_GROUPS),
                "is_demo": True,
                "is_open_to_requests": kind in (BodyKind.ACTION_GROUP, BodyKind.WORKING_GROUP),
            },
        )
    organisations = {o.acronym: o for o in Organisation.objects.filter(is_demo=True)}
    for slug, role, acronym, country, start, end, email, note, cited in TERMS:
        RoleTerm.objects.update_or_create(
            body=bodies[slug],
            role=role,
            organisation=organisations.get(acronym) if acronym else None,
            country=country,
            start_date=start,
            defaults={
                "end_date": end,
                "note": note,
                **cited.as_fields(),
                "is_demo": True,
                "representative": User.objects.filter(email=email).first() if email else None,
            },
        )
    MembershipRequest.objects.get_or_create(
        body=bodies["supply-chains"],
        organisation=organisations["Walk Free"],
        status=RequestStatus.PENDING,
        defaults={
            "motivation": "We would like to contribute our research on forced labour in supply chains.",
            "is_demo": True,
            "requested_by": User.objects.filter(email="focal@demo.alliance87.org").first(),
        },
    )
    return []
