"""Demo partner organisations (those the seed documents name) and one demo account per role."""

from __future__ import annotations

from alliance87.accounts.models import User
from alliance87.accounts.services import verify_account_address
from alliance87.core import seeds
from alliance87.core.demo import DEMO_PASSWORD

from .models import (
    ApplicationStatus,
    Organisation,
    OrganisationMembership,
    OrganisationType,
    PartnerApplication,
)

T = OrganisationType

#: Partners the description of the initiative names among the partner organisations (UN entities, other
#: international organisations, the UN University); its descriptions say what a seed document reports of them.
PARTNER_LIST = f"{seeds.DESCRIPTION}, list of partners"
#: (acronym or short key, name, type, country, website, description, source, partner of Alliance 8.7?)
ORGANISATIONS = [
    (
        "ILO",
        "International Labour Organization",
        T.UN_ENTITY,
        "",
        "https://www.ilo.org",
        "Hosts the Alliance 8.7 Secretariat in Geneva and chairs the Action Group on Supply Chains.",
        f"{seeds.DESCRIPTION}; {seeds.ACTION_GROUPS}",
        True,
    ),
    (
        "IOM",
        "International Organization for Migration",
        T.UN_ENTITY,
        "",
        "https://www.iom.int",
        "Co-chairs the Action Group on Migration.",
        f"{PARTNER_LIST}; {seeds.MIGRATION_RELEASE}",
        True,
    ),
    (
        "UNICEF",
        "United Nations Children's Fund",
        T.UN_ENTITY,
        "",
        "https://www.unicef.org",
        "Co-chairs the Action Group on Migration and chairs the Action Group on Conflict and Humanitarian Settings.",
        f"{PARTNER_LIST}; {seeds.ACTION_GROUPS}",
        True,
    ),
    (
        "OHCHR",
        "Office of the United Nations High Commissioner for Human Rights",
        T.UN_ENTITY,
        "",
        "https://www.ohchr.org",
        "Chairs the Action Group on Rule of Law and Governance.",
        f"{PARTNER_LIST}; {seeds.ACTION_GROUPS}",
        True,
    ),
    (
        "UNHCR",
        "Office of the United Nations High Commissioner for Refugees",
        T.UN_ENTITY,
        "",
        "https://www.unhcr.org",
        "Named among the UN entities that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "UNODC",
        "United Nations Office on Drugs and Crime",
        T.UN_ENTITY,
        "",
        "https://www.unodc.org",
        "Named among the UN entities that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "UN Women",
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        T.UN_ENTITY,
        "",
        "https://www.unwomen.org",
        "Named among the UN entities that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "FAO",
        "Food and Agriculture Organization of the United Nations",
        T.UN_ENTITY,
        "",
        "https://www.fao.org",
        "Works on child labour in agriculture, e.g. in the CLEAR Cotton project with the EU and the ILO.",
        f"{PARTNER_LIST}; {seeds.ACTION_GROUPS}",
        True,
    ),
    (
        "UNU",
        "United Nations University",
        T.ACADEMIC,
        "",
        "https://unu.edu",
        "Developed the Delta 8.7 Knowledge Platform for Alliance 8.7; runs the Action Group on Conflict and "
        "Humanitarian Settings' workshop project.",
        f"{PARTNER_LIST}; {seeds.UNU_CONFLICT}",
        True,
    ),
    (
        "OECD",
        "Organisation for Economic Co-operation and Development",
        T.INTERNATIONAL_ORGANISATION,
        "",
        "https://www.oecd.org",
        "Named among the other international organisations that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        T.INTERNATIONAL_ORGANISATION,
        "",
        "https://www.osce.org",
        "Named among the other international organisations that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "ICMPD",
        "International Centre for Migration Policy Development",
        T.INTERNATIONAL_ORGANISATION,
        "AT",
        "https://www.icmpd.org",
        "Named among the other international organisations that are partners of Alliance 8.7.",
        PARTNER_LIST,
        True,
    ),
    (
        "Walk Free",
        "Walk Free Foundation",
        T.CIVIL_SOCIETY,
        "AU",
        "https://www.walkfree.org",
        "Researched migrant vulnerabilities through the lens of crime prevention in 2018 for the Migration Action Group.",
        seeds.MIGRATION_RELEASE,
        True,
    ),
    # The Action Groups page lists these two among the supply chain initiatives mapped in May 2018, not as partners
    # or members: they are in the directory as organisations the partnership works with, not as partners.
    (
        "GBCAT",
        "Global Business Coalition Against Human Trafficking",
        T.BUSINESS,
        "",
        "https://www.gbcat.org",
        "Its work was among the supply chain initiatives the Action Group on Supply Chains mapped in May 2018.",
        seeds.ACTION_GROUPS,
        False,
    ),
    (
        "UNGC",
        "United Nations Global Compact",
        T.BUSINESS,
        "",
        "https://unglobalcompact.org",
        "Its Decent Work in Global Supply Chains Action Platform was among the supply chain initiatives the Action "
        "Group on Supply Chains mapped in May 2018.",
        seeds.ACTION_GROUPS,
        False,
    ),
    (
        "PACT",
        "Pact",
        T.CIVIL_SOCIETY,
        "US",
        "https://www.pactworld.org",
        "Works with the ILO in the COTECCO project against child labour in artisanal cobalt mining.",
        seeds.ACTION_GROUPS,
        False,
    ),
    (
        "DFID",
        "UK Department for International Development",
        T.GOVERNMENT,
        "GB",
        "https://www.gov.uk",
        "Funded the project Advancing the Alliance 8.7 Action Group on Migration.",
        seeds.MIGRATION_RELEASE,
        False,
    ),
]

