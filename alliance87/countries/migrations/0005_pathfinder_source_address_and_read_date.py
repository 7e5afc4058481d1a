"""Move the address and the reading date out of the `source` text of statuses and steps into their own fields.

Earlier releases wrote one string, “Title (…), https://…, read 6 December 2026”; the shared provenance fields
(core.models.Provenance) keep the title, the address and the date apart so every page and the API print them alike.
"""

import datetime
import re

from django.db import migrations

ADDRESS = re.compile(r",?\s*(https?://[^\s,]+)")
READ_ON = re.compile(r",?\s*read (?:on )?(\d{1,2}) (\w+) (\d{4})\s*$")
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


def split_source(text):
    """(title, address, date read) from “Title, https://…, read 6 December 2026”; unknown shapes stay as they are."""
    read_on = None
    match = READ_ON.search(text)
    if match and match.group(2) in MONTHS:
        read_on = datetime.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        text = text[: match.start()]
    url = ""
    match = ADDRESS.search(text)
    if match:
        url = match.group(1)
        text = (text[: match.start()] + text[match.end() :]).strip()
    return text.strip().rstrip(","), url, read_on


def split_sources(apps, schema_editor):
    for name in ("PathfinderCountry", "PathStep"):
        model = apps.get_model("countries", name)
        for row in model.objects.exclude(source="").filter(source_url=""):
            source, url, read_on = split_source(row.source)
            if url:
                model.objects.filter(pk=row.pk).update(
                    source=source[:500], source_url=url[:500], source_read_on=read_on
                )


class Migration(migrations.Migration):
    dependencies = [("countries", "0004_pathfinder_and_step_provenance")]

    operations = [migrations.RunPython(split_sources, migrations.RunPython.noop)]
