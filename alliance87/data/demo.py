"""Demo data for Target 8.7: real published figures with their sources, national values with their addresses, the
US Department of Labor's 2016 list of goods, and a small synthetic case-level data set marked illustrative.

Every record is flagged `is_demo`. The global figures are those of the reports cited on each source (read on
2026-12-06); national values are copied, data only, from national SDG reporting platforms' public repositories at
the commit named on each source. Values are rounded as the sources round them.
"""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django_countries import countries

from alliance87.accounts.models import User
from alliance87.partners.models import Organisation

from .areas import FIXTURES, WORLD_CODE, ensure_reference_data
from .models import (
    Access,
    Area,
    CaseDataset,
    CaseRecord,
    Direction,
    GoodsListing,
    Licence,
    Observation,
    PublishedTable,
    SdgIndicator,
    Series,
    Source,
    TargetPart,
    Unit,
)

READ_ON = datetime.date(2026, 12, 6)
SSA, AFRICA, AMERICAS, ARAB, ASIA_PACIFIC, EUROPE_CA = (
    "202", "ILO-AFRICA", "ILO-AMERICAS", "ILO-ARAB-STATES", "ILO-ASIA-PACIFIC", "ILO-EUROPE-CENTRAL-ASIA",
)  # fmt: skip

SOURCES: dict[str, dict[str, Any]] = {
    "cl2012": {
        "title": "Marking progress against child labour: Global estimates and trends 2000–2012",
        "publisher": "International Labour Office (ILO-IPEC)",
        "year": 2013,
        "url": "https://www.ilo.org/ipec/Informationresources/WCMS_221513/lang--en/index.htm",
        "licence": Licence.UN_TERMS,
    },
    "cl2016": {
        "title": "Global estimates of child labour: Results and trends, 2012–2016",
        "publisher": "International Labour Office",
        "year": 2017,
        "url": "https://www.ilo.org/global/publications/books/WCMS_575499/lang--en/index.htm",
        "licence": Licence.UN_TERMS,
    },
    "cl2020": {
        "title": "Child Labour: Global estimates 2020, trends and the road forward",
        "publisher": "International Labour Office and United Nations Children's Fund",
        "year": 2021,
        "url": "https://www.ilo.org/ipec/Informationresources/WCMS_797515/lang--en/index.htm",
        "licence": Licence.CC_BY_4,
    },
    "cl2024": {
        "title": "Child Labour: Global estimates 2024, trends and the road forward",
        "publisher": "International Labour Office and United Nations Children's Fund",
        "year": 2025,
        "url": "https://data.unicef.org/resources/child-labour-2024-global-estimates-trends-and-the-road-forward/",
        "licence": Licence.CC_BY_4,
    },
    "gems2016": {
        "title": "Global Estimates of Modern Slavery: Forced Labour and Forced Marriage",
        "publisher": "International Labour Office, Walk Free Foundation and International Organization for Migration",
        "year": 2017,
        "url": "https://www.ilo.org/global/publications/books/WCMS_575479/lang--en/index.htm",
        "licence": Licence.UN_TERMS,
    },
    "gems2021": {
        "title": "Global Estimates of Modern Slavery: Forced Labour and Forced Marriage",
        "publisher": "International Labour Organization, Walk Free and International Organization for Migration",
        "year": 2022,
        "url": "https://www.ilo.org/publications/major-publications/global-estimates-modern-slavery-forced-labour-and-forced-marriage",
        "licence": Licence.UN_TERMS,
    },
    "gsi2018": {
        "title": "Global Slavery Index 2018: regional findings (from the 2017 Global Estimates)",
        "publisher": "Walk Free Foundation",
        "year": 2018,
        "url": "https://www.globalslaveryindex.org/2018/findings/regional-analysis/regional-findings/",
        "licence": Licence.RESTRICTED,
    },
    "gsi2023": {
        "title": "Global Slavery Index 2023: regional overview (from the 2022 Global Estimates)",
        "publisher": "Walk Free",
        "year": 2023,
        "url": "https://www.walkfree.org/global-slavery-index/findings/regional-findings/overview/",
        "licence": Licence.RESTRICTED,
    },
    "mexico": {
        "title": "Mexico's national SDG reporting platform, data for indicator 8.7.1 (data/indicator_8-7-1.csv, "
        "commit f4b27522dbea8d4432fc8016c22ad3b107921b83)",
        "publisher": "Mexico's national SDG platform (sdg-odsmexico)",
        "url": "https://github.com/sdg-odsmexico/data",
        "licence": Licence.NATIONAL_OPEN,
    },
    "nigeria": {
        "title": "Nigeria's national SDG reporting platform, data for indicator 8.7.1 (data/indicator_8-7-1.csv, "
        "commit 7ab4ed86625ef88c6a64546929dab711c607c77c)",
        "publisher": "National Bureau of Statistics, Nigeria (open-sdg-data)",
        "url": "https://github.com/NBS-Nigeria/open-sdg-data",
        "licence": Licence.NATIONAL_OPEN,
    },
    "armenia": {
        "title": "Armenia's national SDG reporting platform, data for indicator 8.7.1 (data/indicator_8-7-1.csv, "
        "commit 1a052d79b4262d2ce930d4f33cfb6adae5fe5dbf)",
        "publisher": "Statistical Committee of the Republic of Armenia (sdg-data-armenia)",
        "url": "https://github.com/armstat/sdg-data-armenia",
        "licence": Licence.NATIONAL_OPEN,
    },
    "rwanda": {
        "title": "Rwanda's national SDG reporting platform (archived), data for indicator 8.7.1 "
        "(data/indicator_8-7-1.csv, commit 3a1dd903f872c92f0ee304134f3feaf3b32a6fab)",
        "publisher": "National Institute of Statistics of Rwanda (sdg-data-archived)",
        "url": "https://github.com/sustainabledevelopment-rwanda/sdg-data-archived",
        "licence": Licence.NATIONAL_OPEN,
    },
    "dol2016": {
        "title": "List of Goods Produced by Child Labor or Forced Labor, 2016 edition",
        "publisher": "U.S. Department of Labor, Bureau of International Labor Affairs",
        "year": 2016,
        "url": "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
        "licence": Licence.PUBLIC_DOMAIN,
        "note": (
            "The 2016 edition, copied as data from the public repository EricSchles/dol_analysis (commit "
            "9f293cbca3619d484c02b745625848afd6658456), checked against the Department's own spreadsheet. Old: the "
            "2024 edition lists 204 goods from 82 countries and areas. A listing means the Department found reason "
            "to believe the good is produced with child or forced labour somewhere in the country, not that all of "
            "it is."
        ),
    },
}

