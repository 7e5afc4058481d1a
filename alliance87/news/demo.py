"""Demo news: posts drawn from the seed documents (the IOM release on the Migration Action Group's workshop with
its French and Spanish translations, the Global Business Network on Forced Labour, Delta 8.7 and Code 8.7), two
confirmed subscribers at example.org and a draft newsletter issue for the last month. Idempotent."""

from __future__ import annotations

import datetime

from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core import seeds
from alliance87.core.provenance import Cited

from .models import NewsletterIssue, Post, PostStatus, Subscriber, SubscriberStatus
from .newsletter import assemble_body, default_title
from .services import tags_from_names
from .subscriptions import new_token

SECRETARIAT_EMAIL = "secretariat@demo.alliance87.org"

IOM_WORKSHOP_EN = """\
**Geneva** – The International Organization for Migration (IOM) facilitated a two-day planning workshop of the \
Migration Action Group from 29 to 30 November, in collaboration with UNICEF, ILO and the Walk Free Foundation.

The workshop, which gathered 30 participants representing UN agencies, NGOs, trade unions, employers’ groups, \
coalitions, governments, academics and think tanks, provided a forum for stakeholders to strategize on how to \
tackle the issues addressed under Sustainable Development Goal (SDG) Target 8.7 – the elimination of forced \
labour, modern slavery, human trafficking and all forms of child labour.

Participants exchanged perspectives, practices and priorities for advancing the objectives of Alliance 8.7 – a \
global initiative committed to achieving Target 8.7 – by providing a platform for partners to share information \
and best practices, and to demonstrate progress. Focusing specifically on migration, partners discussed ways to \
maximize unique institutional advantages and combine efforts to achieve the ambitious commitments of Target 8.7.

To establish a work plan through which practical activities can be supported at global, regional, and country \
levels, the workshop covered the following components:

- An overview of Alliance 8.7 to date, with the evolution of thematic action groups and concept of Pathfinder \
Countries;
- Presentation of findings from the research into migrant vulnerabilities through the lens of crime prevention, \
undertaken by the Walk Free Foundation during 2018;
- Presentation of key findings from a desk review of child labour in the context of migration;
- Discussions on recommendations for policy as well as support to practical implementation;
- Prioritizing key activities and a subsequent research agenda.

“I am excited to be engaged in this initiative as this is the kind of evidenced-based, coordinated and multi \
sectorial approach that the will lead to impactful change,” said Anh Nguyen, Head of IOM’s Migrant Protection \
and Assistance Division, after the event.

A representative from the UK Department for International Development (DFID) highlighted the need for robust \
research and evidence. He stated: “The UK is determined to see an end to modern slavery in all its forms. In \
order to reach SDG Target 8.7, we need to understand individuals’ vulnerabilities to and structural drivers of \
forced labour, modern slavery and human trafficking, and ‘what works’ to address them.”

The workshop was organized under the DFID-funded project Advancing the Alliance 8.7 Action Group on Migration. \
Thematic Action Groups were established under the Alliance to ensure targeted, specialized expertise would be \
dedicated to addressing issues of modern slavery, trafficking, forced labour and child labour.

The Migration Action Group, co-chaired by IOM and UNICEF, consists of over 50 organizations who are also \
partners to the Alliance.
"""

IOM_WORKSHOP_FR = """\
**Genève** – L’Organisation internationale pour les migrations (OIM) a animé du 29 au 30 novembre un atelier de \
planification de deux jours du Groupe d’action sur les migrations, en collaboration avec l’UNICEF, l’OIT et la \
Walk Free Foundation.

L’atelier a réuni 30 participants représentant des agences des Nations Unies, des ONG, des syndicats, des \
organisations d’employeurs, des coalitions, des gouvernements, des universitaires et des groupes de réflexion. \
Il a permis aux parties prenantes de définir ensemble une stratégie face aux questions couvertes par la cible 8.7 \
des objectifs de développement durable : l’élimination du travail forcé, de l’esclavage moderne, de la traite \
des êtres humains et de toutes les formes de travail des enfants.

Afin d’établir un plan de travail soutenant des activités concrètes aux niveaux mondial, régional et national, \
l’atelier a abordé les points suivants :

- un aperçu d’Alliance 8.7 à ce jour, avec l’évolution des groupes d’action thématiques et le concept de pays \
pionniers ;
- la présentation des résultats de la recherche sur les vulnérabilités des migrants sous l’angle de la \
prévention de la criminalité, menée par la Walk Free Foundation en 2018 ;
- la présentation des principales conclusions d’une revue documentaire sur le travail des enfants dans le \
contexte des migrations ;
- des discussions sur des recommandations de politiques et sur l’appui à la mise en œuvre ;
- la hiérarchisation des activités clés et un programme de recherche.

Le Groupe d’action sur les migrations, coprésidé par l’OIM et l’UNICEF, compte plus de 50 organisations, \
toutes partenaires de l’Alliance.
"""

