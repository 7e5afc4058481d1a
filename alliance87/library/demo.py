"""Demo library: the seed documents as catalogued items with their real metadata, illustrative items so that the
facets mean something, a working group's restricted draft, two collections and a generated PDF with real text."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core import seeds
from alliance87.core.provenance import Cited
from alliance87.countries.models import PathStep, PathStepKind
from alliance87.partners.models import Organisation

from . import search, services
from .models import (
    Access,
    Collection,
    CollectionEntry,
    Concept,
    GovernanceDocument,
    GovernanceRole,
    IndexChange,
    Item,
    ItemFile,
    ItemKind,
)
from .samples import text_pdf
from .tasks import extract_text

K = ItemKind
SECRETARIAT_EMAIL = "secretariat@demo.alliance87.org"

UNU_ABSTRACT = (
    "In December 2015, the United Nations Security Council held its first-ever thematic debate on Trafficking in "
    "Persons in Situations of Conflict. The Security Council adopted a Presidential Statement that signalled a "
    "willingness to explore concrete steps to strengthen the international response to human trafficking, and "
    "requested a report from the Secretary-General, within a year, on steps taken within the UN system. There are "
    "real practical and political limits to Security Council action on this issue. But there is also now a unique "
    "opening for action. To explore these possibilities and limits, on 30 June and 1 July 2016, United Nations "
    "University and the Permanent Missions of the United Kingdom and of Liechtenstein to the United Nations "
    "organized a two-day workshop, with the support of Thomson Reuters and the Grace Farms Foundation. This "
    "workshop brought together 100 expert participants from Permanent Missions to the United Nations, UN entities, "
    "national law enforcement agencies, Financial Intelligence Units, the technology sector, the financial sector, "
    "media and civil society. This report distils insights from the Workshop regarding the connections between "
    "human trafficking and conflict; considers what forms of leverage are available to the Security Council to "
    "address this phenomenon; and summarizes the Ideas for Action emerging from the Workshop. Human trafficking, as "
    "defined by the relevant protocol to the UN Convention against Transnational Organized Crime, relates to a "
    "variety of forms of exploitation, including modern slavery and enslavement crimes, child recruitment, sex "
    "slavery, organ trafficking, forced labour and forced military service. The report identifies three patterns "
    "of human trafficking in armed conflict situations: 1) human trafficking within and into conflict-affected "
    "areas; 2) child recruitment by non-state armed groups (NSAGs); and 3) human trafficking issuing from "
    "conflict-affected areas. This report considers that the role of the Security Council will need to vary, "
    "depending on the nature of the human trafficking activity. In some cases, it may be direct and disruptive. In "
    "others it may be more normative, or may involve shaping the UN’s field response. In each of these areas, the "
    "Security Council can also take action to encourage and support other actors – Member States, regional "
    "organizations, the private sector – to pay attention to and address human trafficking in conflict. 10 Ideas "
    "for Action developed by Workshop Participants are summarized in this report. Broadly, they fall into four "
    "potential contributions that the Security Council can make in the effort to fight human trafficking in "
    "conflict: Denunciation and Accountability – using the Security Council’s authority and legitimacy to denounce "
    "human trafficking in conflict, to reinforce global norms against it, to counter the emerging narrative "
    "normalizing slavery in conflict, and to promote accountability; Disruption – through data-sharing "
    "(particularly amongst law enforcement and financial sector actors), monitoring, use of existing sanctions "
    "tools, and fostering private sector due diligence; Protection – strengthening capabilities to identify, "
    "assist and protect civilians vulnerable to human trafficking in conflict; and A framework for future action – "
    "involving the establishment of a new position of Special Representative of the Secretary-General, an annual "
    "report, and an annual Open Debate."
)

CONFLICT_WORKSHOP = (
    "The Alliance 8.7 Action Group on Conflict & Humanitarian Settings is a multi-stakeholder group of UN entities, "
    "Member States, civil society actors and other stakeholders committed to taking action in these areas. This "
    "Workshop provides an opportunity for members of this group to meet together, consider priority areas for "
    "research and action, and engage potential partners within the system to advance this agenda.\n\n"
    "The Workshop will focus in particular on the key issues identified in Resolution 2331, which include:\n\n"
    "- Procurement and supply chains: mitigating the risk of UN agencies contributing to trafficking in persons in "
    "armed conflict through procurement and supply chains (UNSCR 2331 OP 23);\n"
    "- Protection: incorporating these issues into humanitarian needs assessments (OP 20) and the use of the "
    "existing protection system (OP 20);\n"
    "- Training for actors in conflict situations: Resolution 2331 encourages training on prevention and response "
    "for peacekeepers (OP 3(a)), UNODC, UNHCR, UNICEF, IOM, Interpol, and others (OP 17);\n"
    "- Reporting to the UNSC: by missions (OP 21, OP 23), in CTED country assessments (OP 16), and on areas, routes "
    "and location (OP 23), and by SR on SVC and Group of Experts on Rule of Law (OP 17);\n"
    "- Strengthening UN coordination: for prevention, counter trafficking, and protection of victims and those at "
    "risk, including through ICAT (OP 23).\n\n"
    "The Workshop will consider options for advancing research and action in each of these areas, including "
    "through coordinated action within the UN system or in the context of Alliance 8.7. This may include "
    "identification of research priorities and development of a roadmap for the Alliance 8.7 Action Group on "
    "Conflict and Humanitarian Settings. The Workshop will largely take the format of an informal roundtable."
)

IOM_NEWS = (
    "Geneva – The International Organization for Migration (IOM) facilitated a two-day planning workshop of the "
    "Migration Action Group from 29 to 30 November, in collaboration with UNICEF, ILO and the Walk Free Foundation."
    "\n\nThe workshop, which gathered 30 participants representing UN agencies, NGOs, trade unions, employers’ "
    "groups, coalitions, governments, academics and think tanks, provided a forum for stakeholders to strategize on "
    "how to tackle the issues addressed under Sustainable Development Goal (SDG) Target 8.7 – the elimination of "
    "forced labour, modern slavery, human trafficking and all forms of child labour.\n\n"
    "To establish a work plan through which practical activities can be supported at global, regional, and country "
    "levels, the workshop covered an overview of Alliance 8.7 to date; findings from the research into migrant "
    "vulnerabilities through the lens of crime prevention, undertaken by the Walk Free Foundation during 2018; key "
    "findings from a desk review of child labour in the context of migration; recommendations for policy and "
    "support to practical implementation; and the prioritization of key activities and a subsequent research "
    "agenda.\n\nThe Migration Action Group, co-chaired by IOM and UNICEF, consists of over 50 organizations who are "
    "also partners to the Alliance."
)

ALLIANCE_DESCRIPTION = (
    "Alliance 8.7 is a global partnership fostering multi-stakeholder collaboration to support governments in "
    "achieving target 8.7 of Agenda 2030. It promotes 1) accelerated action to eradicate forced labour, modern "
    "slavery, human trafficking and child labour; 2) research, data collection and knowledge sharing on prevalence "
    "and “what works”; and 3) driving innovation and leveraging resources. The Alliance works globally through four "
    "thematic Action Groups, a Communication Group and supports the national efforts of an initial group of 15 "
    "pathfinder countries that have committed to accelerate action, organize national multi-stakeholder "
    "consultations and set up respective time-bound action plans with measurable targets.\n\n"
    "One of the main objectives of Alliance 8.7 is to strengthen the knowledge base and the capacity of governments "
    "and other stakeholders to accelerate and coordinate action and implement policies and programmes that are "
    "conducive to the eradication of forced labour, modern slavery, human trafficking and child labour. The "
    "Alliance has started to analyse the role and potential of technology, and the UN University, as a key "
    "knowledge partner, has started a “Code 8.7” initiative."
)

#: The seed documents: (slug, fields, concept codes, corporate author acronyms, related body slugs)
SEED_ITEMS: list[tuple[str, dict[str, Any], list[str], list[str], list[str]]] = [
    (
        "fighting-human-trafficking-in-conflict",
        {
            "kind": K.REPORT,
            "title": "Fighting Human Trafficking in Conflict",
            "subtitle": "10 Ideas for Action by the United Nations Security Council",
            "authors": [("Cockayne", "James"), ("Walker", "Summer")],
            "publication_date": datetime.date(2016, 9, 8),
            "place_of_publication": "New York",
            "pages": "xi, 45",
            "isbn": "9789280890310",
            "language": "en",
            "abstract": UNU_ABSTRACT,
            "licence": "© United Nations University 2016, all rights reserved",
            "event_title": "Fighting Human Trafficking in Conflict",
            "event_place": "New Canaan",
            "event_dates": "2016/06/30-07/01",
            "url": "https://collections.unu.edu/view/UNU:5784",
            "keywords": ["UN Security Council", "conflict"],
        },
        ["human-trafficking", "child-recruitment", "conflict-humanitarian", "qualitative"],
        ["UNU"],
        ["conflict-humanitarian"],
    ),
    (
        "unsc-resolution-2331-2016",
        {
            "kind": K.LEGAL_INSTRUMENT,
            "title": "Resolution 2331 (2016)",
            "subtitle": "Maintenance of international peace and security: trafficking in persons in conflict situations",
            "publication_date": datetime.date(2016, 12, 20),
            "place_of_publication": "New York",
            "publisher_name": "United Nations Security Council",
            "language": "en",
            "abstract": (
                "Adopted by the Security Council at its 7847th meeting, on 20 December 2016 (document "
                "S/RES/2331 (2016)): the Council's first resolution on trafficking in persons in conflict "
                "situations, including sexual violence in conflict as a tactic of terrorism."
            ),
            "url": "https://undocs.org/S/RES/2331(2016)",
            "keywords": ["S/RES/2331 (2016)", "UN Security Council"],
        },
        ["human-trafficking", "sexual-exploitation", "conflict-humanitarian", "legal-analysis"],
        [],
        ["conflict-humanitarian"],
    ),
    (
        "conflict-humanitarian-action-group-workshop",
        {
            "kind": K.WORKSHOP_REPORT,
            "title": "Alliance 8.7 – Conflict & Humanitarian",
            "subtitle": "Workshop of the Action Group on Conflict and Humanitarian Settings",
            "language": "en",
            "year": 2017,
            "abstract": CONFLICT_WORKSHOP,
            "event_title": "Alliance 8.7 Action Group on Conflict & Humanitarian Settings workshop",
            "event_place": "UNU Office at the United Nations, New York",
        },
        ["human-trafficking", "conflict-humanitarian"],
        ["UNU"],
        ["conflict-humanitarian"],
    ),
    (
        "iom-hosts-migration-action-group-workshop",
        {
            "kind": K.NEWS,
            "title": "IOM Hosts Strategic Planning Workshop of Alliance 8.7 Migration Action Group",
            "publication_date": datetime.date(2018, 12, 4),
            "place_of_publication": "Geneva",
            "language": "en",
            "abstract": IOM_NEWS,
            "event_title": "Strategic planning workshop of the Migration Action Group",
            "event_place": "Geneva",
            "event_dates": "29–30 November 2018",
            "keywords": ["Human Smuggling", "Labour Migration", "Migration and Youth"],
            "countries": ["CH"],
        },
        ["forced-labour", "child-labour", "human-trafficking", "migration"],
        ["IOM"],
        ["migration"],
    ),
    (
        "alliance-8-7-description-of-the-initiative",
        {
            "kind": K.REPORT,
            "title": "Alliance 8.7: description of the initiative",
            "language": "en",
            "year": 2019,  # it reports France as GCG chair "since July 2019"
            "abstract": ALLIANCE_DESCRIPTION,
        },
        ["forced-labour", "child-labour", "human-trafficking", "modern-slavery", "data-measurement"],
        ["ILO"],
        ["gcg"],
    ),
    (
        "pathfinder-country-guidance-note",
        {
            "kind": K.POLICY_BRIEF,
            "title": "Pathfinder Country Guidance note",
            "language": "en",
            "abstract": (
                "Since the launch of the partnership in September 2016, the Global Coordinating Group has adopted "
                "Terms of Reference for the Alliance and a Pathfinder Country Guidance note.\n\n"
                "Source: Alliance 8.7: description of the initiative. A catalogue record only: the source gives "
                "no date and no text of the note."
            ),
        },
        [],
        [],
        ["gcg"],
    ),
    (
        "terms-of-reference-of-alliance-8-7",
        {
            "kind": K.POLICY_BRIEF,
            "title": "Terms of Reference of Alliance 8.7",
            "language": "en",
            "abstract": (
                "Since the launch of the partnership in September 2016, the Global Coordinating Group has adopted "
                "Terms of Reference for the Alliance and a Pathfinder Country Guidance note.\n\n"
                "Source: Alliance 8.7: description of the initiative. A catalogue record only: the source gives "
                "no date and no text of the Terms of Reference (nor any rule of the chair's rotation)."
            ),
        },
        [],
        [],
        ["gcg"],
    ),
    (
        "pathfinder-strategic-planning-workshop-guidance-tool",
        {
            "kind": K.TOOLKIT,
            "title": "Guidance tool for the Pathfinder Country Strategic Planning Workshop",
            "language": "en",
            "abstract": (
                "The Secretariat has developed a guidance tool on how to organize, prepare and conduct a "
                "Pathfinder Country Strategic Planning Workshop including lessons learned from the first few "
                "workshops.\n\nSource: Alliance 8.7: description of the initiative. A catalogue record only: "
                "the source gives no date and no text of the tool."
            ),
        },
        [],
        ["ILO"],
        ["gcg"],
    ),
]

#: The seed document each catalogue record is taken from.
SEED_ITEM_SOURCES = {
    "fighting-human-trafficking-in-conflict": seeds.UNU_TEN_IDEAS,
    "unsc-resolution-2331-2016": seeds.UNU_CONFLICT,
    "conflict-humanitarian-action-group-workshop": seeds.UNU_CONFLICT,
    "iom-hosts-migration-action-group-workshop": seeds.MIGRATION_RELEASE,
    "alliance-8-7-description-of-the-initiative": seeds.DESCRIPTION,
    "pathfinder-country-guidance-note": seeds.DESCRIPTION,
    "terms-of-reference-of-alliance-8-7": seeds.DESCRIPTION,
    "pathfinder-strategic-planning-workshop-guidance-tool": seeds.DESCRIPTION,
}
ILLUSTRATIVE_RECORD = Cited(illustrative=True)

#: Guidance linked to the steps it serves, on the illustrative countries' paths: (item slug, step)
GUIDANCE_FOR_STEPS = [
    ("pathfinder-country-guidance-note", PathStepKind.GCG_ACCEPTANCE),
    ("pathfinder-strategic-planning-workshop-guidance-tool", PathStepKind.COORDINATION),
]

ILLUSTRATIVE = "*Illustrative demo item: not a real publication.*\n\n"

#: Illustrative items: (kind, title, language, year, concept codes, countries, corporate author acronym, body slug)
ILLUSTRATIVE_ITEMS: list[tuple[str, str, str, int, list[str], list[str], str, str]] = [
    (
        K.POLICY_BRIEF,
        "Forced labour risks in cocoa supply chains",
        "en",
        2019,
        ["forced-labour", "child-labour", "supply-chains", "africa"],
        ["CI", "GH"],
        "ILO",
        "supply-chains",
    ),
    (
        K.EVIDENCE_SUMMARY,
        "What works to reduce child labour in agriculture",
        "en",
        2021,
        ["child-labour", "systematic-review", "supply-chains"],
        ["MW", "UZ"],
        "FAO",
        "wg-knowledge-gaps-research",
    ),
    (
        K.RESEARCH_PAPER,
        "Cash transfers and child labour: a randomised evaluation",
        "en",
        2020,
        ["child-labour", "randomised-evaluation", "data-measurement", "africa"],
        ["MW"],
        "UNICEF",
        "",
    ),
    (
        K.RESEARCH_PAPER,
        "Recruitment fees and debt bondage among migrant workers in the Gulf",
        "en",
        2018,
        ["debt-bondage", "forced-labour", "migration", "quasi-experimental", "arab-states"],
        ["QA", "NP"],
        "IOM",
        "migration",
    ),
    (
        K.DATASET,
        "Global Estimates of Modern Slavery: country tables",
        "en",
        2022,
        ["modern-slavery", "forced-marriage", "forced-labour", "descriptive-statistical", "data-measurement"],
        [],
        "Walk Free",
        "",
    ),
    (
        K.TOOLKIT,
        "Due diligence toolkit for garment suppliers",
        "en",
        2023,
        ["forced-labour", "supply-chains", "asia-pacific"],
        ["BD", "KH"],
        "OECD",
        "supply-chains",
    ),
    (
        K.POLICY_BRIEF,
        "Le travail forcé dans les chaînes d'approvisionnement du coton",
        "fr",
        2020,
        ["forced-labour", "supply-chains", "qualitative", "africa"],
        ["BF", "ML"],
        "ILO",
        "supply-chains",
    ),
    (
        K.EVIDENCE_SUMMARY,
        "Mariage forcé et conflits armés : synthèse des données",
        "fr",
        2021,
        ["forced-marriage", "conflict-humanitarian", "mixed-methods", "africa"],
        ["NE", "TD"],
        "UNICEF",
        "conflict-humanitarian",
    ),
    (
        K.REPORT,
        "La traite des personnes en Côte d'Ivoire : état des lieux",
        "fr",
        2017,
        ["human-trafficking", "child-labour", "descriptive-statistical", "africa"],
        ["CI"],
        "UNODC",
        "",
    ),
    (
        K.RESEARCH_PAPER,
        "Trabajo infantil en la minería artesanal de oro",
        "es",
        2019,
        ["child-labour", "qualitative", "supply-chains", "americas"],
        ["PE", "CO"],
        "ILO",
        "",
    ),
    (
        K.POLICY_BRIEF,
        "Trata de personas y migración venezolana en la región andina",
        "es",
        2020,
        ["human-trafficking", "migration", "mixed-methods", "americas"],
        ["CO", "PE", "EC"],
        "IOM",
        "migration",
    ),
    (
        K.TOOLKIT,
        "Guía para inspectores de trabajo sobre trabajo forzoso",
        "es",
        2024,
        ["forced-labour", "rule-of-law-governance", "americas"],
        ["CL", "MX"],
        "ILO",
        "rule-of-law-governance",
    ),
    (
        K.EVIDENCE_SUMMARY,
        "Child recruitment by armed groups: what prevention works",
        "en",
        2022,
        ["child-recruitment", "conflict-humanitarian", "systematic-review"],
        ["SS", "CD"],
        "UNICEF",
        "conflict-humanitarian",
    ),
    (
        K.LEGAL_INSTRUMENT,
        "Model legislation on forced labour: commentary",
        "en",
        2016,
        ["forced-labour", "rule-of-law-governance", "legal-analysis"],
        [],
        "UNODC",
        "rule-of-law-governance",
    ),
    (
        K.RESEARCH_PAPER,
        "Sexual exploitation of displaced women and girls",
        "en",
        2018,
        ["sexual-exploitation", "human-trafficking", "conflict-humanitarian", "qualitative", "arab-states"],
        ["LB", "JO"],
        "UN Women",
        "conflict-humanitarian",
    ),
    (
        K.DATASET,
        "Labour force survey module on forced labour: pilot results",
        "en",
        2023,
        ["forced-labour", "data-measurement", "descriptive-statistical", "asia-pacific"],
        ["NP", "LK"],
        "ILO",
        "wg-knowledge-gaps-research",
    ),
    (
        K.MEDIA,
        "Podcast: survivors lead the response to modern slavery",
        "en",
        2025,
        ["modern-slavery", "human-trafficking"],
        ["GB"],
        "Walk Free",
        "communication-group",
    ),
    (
        K.NEWS,
        "Pathfinder Country adopts national action plan on child labour",
        "en",
        2024,
        ["child-labour", "rule-of-law-governance", "africa"],
        ["MG"],
        "ILO",
        "gcg",
    ),
    (
        K.POLICY_BRIEF,
        "Access to justice for victims of trafficking in Europe",
        "en",
        2021,
        ["human-trafficking", "rule-of-law-governance", "legal-analysis", "europe-central-asia"],
        ["RO", "BG"],
        "OHCHR",
        "rule-of-law-governance",
    ),
    (
        K.EVIDENCE_SUMMARY,
        "Fair recruitment interventions: an evidence map",
        "en",
        2025,
        ["forced-labour", "debt-bondage", "migration", "mixed-methods", "asia-pacific"],
        ["PH", "MY"],
        "IOM",
        "migration",
    ),
    (
        K.RESEARCH_PAPER,
        "Forced labour in fishing: vessel monitoring and satellite data",
        "en",
        2019,
        ["forced-labour", "supply-chains", "quasi-experimental", "data-measurement", "asia-pacific"],
        ["TH", "ID"],
        "UNU",
        "supply-chains",
    ),
    (
        K.REPORT,
        "Travail des enfants et éducation au Sahel",
        "fr",
        2015,
        ["child-labour", "descriptive-statistical", "africa"],
        ["NE", "ML", "BF"],
        "UNICEF",
        "",
    ),
    (
        K.WORKSHOP_REPORT,
        "Roadmap workshop on refugees' access to decent work",
        "en",
        2023,
        ["forced-labour", "migration", "conflict-humanitarian", "arab-states"],
        ["JO"],
        "UNHCR",
        "migration",
    ),
    (
        K.TOOLKIT,
        "Herramientas de comunicación para la Meta 8.7",
        "es",
        2022,
        ["modern-slavery", "child-labour"],
        [],
        "ILO",
        "communication-group",
    ),
]

UNU_PDF_TEXT = [
    "Fighting Human Trafficking in Conflict: 10 Ideas for Action by the United Nations Security Council.",
    "James Cockayne and Summer Walker. United Nations University, New York, 2016.",
    UNU_ABSTRACT,
    "(Demo file generated by the platform: a short stand-in for the 45-page report, with its abstract as text.)",
]


def _save(by: User, slug: str, data: dict[str, Any], cited: Cited) -> Item:
    """Create or bring up to date one demo item through the service (which records it for the search index)."""
    item = Item.objects.filter(slug=slug).first()
    item = services.save_item(by=by, values=services.ItemInput.of({**data, "slug": slug}), item=item)
    Item.objects.filter(pk=item.pk).update(is_demo=True, **cited.as_fields())
    return item


def _relations(codes: list[str], acronyms: list[str], body_slugs: list[str]) -> dict[str, Any]:
    concepts = list(Concept.objects.filter(code__in=codes))
    return {
        "concepts": concepts,
        "corporate_authors": list(Organisation.objects.filter(acronym__in=acronyms)),
        "bodies": list(Body.objects.filter(slug__in=[s for s in body_slugs if s])),
    }


#: Documents that govern a body, as the seeds state them: (body slug, item slug, role)
GOVERNANCE = [("gcg", "terms-of-reference-of-alliance-8-7", GovernanceRole.TERMS_OF_REFERENCE)]


def _governance(items: dict[str, Item]) -> None:
    for position, (body_slug, item_slug, role) in enumerate(GOVERNANCE):
        body = Body.objects.filter(slug=body_slug).first()
        if body is not None and item_slug in items:
            GovernanceDocument.objects.update_or_create(
                body=body, item=items[item_slug], role=role, defaults={"position": position, "is_demo": True}
            )


def load() -> list[str]:
    by = User.objects.get(email=SECRETARIAT_EMAIL)
    items: dict[str, Item] = {}
    for slug, fields, codes, acronyms, bodies in SEED_ITEMS:
        data = {**fields, **_relations(codes, acronyms, bodies)}
        if slug == "fighting-human-trafficking-in-conflict":
            data["publisher"] = Organisation.objects.filter(acronym="UNU").first()
        items[slug] = _save(by, slug, data, Cited(source=SEED_ITEM_SOURCES[slug]))
    _governance(items)

    for n, (kind, title, language, year, codes, countries, acronym, body) in enumerate(ILLUSTRATIVE_ITEMS):
        slug = slugify(f"demo-{n + 1:02d}-{title}")[:80].strip("-")
        data = {
            "kind": kind,
            "title": title,
            "language": language,
            "year": year,
            "countries": countries,
            "abstract": ILLUSTRATIVE
            + f"A {ItemKind(kind).label.lower()} on {', '.join(codes[:3]).replace('-', ' ')}.",
            **_relations(codes, [acronym], [body]),
        }
        items[slug] = _save(by, slug, data, ILLUSTRATIVE_RECORD)

    draft = _save(
        by,
        "draft-research-agenda-knowledge-gaps",
        {
            "kind": K.REPORT,
            "title": "Draft research agenda on knowledge gaps (for the working group's review)",
            "language": "en",
            "year": 2025,
            "abstract": ILLUSTRATIVE + "A working draft, visible only to the members of the working group.",
            "access": Access.BODY,
            "access_body": Body.objects.get(slug="wg-knowledge-gaps-research"),
            **_relations(["data-measurement", "forced-labour"], ["ILO"], ["wg-knowledge-gaps-research"]),
        },
        ILLUSTRATIVE_RECORD,
    )

    for slug, kind in GUIDANCE_FOR_STEPS:
        items[slug].path_steps.set(
            PathStep.objects.filter(kind=kind, is_demo=True, is_illustrative=True, skip_reason="")
        )

    unu = items["fighting-human-trafficking-in-conflict"]
    if not ItemFile.objects.filter(item=unu).exists():
        upload = SimpleUploadedFile("UNUReport_Pages.pdf", text_pdf(UNU_PDF_TEXT, title=unu.full_title))
        item_file = services.attach_file(item=unu, by=by, uploaded_file=upload, description="Demo stand-in")
        ItemFile.objects.filter(pk=item_file.pk).update(is_demo=True)
        extract_text.call(
            file_id=item_file.pk
        )  # at once, so the demo's search finds its text without a worker

    _collection(
        "conflict-and-trafficking-essentials",
        "Essential reading on trafficking in conflict",
        "Start here: the UNU report, Security Council resolution 2331 and the Action Group's workshop.",
        Body.objects.filter(slug="conflict-humanitarian").first(),
        [
            items["fighting-human-trafficking-in-conflict"],
            items["unsc-resolution-2331-2016"],
            items["conflict-humanitarian-action-group-workshop"],
        ],
    )
    _collection(
        "evidence-on-what-works",
        "Evidence on what works",
        "Evaluations and evidence summaries collected by the Secretariat (illustrative demo list).",
        None,
        [*[i for i in items.values() if i.kind in {K.EVIDENCE_SUMMARY, K.RESEARCH_PAPER}][:6], draft],
    )
    search.rebuild()
    return [
        f"Library: {Item.objects.filter(is_demo=True).count()} demo items, {Collection.objects.filter(is_demo=True).count()} collections."
    ]


def _collection(slug: str, title: str, description: str, owner: Body | None, items: list[Item]) -> None:
    collection, _created = Collection.objects.update_or_create(
        slug=slug, defaults={"title": title, "description": description, "owner_body": owner, "is_demo": True}
    )
    for position, item in enumerate(items):
        CollectionEntry.objects.update_or_create(
            collection=collection, item=item, defaults={"position": position}
        )


def after_removal() -> dict[str, int]:
    """Once the demo's items are deleted: take them out of the search index now and drop their change log."""
    gone = IndexChange.objects.exclude(item_id__in=Item.objects.values("pk"))
    item_ids = sorted(set(gone.values_list("item_id", flat=True)))
    for item_id in item_ids:
        search.remove_item(item_id)
    changes, _details = gone.delete()
    return {"search index entries": len(item_ids), IndexChange._meta.label: changes}