GLOBAL_CAVEAT = (
    "Modelled global estimates from household surveys; each round revised its methods, and the reports present "
    "the rounds as one trend. Figures are rounded as published."
)
GEMS_CAVEAT = (
    "Estimates for a given day, combining survey data (from Gallup World Poll modules) with administrative data; "
    "the reports warn that regional comparisons suffer from data gaps, notably in the Arab States and in countries "
    "in conflict. The 2016 and 2021 estimates are presented as comparable by their authors."
)

SERIES: list[dict[str, Any]] = [
    {
        "code": "CL_NUMBER", "name": "Children in child labour (aged 5–17)", "unit": Unit.MILLIONS,
        "indicator": "8.7.1", "source": "cl2024", "organisation": "ILO and UNICEF", "licence": Licence.CC_BY_4,
        "tracks": TargetPart.CHILD_LABOUR, "headline": True,
        "definition": "Children aged 5–17 in child labour as defined by the international statistical standards "
        "(resolution of the 18th and 20th International Conferences of Labour Statisticians): work below the "
        "minimum age for the kind of work, and hazardous work.",
        "caveats": GLOBAL_CAVEAT,
    },
    {
        "code": "CL_RATE", "name": "Children in child labour, share of children aged 5–17", "unit": Unit.PERCENT,
        "indicator": "8.7.1", "source": "cl2024", "organisation": "ILO and UNICEF", "licence": Licence.CC_BY_4,
        "definition": "The share of all children aged 5–17 who are in child labour.", "caveats": GLOBAL_CAVEAT,
    },
    {
        "code": "CL_HAZ_NUMBER", "name": "Children in hazardous work (aged 5–17)", "unit": Unit.MILLIONS,
        "indicator": "8.7.1", "source": "cl2024", "organisation": "ILO and UNICEF", "licence": Licence.CC_BY_4,
        "headline": True,
        "definition": "Children in work that by its nature or circumstances is likely to harm their health, "
        "safety or morals; a part of child labour.",
        "caveats": GLOBAL_CAVEAT + " The 2024 figure is published as “around 54 million”.",
    },
    {
        "code": "CL_HAZ_RATE", "name": "Children in hazardous work, share of children aged 5–17", "unit": Unit.PERCENT,
        "indicator": "8.7.1", "source": "cl2020", "organisation": "ILO and UNICEF", "licence": Licence.CC_BY_4,
        "caveats": GLOBAL_CAVEAT,
    },
    {
        "code": "CL_SECTOR_SHARE", "name": "Child labour by sector of economic activity, share of children in child "
        "labour", "unit": Unit.PERCENT, "indicator": "8.7.1", "source": "cl2024", "organisation": "ILO and UNICEF",
        "licence": Licence.CC_BY_4, "decimals": 0, "caveats": "Shares rounded as published; they need not add up "
        "to 100.",
    },
    {
        "code": "CL_RATE_NATIONAL", "name": "Children in child labour, national measurement",
        "unit": Unit.PERCENT, "indicator": "8.7.1", "source": None,
        "organisation": "National statistical offices (national SDG reporting platforms)",
        "licence": Licence.NATIONAL_OPEN,
        "definition": "The proportion of children in child labour as each country measures it for SDG indicator "
        "8.7.1 and publishes it on its national SDG reporting platform; the total is for children aged 5–17 "
        "unless a footnote says otherwise.",
        "caveats": "National surveys differ in definitions, age groups and years: compare countries with care. "
        "Each value names the platform and the commit it was copied from.",
    },
    {
        "code": "MS_NUMBER", "name": "People in modern slavery (forced labour and forced marriage)",
        "unit": Unit.MILLIONS, "source": "gems2021", "organisation": "ILO, Walk Free and IOM",
        "licence": Licence.UN_TERMS, "tracks": TargetPart.MODERN_SLAVERY, "headline": True,
        "definition": "People in forced labour or in forced marriage on a given day.", "caveats": GEMS_CAVEAT,
    },
    {
        "code": "MS_RATE", "name": "Prevalence of modern slavery", "unit": Unit.PER_THOUSAND,
        "source": "gems2021", "organisation": "ILO, Walk Free and IOM", "licence": Licence.UN_TERMS,
        "caveats": GEMS_CAVEAT,
    },
    {
        "code": "FL_NUMBER", "name": "People in forced labour", "unit": Unit.MILLIONS,
        "source": "gems2021", "organisation": "ILO, Walk Free and IOM", "licence": Licence.UN_TERMS,
        "tracks": TargetPart.FORCED_LABOUR, "headline": True,
        "definition": "All work or service exacted from a person under the threat of a penalty and for which the "
        "person has not offered themselves voluntarily (ILO Forced Labour Convention, 1930 (No. 29)), in the "
        "private economy, in commercial sexual exploitation, or imposed by state authorities.",
        "caveats": GEMS_CAVEAT + " The breakdown by kind of forced labour is rounded and need not add up.",
    },
    {
        "code": "FL_RATE", "name": "Prevalence of forced labour", "unit": Unit.PER_THOUSAND,
        "source": "gems2021", "organisation": "ILO, Walk Free and IOM", "licence": Licence.UN_TERMS,
        "caveats": GEMS_CAVEAT,
    },
    {
        "code": "FM_NUMBER", "name": "People in forced marriage", "unit": Unit.MILLIONS,
        "source": "gems2021", "organisation": "ILO, Walk Free and IOM", "licence": Licence.UN_TERMS,
        "headline": True, "caveats": GEMS_CAVEAT,
    },
    {
        "code": "FM_RATE", "name": "Prevalence of forced marriage", "unit": Unit.PER_THOUSAND,
        "source": "gems2021", "organisation": "ILO, Walk Free and IOM", "licence": Licence.UN_TERMS,
        "caveats": GEMS_CAVEAT,
    },
]  # fmt: skip