DEMO_ACCOUNTS = [
    # (email, full name, role description, secretariat?, administrator?, organisation acronym, focal point?)
    (
        "admin@demo.alliance87.org",
        "Ada Administrator",
        "administrator (Django admin)",
        False,
        True,
        None,
        False,
    ),
    ("secretariat@demo.alliance87.org", "Sami Secretariat", "Secretariat officer", True, False, "ILO", False),
    (
        "chair@demo.alliance87.org",
        "Chidi Chair",
        "chair of the Supply Chains Action Group (for the ILO)",
        False,
        False,
        "ILO",
        False,
    ),
    (
        "focal@demo.alliance87.org",
        "Fatima Focal",
        "focal point of Walk Free Foundation",
        False,
        False,
        "Walk Free",
        True,
    ),
    (
        "member@demo.alliance87.org",
        "Marco Member",
        "partner member (Walk Free Foundation)",
        False,
        False,
        "Walk Free",
        False,
    ),
]


#: Official French and Spanish names and acronyms, as each organisation publishes them on its own site (the address
#: in ORGANISATIONS, in French and Spanish). Organisations without an official one are left untranslated, so pages
#: show the English name marked "in English".
OFFICIAL_TRANSLATIONS: dict[str, dict[str, str]] = {
    "ILO": {
        "name_fr": "Organisation internationale du Travail",
        "acronym_fr": "OIT",
        "name_es": "Organización Internacional del Trabajo",
        "acronym_es": "OIT",
    },
    "IOM": {
        "name_fr": "Organisation internationale pour les migrations",
        "acronym_fr": "OIM",
        "name_es": "Organización Internacional para las Migraciones",
        "acronym_es": "OIM",
    },
    "UNICEF": {
        "name_fr": "Fonds des Nations Unies pour l’enfance",
        "name_es": "Fondo de las Naciones Unidas para la Infancia",
    },
    "OHCHR": {
        "name_fr": "Haut-Commissariat des Nations Unies aux droits de l’homme",
        "acronym_fr": "HCDH",
        "name_es": "Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos",
        "acronym_es": "ACNUDH",
    },
    "UNHCR": {
        "name_fr": "Haut-Commissariat des Nations Unies pour les réfugiés",
        "acronym_fr": "HCR",
        "name_es": "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "acronym_es": "ACNUR",
    },
    "UNODC": {
        "name_fr": "Office des Nations Unies contre la drogue et le crime",
        "acronym_fr": "ONUDC",
        "name_es": "Oficina de las Naciones Unidas contra la Droga y el Delito",
    },
    "UN Women": {
        "name_fr": "Entité des Nations Unies pour l’égalité des sexes et l’autonomisation des femmes",
        "acronym_fr": "ONU Femmes",
        "name_es": "Entidad de las Naciones Unidas para la Igualdad de Género y el Empoderamiento de las Mujeres",
        "acronym_es": "ONU Mujeres",
    },
    "FAO": {
        "name_fr": "Organisation des Nations Unies pour l’alimentation et l’agriculture",
        "name_es": "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
    },
    "UNU": {
        "name_fr": "Université des Nations Unies",
        "name_es": "Universidad de las Naciones Unidas",
    },
    "OECD": {
        "name_fr": "Organisation de coopération et de développement économiques",
        "acronym_fr": "OCDE",
        "name_es": "Organización para la Cooperación y el Desarrollo Económicos",
        "acronym_es": "OCDE",
    },
    "OSCE": {
        "name_fr": "Organisation pour la sécurité et la coopération en Europe",
        "name_es": "Organización para la Seguridad y la Cooperación en Europa",
    },
    "UNGC": {
        "name_fr": "Pacte mondial des Nations Unies",
        "name_es": "Pacto Mundial de las Naciones Unidas",
    },
}


def _slug(acronym: str) -> str:
    return acronym.lower().replace(" ", "-")


def load() -> list[str]:
    by_acronym: dict[str, Organisation] = {}
    for acronym, name, type_, country, website, description, source, is_partner in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=_slug(acronym),
            defaults={
                "name": name,
                "acronym": acronym,
                "type": type_,
                "country": country,
                "website": website,
                "description": description,
                "is_partner": is_partner,
                "source": source,
                "is_demo": True,
                **OFFICIAL_TRANSLATIONS.get(acronym, {}),
            },
        )
        by_acronym[acronym] = organisation

    lines = ["", f"Demo accounts (password for all: {DEMO_PASSWORD}):"]
    for email, full_name, role, secretariat, administrator, member_of, focal in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email, username=email)
        user.full_name = full_name
        user.is_secretariat = secretariat
        user.is_superuser = user.is_staff = administrator
        user.is_demo = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        verify_account_address(
            user=user
        )  # demo addresses receive no mail; they sign in with the password alone
        if member_of:
            OrganisationMembership.objects.update_or_create(
                user=user,
                organisation=by_acronym[member_of],
                defaults={"is_focal_point": focal, "is_demo": True},
            )
        lines.append(f"  {email:<34} {role}")
    lines.append("  (a public visitor needs no account)")

    PartnerApplication.objects.update_or_create(
        organisation_name="Example Anti-Slavery Network",
        is_demo=True,
        defaults={
            "acronym": "EASN",
            "type": T.CIVIL_SOCIETY,
            "country": "KE",
            "website": "https://easn.example.org",
            "description": "An illustrative network of community organisations supporting survivors of trafficking.",
            "contact_name": "Grace Wanjiru",
            "contact_email": "grace@easn.example.org",
            "contact_job_title": "Coordinator",
            "commitments": "Share survivor-informed evidence with the Migration Action Group; report progress yearly.",
            "status": ApplicationStatus.PENDING,
        },
    )
    return lines
