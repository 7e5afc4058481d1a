"""Background imports (`core.imports`): checked whole, written in one short transaction, followed on a page."""

from __future__ import annotations

import io
import json
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alliance87.accounts.services import issue_api_token
from alliance87.core.imports import current_state, run_import, start_import
from alliance87.core.models import ImportJob, ImportState
from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Area, AreaKind, Observation, Series, Unit
from alliance87.library.models import Author, Item

GOOD_RIS = b"TY  - RPRT\nTI  - Forced labour in supply chains\nPY  - 2020\nER  - \n"
BAD_CSV = b"kind,title,date\nreport,Fine,2020\nnovel,Unknown kind,2020\nreport,,2020\n"


def bibtex(count: int) -> bytes:
    return "".join(
        f"@techreport{{r{i}, title = {{Report number {i} on forced labour}}, author = {{Doe, Jane and Roe, Ann}},"
        f" year = {{{2000 + i % 20}}}, keywords = {{child labour; cocoa}}}}\n"
        for i in range(count)
    ).encode()


def library_job(by, content: bytes, name: str = "refs.ris", **options) -> ImportJob:
    file_format = {"ris": "ris", "bib": "bibtex", "csv": "csv"}[name.rsplit(".", 1)[1]]
    return start_import(
        by=by,
        kind="library.citations",
        file_name=name,
        content=content,
        options={"file_format": file_format, "access": "public", **options},
    )


def test_a_good_file_is_checked_then_written_and_the_job_names_what_it_saved(world) -> None:
    job = library_job(world.secretariat, GOOD_RIS)

    job.refresh_from_db()
    item = Item.objects.get(title="Forced labour in supply chains")
    assert job.state == ImportState.DONE and job.written == 1 and job.checked == job.total == 1
    assert job.result["summary"] == "One item was imported."
    assert job.result["links"] == [{"label": item.title, "url": item.get_absolute_url()}]
    assert job.write_seconds is not None and job.finished_at is not None
    assert not job.file  # the uploaded file is not kept once the job is over
    assert item.created_by == world.secretariat and item.edit_history.get().history_user == world.secretariat


def test_a_bad_file_writes_nothing_and_lists_every_problem_by_row_and_field(world) -> None:
    job = library_job(world.secretariat, BAD_CSV, name="refs.csv")

    job.refresh_from_db()
    assert job.state == ImportState.FAILED and Item.objects.count() == 0
    assert [(e["row"], e["field"]) for e in job.errors] == [("line 3", ""), ("line 4", "")]
    assert job.errors[0]["message"].startswith("“novel” is not a kind")
    assert job.errors[1]["message"] == "The title is missing."
    assert job.result == {"error_count": 2}


def test_the_start_refuses_people_and_files_before_anything_is_stored(world, settings) -> None:
    with pytest.raises(PermissionDenied):
        library_job(world.outsider, GOOD_RIS)
    settings.DATA_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        start_import(
            by=world.secretariat, kind="data.observations", file_name="big.csv", content=b"x" * (2 << 20)
        )
    assert refused.value.message_dict == {"file": ["The file is larger than 1 MB."]}
    with pytest.raises(ValidationError) as empty:
        library_job(world.secretariat, b"  \n")
    assert empty.value.message_dict == {"citation_file": ["The file is empty."]}
    assert ImportJob.objects.count() == 0


def test_a_job_left_running_by_a_dead_worker_starts_again_from_its_file(world) -> None:
    job = ImportJob(
        kind="library.citations",
        created_by=world.secretariat,
        file_name="refs.ris",
        options={"file_format": "ris", "access": "public"},
        state=ImportState.WRITING,  # the worker died in the write transaction, which the database rolled back
        checked=1,
        total=1,
    )
    job.file.save("refs.ris", ContentFile(GOOD_RIS), save=False)
    job.save()

    assert run_import.call(job_id=job.pk) == ImportState.DONE
    assert run_import.call(job_id=job.pk) == "nothing to do"  # a second run of a finished job changes nothing
    assert Item.objects.filter(title="Forced labour in supply chains").count() == 1