# French and Spanish names and definitions of the series, in the ILO's and UNICEF's own terms in those languages
# ("travail des enfants" / "trabajo infantil", "travaux dangereux" / "trabajo peligroso", "travail forcé" /
# "trabajo forzoso", "mariage forcé" / "matrimonio forzoso", "esclavage moderne" / "esclavitud moderna"); the
# forced-labour definition quotes the French and Spanish texts of the Forced Labour Convention, 1930 (No. 29),
# article 2. Translations of names, not facts: the figures and their sources are the English records'.
SERIES_TRANSLATIONS: dict[str, dict[str, str]] = {
    "CL_NUMBER": {
        "name_fr": "Enfants astreints au travail des enfants (5 à 17 ans)",
        "name_es": "Niños y niñas en situación de trabajo infantil (5 a 17 años)",
        "definition_fr": "Enfants de 5 à 17 ans astreints au travail des enfants au sens des normes statistiques "
        "internationales (résolutions des 18e et 20e Conférences internationales des statisticiens du travail) : "
        "travail en dessous de l'âge minimum fixé pour ce type de travail, et travaux dangereux.",
        "definition_es": "Niños y niñas de 5 a 17 años en situación de trabajo infantil según las normas "
        "estadísticas internacionales (resoluciones de las 18.ª y 20.ª Conferencias Internacionales de "
        "Estadísticos del Trabajo): trabajo por debajo de la edad mínima fijada para ese tipo de trabajo, y "
        "trabajo peligroso.",
    },
    "CL_RATE": {
        "name_fr": "Enfants astreints au travail des enfants, en pourcentage des enfants de 5 à 17 ans",
        "name_es": "Niños y niñas en situación de trabajo infantil, porcentaje de los niños de 5 a 17 años",
        "definition_fr": "La part de l'ensemble des enfants de 5 à 17 ans qui sont astreints au travail des enfants.",
        "definition_es": "La proporción del total de niños y niñas de 5 a 17 años que están en situación de trabajo "
        "infantil.",
    },
    "CL_HAZ_NUMBER": {
        "name_fr": "Enfants astreints à des travaux dangereux (5 à 17 ans)",
        "name_es": "Niños y niñas en trabajo peligroso (5 a 17 años)",
        "definition_fr": "Enfants effectuant un travail qui, par sa nature ou les conditions dans lesquelles il "
        "s'exerce, est susceptible de nuire à leur santé, à leur sécurité ou à leur moralité ; une partie du "
        "travail des enfants.",
        "definition_es": "Niños y niñas que realizan un trabajo que, por su naturaleza o por las condiciones en que "
        "se lleva a cabo, es probable que dañe su salud, su seguridad o su moralidad; una parte del trabajo "
        "infantil.",
    },
    "CL_HAZ_RATE": {
        "name_fr": "Enfants astreints à des travaux dangereux, en pourcentage des enfants de 5 à 17 ans",
        "name_es": "Niños y niñas en trabajo peligroso, porcentaje de los niños de 5 a 17 años",
    },
    "CL_SECTOR_SHARE": {
        "name_fr": "Travail des enfants par secteur d'activité économique, en pourcentage des enfants astreints au "
        "travail des enfants",
        "name_es": "Trabajo infantil por sector de actividad económica, porcentaje de los niños y niñas en "
        "situación de trabajo infantil",
    },
    "CL_RATE_NATIONAL": {
        "name_fr": "Enfants astreints au travail des enfants, mesure nationale",
        "name_es": "Niños y niñas en situación de trabajo infantil, medición nacional",
    },
    "MS_NUMBER": {
        "name_fr": "Personnes en situation d'esclavage moderne (travail forcé et mariage forcé)",
        "name_es": "Personas en situación de esclavitud moderna (trabajo forzoso y matrimonio forzoso)",
        "definition_fr": "Personnes en situation de travail forcé ou de mariage forcé un jour donné.",
        "definition_es": "Personas en situación de trabajo forzoso o de matrimonio forzoso en un día determinado.",
    },
    "MS_RATE": {"name_fr": "Prévalence de l'esclavage moderne", "name_es": "Prevalencia de la esclavitud moderna"},
    "FL_NUMBER": {
        "name_fr": "Personnes en situation de travail forcé",
        "name_es": "Personas en situación de trabajo forzoso",
        "definition_fr": "Tout travail ou service exigé d'un individu sous la menace d'une peine quelconque et pour "
        "lequel ledit individu ne s'est pas offert de plein gré (convention (n° 29) sur le travail forcé, 1930), "
        "dans l'économie privée, dans l'exploitation sexuelle commerciale ou imposé par les autorités de l'État.",
        "definition_es": "Todo trabajo o servicio exigido a un individuo bajo la amenaza de una pena cualquiera y "
        "para el cual dicho individuo no se ofrece voluntariamente (Convenio sobre el trabajo forzoso, 1930 "
        "(núm. 29)), en la economía privada, en la explotación sexual comercial o impuesto por las autoridades "
        "del Estado.",
    },
    "FL_RATE": {"name_fr": "Prévalence du travail forcé", "name_es": "Prevalencia del trabajo forzoso"},
    "FM_NUMBER": {
        "name_fr": "Personnes en situation de mariage forcé",
        "name_es": "Personas en situación de matrimonio forzoso",
    },
    "FM_RATE": {"name_fr": "Prévalence du mariage forcé", "name_es": "Prevalencia del matrimonio forzoso"},
}  # fmt: skip