IOM_WORKSHOP_ES = """\
**Ginebra** – La Organización Internacional para las Migraciones (OIM) facilitó del 29 al 30 de noviembre un \
taller de planificación de dos días del Grupo de Acción sobre Migración, en colaboración con UNICEF, la OIT y la \
Walk Free Foundation.

El taller reunió a 30 participantes de agencias de las Naciones Unidas, ONG, sindicatos, organizaciones de \
empleadores, coaliciones, gobiernos, académicos y centros de estudio, y ofreció un espacio para definir \
estrategias frente a los temas de la meta 8.7 de los Objetivos de Desarrollo Sostenible: la eliminación del \
trabajo forzoso, la esclavitud moderna, la trata de personas y todas las formas de trabajo infantil.

Para establecer un plan de trabajo que apoye actividades prácticas a nivel mundial, regional y nacional, el \
taller abordó:

- una visión general de Alianza 8.7 hasta la fecha, con la evolución de los grupos de acción temáticos y el \
concepto de países pioneros;
- los resultados de la investigación sobre las vulnerabilidades de los migrantes desde la prevención del delito, \
realizada por la Walk Free Foundation en 2018;
- las conclusiones principales de una revisión documental sobre el trabajo infantil en el contexto de la \
migración;
- debates sobre recomendaciones de política y apoyo a la implementación práctica;
- la priorización de actividades clave y una agenda de investigación.

El Grupo de Acción sobre Migración, copresidido por la OIM y UNICEF, reúne a más de 50 organizaciones que también \
son socias de la Alianza.
"""

BUSINESS_NETWORK = """\
In June 2018 the Alliance 8.7 Action Group on Supply Chains, chaired by the International Labour Organization \
(ILO), marked the launch of the **Global Business Network on Forced Labour**.

The Action Group was established in June 2017 as a central hub for governments, businesses, trade unions and \
others to come together in support of plans and initiatives that have global and systemic dimensions in the area \
of supply chains. In May 2018 it mapped supply chain initiatives: the Global Business Coalition Against Human \
Trafficking, the UN Global Compact Decent Work in Global Supply Chains Action Platform, the RESPECT Initiative \
founding organisations and the ILO Global Business Network on Forced Labour.

The Action Group works through four working groups – on knowledge gaps and research, capacity building and \
tools, priority countries and supply chains, and advocacy and partnerships – each developing concrete inputs \
during its two-year work plan.
"""

KNOWLEDGE = """\
One of the main objectives of Alliance 8.7 is to strengthen the knowledge base and the capacity of governments \
and other stakeholders to accelerate and coordinate action towards Target 8.7.

The UN University, as a key knowledge partner, has developed the **Delta 8.7 Knowledge Platform for \
Alliance 8.7**, which helps decision-makers understand and use data responsibly to inform policies that \
contribute to achieving Target 8.7. It brings together and explains the most useful data, evidence, research and \
news, and analyses cutting-edge data.

The Alliance has also started to analyse the role and potential of technology to prevent forced labour, modern \
slavery, human trafficking and child labour, and to hold perpetrators accountable: blockchain, satellite \
technology (area mapping), data and communication technology and financial flow analysis. The UN University's \
**Code 8.7** initiative explores this potential and brings different partners together for a first exchange on \
opportunities.

More information: [delta87.org](https://delta87.org)
"""

