"""Demo plans: the Supply Chains Action Group's 2020–2021 work plan, an illustrative national action plan and the
Alliance's global results framework with the published global estimates.

What the seed documents or the published estimates say is stated as such; everything else (goal wording, outputs,
activities, targets, budgets, statuses) is marked illustrative in its description.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from alliance87.bodies.models import Body
from alliance87.core import seeds
from alliance87.core.provenance import Cited
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from . import verdicts
from .models import (
    BudgetLine,
    CommonIndicator,
    Direction,
    FundingSource,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Measure,
    NodeStatus,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueOrigin,
    ValueStatus,
)

D = datetime.date
ILLUSTRATIVE = "Illustrative: not taken from a published document."

#: The outcomes of the draft work plan 2020–2021, exactly as the Action Group's page names them.
SUPPLY_CHAINS_OUTCOMES = [
    "Outcome 1. Advance research and understanding on child labour, forced labour and human trafficking in "
    "supply chains.",
    "Outcome 2. Support policy coherence and advocacy at different levels on child labour, forced labour and "
    "human trafficking in supply chains.",
    "Outcome 3. Promote greater cooperation on capacity building and tools on child labour, forced labour and "
    "human trafficking in supply chains",
    "Outcome 4. Accelerating action in key countries and supply chains",
]

CHILD_LABOUR_SOURCE = (
    "ILO and UNICEF, Child Labour: Global estimates 2020, trends and the road forward; 2024 estimates "
    "published 2025"
)
MODERN_SLAVERY_SOURCE = "ILO, Walk Free and IOM, Global Estimates of Modern Slavery, 2017 and 2022 editions"

#: Published global estimates (millions), by reference year.
CHILDREN_IN_CHILD_LABOUR = {2000: 246, 2004: 222, 2008: 215, 2012: 168, 2016: 152, 2020: 160, 2024: 138}
CHILDREN_IN_HAZARDOUS_WORK = {2000: 171, 2004: 128, 2008: 115, 2012: 85, 2016: 73, 2020: 79, 2024: 54}
PEOPLE_IN_FORCED_LABOUR = {2016: Decimal("24.9"), 2021: Decimal("27.6")}
PEOPLE_IN_FORCED_MARRIAGE = {2016: Decimal("15.4"), 2021: Decimal("22")}


#: The global results framework's figures: the published global estimates, cited by title and publisher here and
#: with their addresses value by value (the data app's sources).
GLOBAL_ESTIMATES = Cited(
    source="“Child Labour: Global estimates 2020, trends and the road forward”, ILO and UNICEF (2021); “Global "
    "Estimates of Modern Slavery: Forced Labour and Forced Marriage”, ILO, Walk Free and IOM (2022)"
)


def load() -> list[str]:
    _supply_chains_work_plan()
    _national_action_plan()
    _global_results_framework()
    _common_indicators()
    verdicts.refresh(Indicator.objects.filter(is_demo=True).values_list("pk", flat=True))
    return []


# --- Helpers ------------------------------------------------------------------------------------------------------


def _plan(slug: str, **fields: Any) -> Plan:
    plan, _created = Plan.objects.update_or_create(slug=slug, defaults={**fields, "is_demo": True})
    return plan


def _node(
    plan: Plan, code: str, title: str, *, parent: ResultNode | None = None, **fields: Any
) -> ResultNode:
    level = 0 if parent is None else parent.level + 1
    node, _created = ResultNode.objects.update_or_create(
        plan=plan,
        code=code,
        defaults={"title": title, "parent": parent, "level": level, "is_demo": True, **fields},
    )
    return node


def _indicator(node: ResultNode, code: str, title: str, **fields: Any) -> Indicator:
    indicator, _created = Indicator.objects.update_or_create(
        node=node, code=code, defaults={"title": title, "is_demo": True, **fields}
    )
    return indicator


def _yearly_values(
    indicator: Indicator,
    values: dict[int, Any],
    *,
    status: str = ValueStatus.APPROVED,
    origin: str = ValueOrigin.MANUAL,
    source: str = "",
    targets: dict[int, Any] | None = None,
    statuses: dict[int, str] | None = None,
) -> None:
    """One reporting period per year (1 January – 31 December), with its value where one is given."""
    targets = targets or {}
    statuses = statuses or {}
    for year in sorted(set(values) | set(targets)):
        period, _created = ReportingPeriod.objects.update_or_create(
            indicator=indicator,
            start=D(year, 1, 1),
            end=D(year, 12, 31),
            defaults={"target_value": targets.get(year), "is_demo": True},
        )
        if year in values:
            IndicatorValue.objects.update_or_create(
                period=period,
                defaults={
                    "value": Decimal(str(values[year])),
                    "status": statuses.get(year, status),
                    "origin": origin,
                    "source": source,
                    "is_demo": True,
                },
            )


def _budget(plan: Plan, node: ResultNode | None, year: int, description: str, **amounts: Any) -> None:
    BudgetLine.objects.update_or_create(
        plan=plan,
        node=node,
        year=year,
        description=description,
        defaults={
            **{key: Decimal(value) for key, value in amounts.items() if key != "funding_source"},
            "funding_source": amounts.get("funding_source", FundingSource.OTHER),
            "is_demo": True,
        },
    )


# --- (a) The Supply Chains Action Group's work plan 2020–2021 --------------------------------------------------------


def _supply_chains_work_plan() -> None:
    body = Body.objects.get(slug="supply-chains")
    plan = _plan(
        "supply-chains-work-plan-2020-2021",
        title="Action Group on Supply Chains: work plan 2020–2021",
        owner_body=body,
        owner_country=None,
        period_start=D(2020, 1, 1),
        period_end=D(2021, 12, 31),
        # The seed document speaks of a *draft* work plan with draft outputs: it was never adopted as such.
        status=PlanStatus.DRAFT,
        currency="USD",
        # The Action Groups page reports events up to November 2019 and the draft plan as shared by then.
        **Cited(source=seeds.ACTION_GROUPS, as_of=D(2019, 11, 1)).as_fields(),
        description=(
            "The draft work plan for 2020–2021 was shared among the Action Group's members; its four outcomes are "
            "given here as the Action Group published them. The goal wording, outputs other than the 2020 mapping, "
            "activities, indicators, targets, statuses and budget lines are illustrative."
        ),
    )
    plan.responsible_organisations.set(
        # The Action Group's chair; the seed names GBCAT and the UN Global Compact platform as mapped initiatives,
        # not as partners of this plan.
        Organisation.objects.filter(acronym__in=["ILO"])
    )
    goal = _node(
        plan,
        "G",
        "Contribute to ending child labour, forced labour and human trafficking in supply chains (SDG Target 8.7)",
        description=ILLUSTRATIVE,
    )
    outcomes = [
        _node(plan, str(number), title, parent=goal, position=number)
        for number, title in enumerate(SUPPLY_CHAINS_OUTCOMES, start=1)
    ]
    mapping = _node(
        plan,
        "1.1",
        "The Mapping of Supply Chains Initiatives on Child Labour – 2020",
        parent=outcomes[0],
        position=1,
        due_date=D(2020, 12, 31),
        status=NodeStatus.COMPLETED,
        description="Named as an upcoming output on the Action Group's page. Its due date and status are "
        "illustrative.",
    )
    briefs = _node(
        plan,
        "2.1",
        "Policy briefs on coherence between trade, investment and labour policies",
        parent=outcomes[1],
        position=1,
        due_date=D(2021, 6, 30),
        status=NodeStatus.IN_PROGRESS,
        description=ILLUSTRATIVE,
    )
    toolkit = _node(
        plan,
        "3.1",
        "A shared catalogue of due diligence tools for business",
        parent=outcomes[2],
        position=1,
        due_date=D(2021, 9, 30),
        status=NodeStatus.DELAYED,
        description=ILLUSTRATIVE,
    )
    countries = _node(
        plan,
        "4.1",
        "Supply chain roadmaps in two priority countries",
        parent=outcomes[3],
        position=1,
        due_date=D(2021, 12, 31),
        status=NodeStatus.IN_PROGRESS,
        description=ILLUSTRATIVE,
    )
    survey = _node(
        plan,
        "1.1.1",
        "Survey of business networks and their initiatives",
        parent=mapping,
        position=1,
        due_date=D(2020, 6, 30),
        status=NodeStatus.COMPLETED,
        description=ILLUSTRATIVE,
    )
    webinar = _node(
        plan,
        "3.1.1",
        "Webinar series presenting the tools to members",
        parent=toolkit,
        position=1,
        due_date=D(2021, 5, 31),
        status=NodeStatus.DELAYED,
        description=ILLUSTRATIVE,
    )
    workshop = _node(
        plan,
        "4.1.1",
        "National consultation workshops",
        parent=countries,
        position=1,
        due_date=D(2021, 10, 31),
        status=NodeStatus.NOT_STARTED,
        description=ILLUSTRATIVE,
    )

    initiatives = _indicator(
        mapping,
        "1.1a",
        "Supply chain initiatives on child labour mapped",
        unit="initiatives",
        baseline_value=Decimal(0),
        baseline_year=2019,
        target_value=Decimal(40),
        target_year=2020,
        source="Mapping report of the Action Group",
        description=ILLUSTRATIVE,
    )
    _yearly_values(initiatives, {2020: 34}, targets={2020: 40}, source="Mapping report (illustrative figure)")
    members_trained = _indicator(
        toolkit,
        "3.1a",
        "Member organisations that used the catalogue of tools",
        unit="organisations",
        baseline_value=Decimal(0),
        baseline_year=2019,
        target_value=Decimal(30),
        target_year=2021,
        source="Action Group survey of members",
        description=ILLUSTRATIVE,
    )
    _yearly_values(
        members_trained,
        {2020: 4, 2021: 9},
        targets={2020: 10, 2021: 30},
        statuses={2021: ValueStatus.SUBMITTED},
        source="Survey of members (illustrative figures)",
    )
    _indicator(
        outcomes[1],
        "2a",
        "Policy dialogues where the Action Group's briefs were presented",
        unit="dialogues",
        target_value=Decimal(6),
        target_year=2021,
        description=ILLUSTRATIVE,
    )
    _indicator(
        countries,
        "4.1a",
        "Priority countries with an agreed supply chain roadmap",
        unit="countries",
        baseline_value=Decimal(0),
        baseline_year=2019,
        target_value=Decimal(2),
        target_year=2021,
        description=ILLUSTRATIVE,
    )

    note = "Illustrative amounts."
    _budget(plan, survey, 2020, note, planned=40000, committed=40000, spent=38500)
    _budget(plan, webinar, 2021, note, planned=25000, committed=10000, spent=6000)
    _budget(plan, workshop, 2021, note, planned=60000, committed=0)
    _budget(plan, briefs, 2021, note, planned=15000, committed=15000, spent=9000)


# --- (b) An illustrative national action plan ------------------------------------------------------------------------


def _national_action_plan() -> None:
    country = PathfinderCountry.objects.get(country="MG")
    plan = _plan(
        "madagascar-national-action-plan-2024-2028",
        title="Madagascar: national action plan against child labour and forced labour 2024–2028",
        owner_body=None,
        owner_country=country,
        period_start=D(2024, 1, 1),
        period_end=D(2028, 12, 31),
        status=PlanStatus.IN_IMPLEMENTATION,
        currency="USD",
        **Cited(illustrative=True).as_fields(),
        description=(
            "An illustrative national action plan of a Pathfinder Country, to show how targets, approved values "
            "and budgets are followed. The structure, figures and budget are invented; they are not Madagascar's."
        ),
    )
    goal = _node(
        plan,
        "G",
        "Children and adults are free from child labour and forced labour",
        description=ILLUSTRATIVE,
    )
    prevention = _node(
        plan,
        "1",
        "Fewer children work in hazardous conditions in agriculture and mining",
        parent=goal,
        position=1,
        description=ILLUSTRATIVE,
    )
    enforcement = _node(
        plan,
        "2",
        "Labour law is enforced in the sectors most at risk",
        parent=goal,
        position=2,
        description=ILLUSTRATIVE,
    )
    _node(
        plan,
        "3",
        "Survivors of forced labour receive support and remedy",
        parent=goal,
        position=3,
        description=ILLUSTRATIVE,
    )
    monitoring = _node(
        plan,
        "1.1",
        "Community child labour monitoring in vanilla- and mica-producing districts",
        parent=prevention,
        position=1,
        description=ILLUSTRATIVE,
    )
    # The demo's partner member (Walk Free Foundation) reports on this result's indicator; an editor approves.
    monitoring.responsible_organisations.set(Organisation.objects.filter(acronym="Walk Free"))
    inspectors = _node(
        plan,
        "2.1",
        "Labour inspectors trained on child labour and forced labour",
        parent=enforcement,
        position=1,
        description=ILLUSTRATIVE,
    )
    setup = _node(
        plan,
        "1.1.1",
        "Set up district monitoring committees",
        parent=monitoring,
        position=1,
        due_date=D(2025, 6, 30),
        status=NodeStatus.DELAYED,
        description=ILLUSTRATIVE,
    )
    training = _node(
        plan,
        "2.1.1",
        "Training courses for labour inspectors",
        parent=inspectors,
        position=1,
        due_date=D(2028, 6, 30),
        status=NodeStatus.IN_PROGRESS,
        description=ILLUSTRATIVE,
    )
    _node(
        plan,
        "2.1.2",
        "Joint inspection visits with the police",
        parent=inspectors,
        position=2,
        due_date=D(2025, 12, 31),
        status=NodeStatus.NOT_STARTED,
        description=ILLUSTRATIVE,
    )

    share = _indicator(
        prevention,
        "1a",
        "Children aged 5–17 in hazardous work in the target districts",
        measure=Measure.PERCENTAGE,
        unit="% of children aged 5–17",
        direction=Direction.DECREASE,
        baseline_value=Decimal("18.0"),
        baseline_year=2023,
        baseline_comment="Illustrative baseline survey, 2023",
        target_value=Decimal("9.0"),
        target_year=2028,
        source="District household surveys (illustrative)",
        description=ILLUSTRATIVE,
    )
    _yearly_values(
        share,
        {2024: "17.6", 2025: "17.4"},
        targets={2024: "16", 2025: "14", 2026: "12"},
        source="District household survey (illustrative figure)",
    )
    districts = _indicator(
        monitoring,
        "1.1a",
        "Districts with a working child labour monitoring committee",
        unit="districts",
        baseline_value=Decimal(2),
        baseline_year=2023,
        target_value=Decimal(22),
        target_year=2028,
        source="Ministry of Labour, annual report (illustrative)",
        description=ILLUSTRATIVE,
    )
    _yearly_values(
        districts,
        {2024: 5, 2025: 9},
        targets={2024: 6, 2025: 10, 2026: 14},
        statuses={2025: ValueStatus.SUBMITTED},
    )
    trained = _indicator(
        inspectors,
        "2.1a",
        "Labour inspectors trained",
        unit="inspectors",
        baseline_value=Decimal(25),
        baseline_year=2023,
        target_value=Decimal(300),
        target_year=2028,
        source="Training attendance records (illustrative)",
        description=ILLUSTRATIVE,
    )
    _yearly_values(trained, {2024: 60, 2025: 110}, targets={2024: 80, 2025: 140, 2026: 200})
    _indicator(
        enforcement,
        "2a",
        "Inspections in agriculture and mining that found child labour",
        unit="inspections",
        direction=Direction.DECREASE,
        description=ILLUSTRATIVE,
    )

    note = "Illustrative amounts."
    _budget(
        plan,
        setup,
        2025,
        note,
        planned=120000,
        committed=45000,
        spent=30000,
        funding_source=FundingSource.NATIONAL_BUDGET,
    )
    _budget(
        plan,
        training,
        2025,
        note,
        planned=80000,
        committed=80000,
        spent=64000,
        funding_source=FundingSource.DONOR,
    )
    _budget(plan, training, 2026, note, planned=90000, committed=20000, funding_source=FundingSource.DONOR)


# --- (c) The Alliance's global results framework -----------------------------------------------------------------------


def _global_results_framework() -> None:
    gcg = Body.objects.get(slug="gcg")
    plan = _plan(
        "alliance-8-7-global-results-framework",
        title="Alliance 8.7 global results framework",
        owner_body=gcg,
        owner_country=None,
        period_start=D(2016, 1, 1),
        period_end=D(2030, 12, 31),
        status=PlanStatus.IN_IMPLEMENTATION,
        currency="USD",
        **GLOBAL_ESTIMATES.as_fields(),
        description=(
            "The global indicators of SDG Target 8.7, with the published global estimates: ILO and UNICEF for "
            "child labour, ILO, Walk Free and IOM for modern slavery. The figures are the published ones."
        ),
    )
    goal = _node(
        plan,
        "8.7",
        "Take immediate and effective measures to eradicate forced labour, end modern slavery and human "
        "trafficking and secure the prohibition and elimination of the worst forms of child labour, including "
        "recruitment and use of child soldiers, and by 2025 end child labour in all its forms",
        description="SDG Target 8.7 (United Nations, 2015).",
    )
    # "A" and "B" are this plan's own grouping of the target, not official codes (the official indicator is
    # SDG 8.7.1, children in child labour).
    own_grouping = "This plan's own grouping of SDG Target 8.7; the code is the plan's, not an official one."
    child_labour = _node(
        plan,
        "A",
        "End child labour in all its forms by 2025",
        parent=goal,
        position=1,
        description=own_grouping,
    )
    modern_slavery = _node(
        plan,
        "B",
        "Eradicate forced labour and modern slavery by 2030",
        parent=goal,
        position=2,
        description=own_grouping,
    )
    common = {
        "kind": IndicatorKind.RESULT,
        "measure": Measure.NUMBER,
        "direction": Direction.DECREASE,
        "target_value": Decimal(0),
    }
    child_caveats = (
        "Children aged 5–17. The 2020 estimates were the first rise in two decades; the 2024 estimates were "
        "published in 2025. Figures are rounded to the million."
    )
    for code, title, series in (
        ("8.7.1", "Children in child labour", CHILDREN_IN_CHILD_LABOUR),  # SDG indicator 8.7.1 (its number)
        ("CL2", "Children in hazardous work", CHILDREN_IN_HAZARDOUS_WORK),
    ):
        indicator = _indicator(
            child_labour,
            code,
            title,
            unit="children aged 5–17, millions",
            baseline_value=Decimal(series[2000]),
            baseline_year=2000,
            baseline_comment=f"Global estimate for 2000; {CHILD_LABOUR_SOURCE}",
            target_year=2025,
            source=CHILD_LABOUR_SOURCE,
            caveats=child_caveats,
            position=int(code[-1]),
            **common,
        )
        _yearly_values(indicator, series, origin=ValueOrigin.IMPORT, source=CHILD_LABOUR_SOURCE)
    slavery_caveats = (
        "Global Estimates of Modern Slavery: the 2016 estimates were published in 2017, the 2021 estimates in "
        "2022. Forced labour and forced marriage are the two components of modern slavery."
    )
    for code, title, slavery_series in (
        ("MS1", "People in forced labour", PEOPLE_IN_FORCED_LABOUR),
        ("MS2", "People in forced marriage", PEOPLE_IN_FORCED_MARRIAGE),
    ):
        indicator = _indicator(
            modern_slavery,
            code,
            title,
            unit="people, millions",
            baseline_value=slavery_series[2016],
            baseline_year=2016,
            baseline_comment=f"Global estimate for 2016; {MODERN_SLAVERY_SOURCE}",
            target_year=2030,
            source=MODERN_SLAVERY_SOURCE,
            caveats=slavery_caveats,
            position=int(code[-1]),
            **common,
        )
        _yearly_values(indicator, slavery_series, origin=ValueOrigin.IMPORT, source=MODERN_SLAVERY_SOURCE)


# --- (d) A common indicator measured by two national plans -------------------------------------------------------------


def _common_indicators() -> None:
    """Labour inspectors trained, in Madagascar's illustrative plan and a small illustrative plan for Fiji."""
    common, _created = CommonIndicator.objects.update_or_create(
        slug="labour-inspectors-trained",
        defaults={
            "title": "Labour inspectors trained on child labour and forced labour",
            "reference": "",
            **Cited(illustrative=True).as_fields(),
            "definition": (
                "Labour inspectors who completed a course on identifying and acting on child labour and forced "
                "labour during the year. Illustrative: a common indicator the national action plans of "
                "Pathfinder Countries could share."
            ),
            "measure": Measure.NUMBER,
            "unit": "inspectors",
            "direction": Direction.INCREASE,
            "caveats": "Illustrative figures. Counts people trained in the year; one person trained twice counts twice.",
            "is_demo": True,
        },
    )
    Indicator.objects.filter(
        node__plan__slug="madagascar-national-action-plan-2024-2028", code="2.1a"
    ).update(common_indicator=common)
    fiji = PathfinderCountry.objects.get(country="FJ")
    plan = _plan(
        "fiji-national-action-plan-illustrative",
        title="Fiji: national action plan on forced labour and human trafficking (illustrative)",
        owner_body=None,
        owner_country=fiji,
        period_start=D(2024, 1, 1),
        period_end=D(2027, 12, 31),
        status=PlanStatus.IN_IMPLEMENTATION,
        currency="FJD",
        **Cited(illustrative=True).as_fields(),
        description=(
            "A small illustrative plan, so that a common indicator can be combined across two countries. "
            "The figures are invented; they are not Fiji's."
        ),
    )
    goal = _node(
        plan, "G", "Forced labour and human trafficking are prevented and punished", description=ILLUSTRATIVE
    )
    enforcement = _node(
        plan, "1", "Labour inspectors detect forced labour", parent=goal, position=1, description=ILLUSTRATIVE
    )
    trained = _indicator(
        enforcement,
        "1a",
        "Labour inspectors trained",
        unit="inspectors",
        baseline_value=Decimal(4),
        baseline_year=2023,
        target_value=Decimal(40),
        target_year=2027,
        source="Ministry of Employment, training records (illustrative)",
        description=ILLUSTRATIVE,
        common_indicator=common,
    )
    _yearly_values(
        trained,
        {2024: 12, 2025: 20},
        targets={2024: 10, 2025: 20, 2026: 30},
        source="Training records (illustrative figure)",
    )