# (series, area, year, value, source, dimensions and footnote)
W = WORLD_CODE
OBSERVATIONS: list[tuple[str, str, int, str, str, dict[str, Any]]] = [
    *[("CL_NUMBER", W, y, v, s, {"nature": "E"}) for y, v, s in [
        (2000, "245.5", "cl2012"), (2004, "222.3", "cl2012"), (2008, "215.2", "cl2012"), (2012, "168.0", "cl2012"),
        (2016, "151.6", "cl2016"), (2020, "160.0", "cl2020"), (2024, "137.6", "cl2024")]],
    ("CL_NUMBER", W, 2020, "97.0", "cl2020", {"sex": "M", "nature": "E"}),
    ("CL_NUMBER", W, 2020, "63.0", "cl2020", {"sex": "F", "nature": "E"}),
    ("CL_NUMBER", W, 2020, "122.7", "cl2020", {"location": "R", "nature": "E"}),
    ("CL_NUMBER", W, 2020, "37.3", "cl2020", {"location": "U", "nature": "E"}),
    ("CL_NUMBER", SSA, 2020, "86.6", "cl2020", {"nature": "E"}),
    ("CL_NUMBER", SSA, 2024, "87.0", "cl2024", {"nature": "E", "footnote": "Published as “87 million”."}),
    *[("CL_RATE", W, y, v, s, {"nature": "E"}) for y, v, s in [
        (2000, "16.0", "cl2012"), (2004, "14.2", "cl2012"), (2008, "13.6", "cl2012"), (2012, "10.6", "cl2012"),
        (2016, "9.6", "cl2016"), (2020, "9.6", "cl2020"), (2024, "7.8", "cl2024")]],
    ("CL_RATE", SSA, 2020, "23.9", "cl2020", {"nature": "E"}),
    ("CL_RATE", SSA, 2024, "21.5", "cl2024", {"nature": "E"}),
    *[("CL_HAZ_NUMBER", W, y, v, s, {"nature": "E"}) for y, v, s in [
        (2000, "170.5", "cl2012"), (2004, "128.4", "cl2012"), (2008, "115.3", "cl2012"), (2012, "85.3", "cl2012"),
        (2016, "72.5", "cl2016"), (2020, "79.0", "cl2020")]],
    ("CL_HAZ_NUMBER", W, 2024, "54.0", "cl2024", {"nature": "E", "footnote": "Published as “around 54 million”."}),
    *[("CL_HAZ_RATE", W, y, v, s, {"nature": "E"}) for y, v, s in [
        (2000, "11.1", "cl2012"), (2004, "8.2", "cl2012"), (2008, "7.3", "cl2012"), (2012, "5.4", "cl2012"),
        (2016, "4.6", "cl2016"), (2020, "5.0", "cl2020")]],
    ("CL_SECTOR_SHARE", W, 2020, "70", "cl2020", {"sector": "agriculture", "nature": "E"}),
    ("CL_SECTOR_SHARE", W, 2024, "61", "cl2024", {"sector": "agriculture", "nature": "E"}),
    ("CL_SECTOR_SHARE", W, 2024, "27", "cl2024", {"sector": "services", "nature": "E"}),
    ("CL_SECTOR_SHARE", W, 2024, "13", "cl2024", {"sector": "industry", "nature": "E"}),
    ("MS_NUMBER", W, 2016, "40.3", "gems2016", {"nature": "E"}),
    ("MS_NUMBER", W, 2021, "49.6", "gems2021", {"nature": "E"}),
    ("MS_RATE", W, 2016, "5.4", "gems2016", {"nature": "E"}),
    ("MS_RATE", W, 2021, "6.4", "gems2021", {"nature": "E"}),
    *[("MS_RATE", a, 2016, v, "gsi2018", {"nature": "E"}) for a, v in [
        (AFRICA, "7.6"), (ASIA_PACIFIC, "6.1"), (EUROPE_CA, "3.9"), (ARAB, "3.3"), (AMERICAS, "1.9")]],
    *[("MS_RATE", a, 2021, v, "gsi2023", {"nature": "E"}) for a, v in [
        (ARAB, "10.1"), (EUROPE_CA, "6.9"), (ASIA_PACIFIC, "6.8"), (AFRICA, "5.2"), (AMERICAS, "5.0")]],
    ("FL_NUMBER", W, 2016, "24.9", "gems2016", {"nature": "E"}),
    ("FL_NUMBER", W, 2021, "27.6", "gems2021", {"nature": "E"}),
    ("FL_NUMBER", W, 2021, "17.3", "gems2021", {"sector": "private_economy", "nature": "E"}),
    ("FL_NUMBER", W, 2021, "6.3", "gems2021", {"sector": "commercial_sexual_exploitation", "nature": "E"}),
    ("FL_NUMBER", W, 2021, "3.9", "gems2021", {"sector": "state_imposed", "nature": "E"}),
    ("FL_NUMBER", W, 2021, "3.3", "gems2021", {"age": "0-17", "nature": "E",
                                                "footnote": "Published as “more than 3.3 million” children."}),
    *[("FL_NUMBER", a, 2021, v, "gems2021", {"nature": "E"}) for a, v in [
        (ASIA_PACIFIC, "15.1"), (EUROPE_CA, "4.1"), (AFRICA, "3.8"), (AMERICAS, "3.6"), (ARAB, "0.9")]],
    ("FL_RATE", W, 2021, "3.5", "gems2021", {"nature": "E"}),
    *[("FL_RATE", a, 2016, v, "gsi2018", {"nature": "E"}) for a, v in [
        (ASIA_PACIFIC, "4.0"), (EUROPE_CA, "3.6"), (AFRICA, "2.8"), (ARAB, "2.2"), (AMERICAS, "1.3")]],
    *[("FL_RATE", a, 2021, v, "gems2021", {"nature": "E"}) for a, v in [
        (ARAB, "5.3"), (EUROPE_CA, "4.4"), (AMERICAS, "3.5"), (ASIA_PACIFIC, "3.5"), (AFRICA, "2.9")]],
    ("FM_NUMBER", W, 2016, "15.4", "gems2016", {"nature": "E"}),
    ("FM_NUMBER", W, 2021, "22.0", "gems2021", {"nature": "E"}),
    ("FM_RATE", W, 2016, "2.1", "gems2016", {"nature": "E"}),
    ("FM_RATE", W, 2021, "2.8", "gems2021", {"nature": "E"}),
    # National platforms (values rounded to two decimals where the platform gives more).
    *[("CL_RATE_NATIONAL", "MX", y, v, "mexico", {"nature": "C"}) for y, v in [
        (2007, "11.53"), (2009, "9.80"), (2011, "9.52"), (2013, "7.78"), (2015, "7.54"), (2017, "7.05"),
        (2019, "7.07")]],
    *[("CL_RATE_NATIONAL", "MX", y, v, "mexico", {"age": "5-14", "nature": "C"}) for y, v in [
        (2007, "6.87"), (2009, "5.76"), (2011, "5.60"), (2013, "4.60"), (2015, "3.95"), (2017, "3.58"),
        (2019, "4.09")]],
    *[("CL_RATE_NATIONAL", "MX", y, v, "mexico", {"age": "15-17", "nature": "C"}) for y, v in [
        (2007, "26.63"), (2009, "22.71"), (2011, "22.11"), (2013, "18.66"), (2015, "19.16"), (2017, "18.23"),
        (2019, "16.60")]],
    *[("CL_RATE_NATIONAL", "MX", y, v, "mexico", {"sex": "M", "nature": "C"}) for y, v in [
        (2007, "16.02"), (2009, "13.54"), (2011, "13.35"), (2013, "10.80"), (2015, "10.74"), (2017, "10.14")]],
    *[("CL_RATE_NATIONAL", "MX", y, v, "mexico", {"sex": "F", "nature": "C"}) for y, v in [
        (2007, "6.95"), (2009, "5.94"), (2011, "5.60"), (2013, "4.65"), (2015, "4.22"), (2017, "3.85")]],
    *[("CL_RATE_NATIONAL", "NG", 2022, v, "nigeria", {**d, "nature": "C"}) for v, d in [
        ("39.2", {}), ("39.6", {"sex": "M"}), ("38.8", {"sex": "F"}), ("30.0", {"location": "U"}),
        ("44.8", {"location": "R"}), ("40.7", {"age": "5-11"}), ("37.0", {"age": "12-14"}),
        ("39.2", {"age": "15-17"})]],
    *[("CL_RATE_NATIONAL", "AM", 2015, v, "armenia", {**d, "nature": "C"}) for v, d in [
        ("8.7", {}), ("11.4", {"sex": "M"}), ("5.7", {"sex": "F"}), ("4.6", {"age": "5-11"}),
        ("10.5", {"age": "12-15"}), ("19.4", {"age": "16-17"}), ("1.9", {"location": "U"}),
        ("16.8", {"location": "R"})]],
]  # fmt: skip
PERIODS = [("CL_RATE_NATIONAL", "RW", 2013, 2014, "5.5", "rwanda", {"nature": "C", "footnote": (
    "Survey period 2013–2014, as published on the platform without an age group."
)})]  # fmt: skip