def test_a_job_whose_task_was_given_up_on_shows_as_failed(world, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = library_job(world.secretariat, GOOD_RIS)
    assert job.state == ImportState.QUEUED and job.task_id
    DBTaskResult.objects.filter(pk=job.task_id).update(status=TaskResultStatus.FAILED)

    job = current_state(job)

    assert job.state == ImportState.FAILED and "stopped twice" in job.errors[0]["message"]
    assert Item.objects.count() == 0


def test_the_job_page_polls_until_done_and_only_its_starter_and_the_secretariat_see_it(
    world, client_for, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = library_job(world.secretariat, GOOD_RIS)
    page = client_for(job.created_by).get(job.get_absolute_url()).content.decode()
    assert "Waiting to start" in page and 'hx-trigger="every 1s"' in page and 'aria-live="polite"' in page

    run_import.call(job_id=job.pk)

    part = client_for(job.created_by).get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert part.startswith('<div id="import-status"') and "hx-trigger" not in part
    assert "One item was imported." in part
    assert client_for(world.member).get(job.get_absolute_url()).status_code == 404
    assert client_for(world.outsider).get(job.get_absolute_url()).status_code == 404


def test_the_api_follows_a_job_with_the_same_rule(world, client: Client) -> None:
    job = library_job(world.secretariat, BAD_CSV, name="refs.csv")
    token = issue_api_token(user=world.secretariat, name="t")[1]
    body = json.loads(client.get(f"/api/v1/imports/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").content)
    assert (
        body["state"] == "failed" and body["error_count"] == 2 and body["page_url"] == job.get_absolute_url()
    )
    outsider = issue_api_token(user=world.outsider, name="t")[1]
    assert client.get(f"/api/v1/imports/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404


# --- a short write transaction ---------------------------------------------------------------------------------


def bare_insert_seconds(count: int) -> float:
    """The baseline, measured in the same run: bulk-inserting as many bare items (no history, no relations)."""
    began = time.perf_counter()
    with transaction.atomic():
        Item.objects.bulk_create(
            [Item(title=f"Bare {i}", slug=f"bare-{i}", kind="report") for i in range(count)], batch_size=500
        )
        seconds = time.perf_counter() - began
        transaction.set_rollback(True)
    return seconds


def test_thousands_of_items_are_written_in_a_short_transaction(world) -> None:
    baseline = bare_insert_seconds(3000)
    job = library_job(world.secretariat, bibtex(3000), name="many.bib")

    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.written == 3000, job.errors[:3]
    assert Item.objects.count() == 3000 and Author.objects.count() == 6000
    print(
        f"\n3,000 library items: write transaction {job.write_seconds:.2f} s (bare inserts {baseline:.2f} s)"
    )
    # Items, authors, subjects, history, revisions and index notes in bulk: a small multiple of bare inserts
    # (about 1 s on a quiet machine; saving the items one by one held the lock some 40 s).
    assert job.write_seconds < max(3.0, 15 * baseline)


def test_thousands_of_observations_are_written_in_a_short_transaction(world) -> None:
    ensure_reference_data()  # the areas (a transactional test elsewhere may have flushed them)
    Series.objects.create(code="CL_RATE", name="Child labour", unit=Unit.PERCENT, source_organisation="ILO")
    codes = list(
        Area.objects.filter(kind=AreaKind.COUNTRY).order_by("code").values_list("code", flat=True)[:34]
    )
    rows = [f"CL_RATE,{code},{year},{year % 50}.5" for code in codes for year in range(1950, 2100)]
    content = ("series,area,year,value\n" + "\n".join(rows) + "\n").encode()

    baseline = bare_insert_seconds(len(rows))
    job = start_import(by=world.secretariat, kind="data.observations", file_name="many.csv", content=content)

    job.refresh_from_db()
    assert job.state == ImportState.DONE, job.errors[:3]
    assert Observation.objects.count() == len(rows) == 5100
    print(
        f"\n5,100 observations: write transaction {job.write_seconds:.2f} s (bare inserts {baseline:.2f} s)"
    )
    assert job.write_seconds < max(3.0, 15 * baseline)  # a bound relative to this machine's speed right now


# --- an import while someone else edits -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_import_while_another_client_edits_gives_nobody_a_server_error(world) -> None:
    if connection.vendor == "sqlite" and (
        connection.settings_dict["NAME"] in ("", ":memory:")
        or "mode=memory" in str(connection.settings_dict["NAME"])
    ):
        pytest.skip("an in-memory SQLite database is not shared between threads (set TEST_SQLITE_NAME)")
    token = issue_api_token(user=world.secretariat, name="editor")[1]
    importer = Client()
    importer.force_login(world.secretariat)
    statuses: list[int] = []
    done = threading.Event()

    def edit() -> None:
        editor = Client()
        number = 0
        while not done.is_set() or number < 3:
            number += 1
            response = editor.patch(
                "/api/v1/organisations/ilo",
                data=json.dumps({"description": f"Edit {number}"}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            statuses.append(response.status_code)
        connection.close()

    thread = threading.Thread(target=edit)
    thread.start()
    upload = io.BytesIO(bibtex(1500))
    upload.name = "many.bib"
    began = time.monotonic()
    response = importer.post("/library/import/", {"citation_file": upload, "access": "public"})
    done.set()
    thread.join(timeout=120)
    connection.close()

    assert response.status_code == 303, response.content[:500]
    assert ImportJob.objects.get().state == ImportState.DONE and Item.objects.count() == 1500
    assert statuses and all(status < 500 for status in statuses), statuses
    print(f"\nImport of 1,500 records in {time.monotonic() - began:.1f} s beside {len(statuses)} edits")