#: (slug, language, original slug, title, summary, body, published (UTC), body slugs, tags)
POSTS = [
    (
        "iom-hosts-migration-action-group-workshop",
        "en",
        None,
        "IOM Hosts Strategic Planning Workshop of Alliance 8.7 Migration Action Group",
        "Thirty participants met in Geneva on 29–30 November to prepare the Migration Action Group's work plan: "
        "human smuggling, labour migration, migration and youth.",
        IOM_WORKSHOP_EN,
        datetime.datetime(2018, 12, 4, 9, 0, tzinfo=datetime.UTC),
        ["migration"],
        ["Migration", "Workshops", "Research"],
    ),
    (
        "oim-atelier-groupe-action-migrations",
        "fr",
        "iom-hosts-migration-action-group-workshop",
        "L’OIM accueille l’atelier de planification stratégique du Groupe d’action d’Alliance 8.7 sur les migrations",
        "Trente participants se sont réunis à Genève les 29 et 30 novembre pour préparer le plan de travail du "
        "Groupe d’action sur les migrations.",
        IOM_WORKSHOP_FR,
        datetime.datetime(2018, 12, 5, 9, 0, tzinfo=datetime.UTC),
        ["migration"],
        ["Migration", "Workshops"],
    ),
    (
        "oim-taller-grupo-accion-migracion",
        "es",
        "iom-hosts-migration-action-group-workshop",
        "La OIM acoge el taller de planificación estratégica del Grupo de Acción sobre Migración de Alianza 8.7",
        "Treinta participantes se reunieron en Ginebra el 29 y 30 de noviembre para preparar el plan de trabajo "
        "del Grupo de Acción sobre Migración.",
        IOM_WORKSHOP_ES,
        datetime.datetime(2018, 12, 5, 10, 0, tzinfo=datetime.UTC),
        ["migration"],
        ["Migration", "Workshops"],
    ),
    (
        "global-business-network-on-forced-labour-launched",
        "en",
        None,
        "Launch of the Global Business Network on Forced Labour",
        "The Action Group on Supply Chains marks the launch of the ILO Global Business Network on Forced Labour "
        "(June 2018).",
        BUSINESS_NETWORK,
        datetime.datetime(2018, 6, 15, 9, 0, tzinfo=datetime.UTC),
        ["supply-chains"],
        ["Supply chains", "Business"],
    ),
    (
        "delta-87-and-code-87",
        "en",
        None,
        "Delta 8.7 and Code 8.7: knowledge and technology for Target 8.7",
        "The UN University's Delta 8.7 knowledge platform and its Code 8.7 initiative help partners use data, "
        "evidence and technology against forced labour, modern slavery, human trafficking and child labour.",
        KNOWLEDGE,
        datetime.datetime(2019, 9, 20, 9, 0, tzinfo=datetime.UTC),
        ["secretariat"],
        ["Research", "Data", "Technology"],
    ),
]

#: The seed document each story retells (its translations included).
POST_SOURCES = {
    "iom-hosts-migration-action-group-workshop": seeds.MIGRATION_RELEASE,
    "oim-atelier-groupe-action-migrations": seeds.MIGRATION_RELEASE,
    "oim-taller-grupo-accion-migracion": seeds.MIGRATION_RELEASE,
    "global-business-network-on-forced-labour-launched": seeds.ACTION_GROUPS,
    "delta-87-and-code-87": seeds.DESCRIPTION,
}

SUBSCRIBERS = [("newsletter-reader@example.org", "en"), ("lectrice@example.org", "fr")]


def load() -> list[str]:
    author = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    posts: dict[str, Post] = {}
    for slug, language, original, title, summary, body, published, body_slugs, tags in POSTS:
        post, _created = Post.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "body": body,
                "language": language,
                "translation_of": posts.get(original) if original else None,
                "status": PostStatus.PUBLISHED,
                "published_at": published,
                "author": author,
                **Cited(source=POST_SOURCES[slug]).as_fields(),
                "is_demo": True,
            },
        )
        post.bodies.set(Body.objects.filter(slug__in=body_slugs))
        post.tags.set(tags_from_names(tags))
        posts[slug] = post

    now = timezone.now()
    for email, language in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "language": language,
                "status": SubscriberStatus.CONFIRMED,
                "confirm_token": new_token(),
                "unsubscribe_token": new_token(),
                "confirmation_sent_at": now,
                "confirmed_at": now,
                "is_demo": True,
            },
        )

    end = timezone.localdate()
    start = end - datetime.timedelta(days=30)
    if not NewsletterIssue.objects.filter(is_demo=True).exists():
        NewsletterIssue.objects.create(
            title=default_title(language="en", end=end),
            language="en",
            period_start=start,
            period_end=end,
            intro="Welcome to this month's newsletter of Alliance 8.7. *(Demo issue: a draft, not sent.)*",
            body=assemble_body(language="en", start=start, end=end),
            created_by=author,
            is_demo=True,
        )
    return [f"News: {len(posts)} demo posts, {len(SUBSCRIBERS)} demo subscribers, a draft newsletter issue"]