# Footnotes on national values that readers need next to the figure.
NIGERIA_NOTE = (
    "Only the proportions are copied: the counts in the same file do not add up (its total differs from the sum "
    "of boys and girls)."
)
MEXICO_NOTE = "The platform publishes no 2019 values by sex."

DOL_NAMES = {
    "Burma": "MM", "Cote d'Ivoire": "CI", "North Korea": "KP", "Kyrgyz Republic": "KG", "Russia": "RU",
    "Iran": "IR", "Tanzania": "TZ", "Vietnam": "VN", "Bolivia": "BO", "Democratic Republic of the Congo": "CD",
    "Turkey": "TR",
}  # fmt: skip

# A synthetic data set: (sex, age group, form of exploitation, year, number of records).
SYNTHETIC_CASES = [
    ("Female", "0-17", "Forced labour", 2023, 14), ("Female", "18-29", "Forced labour", 2023, 22),
    ("Female", "30+", "Forced labour", 2023, 9), ("Male", "0-17", "Forced labour", 2023, 11),
    ("Male", "18-29", "Forced labour", 2023, 31), ("Male", "30+", "Forced labour", 2023, 26),
    ("Female", "0-17", "Sexual exploitation", 2023, 6), ("Female", "18-29", "Sexual exploitation", 2023, 18),
    ("Female", "30+", "Sexual exploitation", 2023, 4), ("Male", "18-29", "Sexual exploitation", 2023, 2),
    ("Female", "0-17", "Forced marriage", 2023, 7), ("Female", "18-29", "Forced marriage", 2023, 5),
    ("Male", "0-17", "Other", 2023, 3), ("Female", "30+", "Other", 2023, 8), ("Male", "30+", "Other", 2023, 12),
]  # fmt: skip


def _sources() -> dict[str, Source]:
    found = {}
    for key, fields in SOURCES.items():
        found[key], _created = Source.objects.update_or_create(
            title=fields["title"],
            year=fields.get("year"),
            defaults={**fields, "accessed": READ_ON, "is_demo": True},
        )
    return found


def _series(sources: dict[str, Source]) -> dict[str, Series]:
    indicators = {i.code: i for i in SdgIndicator.objects.all()}
    found = {}
    for spec in SERIES:
        found[spec["code"]], _created = Series.objects.update_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "unit": spec["unit"],
                "decimals": spec.get("decimals", 2 if spec["code"] == "CL_RATE_NATIONAL" else 1),
                "indicator": indicators.get(spec.get("indicator", "")),
                "definition": spec.get("definition", ""),
                "source_organisation": spec["organisation"],
                "default_source": sources.get(spec["source"]) if spec["source"] else None,
                "licence": spec["licence"],
                "caveats": spec.get("caveats", ""),
                "direction": Direction.DECREASE,
                "access": Access.PUBLIC,
                "tracks": spec.get("tracks", ""),
                "is_headline": spec.get("headline", False),
                "is_demo": True,
                **SERIES_TRANSLATIONS.get(spec["code"], {}),
            },
        )
    return found


def _observations(series: dict[str, Series], sources: dict[str, Source]) -> int:
    areas = {a.code: a for a in Area.objects.all()}
    notes = {("NG", ""): NIGERIA_NOTE, ("MX", "2019"): MEXICO_NOTE}
    rows = [(s, a, y, y, v, src, d) for s, a, y, v, src, d in OBSERVATIONS] + PERIODS
    for code, area, year, end_year, value, source, extra in rows:
        footnote = extra.get("footnote", "")
        if not footnote and not any(extra.get(k) for k in ("sex", "age", "location", "sector")):
            footnote = notes.get((area, ""), notes.get((area, str(year)), ""))
        Observation.objects.update_or_create(
            series=series[code],
            area=areas[area],
            year=year,
            end_year=end_year,
            sex=extra.get("sex", ""),
            age=extra.get("age", ""),
            location=extra.get("location", ""),
            sector=extra.get("sector", ""),
            defaults={
                "value": Decimal(value),
                "nature": extra.get("nature", ""),
                "footnote": footnote,
                "source": sources[source],
                "is_demo": True,
            },
        )
    return len(rows)


def _goods(source: Source) -> int:
    areas = {a.code: a for a in Area.objects.filter(kind="country")}
    path = FIXTURES / "dol-ilab-list-of-goods-2016" / "list_of_goods_2016.csv"
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Country"].strip()
            code = DOL_NAMES.get(name) or countries.by_name(name)
            if not code or code not in areas:
                raise ValueError(f"No ISO code for the DOL country name {name!r}.")
            GoodsListing.objects.update_or_create(
                area=areas[code],
                good=row["Good"].strip(),
                edition=2016,
                defaults={
                    "child_labour": row["Child Labor"].strip().upper() == "X",
                    "forced_labour": row["Forced Labor"].strip().upper() == "X",
                    "source": source,
                    "is_demo": True,
                },
            )
            count += 1
    return count


def _cases() -> list[str]:
    from .case_data import publish_table

    organisation = Organisation.objects.filter(acronym="Walk Free").first()
    publisher = User.objects.filter(email="focal@demo.alliance87.org").first()
    if organisation is None or publisher is None:
        return []
    dataset, created = CaseDataset.objects.get_or_create(
        title="Assisted victims, 2023 (synthetic)",
        organisation=organisation,
        defaults={
            "description": "Synthetic records made up for the demo, to show how case-level data is stored "
            "restricted and published only as protected counts. Not real cases.",
            "columns": ["sex", "age group", "form of exploitation", "year"],
            "is_illustrative": True,
            "is_demo": True,
            "created_by": publisher,
        },
    )
    if created:
        CaseRecord.objects.bulk_create(
            CaseRecord(
                dataset=dataset,
                values={"sex": sex, "age group": age, "form of exploitation": form, "year": str(year)},
            )
            for sex, age, form, year, count in SYNTHETIC_CASES
            for _n in range(count)
        )
    if not PublishedTable.objects.filter(dataset=dataset).exists():
        publish_table(
            by=publisher,
            dataset=dataset,
            row_variable="sex",
            column_variable="form of exploitation",
            title="Assisted victims by sex and form of exploitation, 2023 (synthetic)",
        )
    return [
        f"  Case-level data: “{dataset.title}” (illustrative), restricted to Walk Free and the Secretariat."
    ]


@transaction.atomic
def load() -> list[str]:
    """Load the demo figures, national values, goods list and synthetic case data; safe to run twice."""
    ensure_reference_data()  # the areas a migration made are gone from a flushed database
    sources = _sources()
    series = _series(sources)
    count = _observations(series, sources)
    goods = _goods(sources["dol2016"])
    lines = ["", f"Data on Target 8.7: {len(series)} series, {count} values, {goods} listed goods."]
    return lines + _cases()
