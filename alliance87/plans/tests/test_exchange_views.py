"""The exchange pages: who may download and upload, and what a person sees after an upload."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from alliance87.plans.interchange import xlsx
from alliance87.plans.models import Indicator, PlanStatus, ResultNode

from .test_iati import EXAMPLE, SHOULD_FAIL, build_plan

DOWNLOADS = ["plans:exchange", "plans:workbook_template", "plans:workbook_export", "plans:iati_export"]
UPLOADS = ["plans:workbook_import", "plans:iati_import"]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def plan(world):
    return build_plan(world)


@pytest.mark.parametrize("url_name", DOWNLOADS)
@pytest.mark.parametrize("who", [None, "outsider", "chair", "secretariat"])
def test_anyone_may_download_from_a_public_plan(world, plan, client_for, url_name, who):
    client = client_for(getattr(world, who) if who else None)
    assert client.get(reverse(url_name, kwargs={"slug": plan.slug})).status_code == 200


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_a_draft_plan_is_forbidden_to_outsiders(world, plan, client_for, url_name):
    plan.status = PlanStatus.DRAFT
    plan.save()
    url = reverse(url_name, kwargs={"slug": plan.slug})
    assert client_for(None).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 403
    assert client_for(world.chair).get(url).status_code == 200


@pytest.mark.parametrize("url_name", [*DOWNLOADS, *UPLOADS])
def test_unknown_plan_is_not_found(world, client_for, url_name):
    client = client_for(world.secretariat)
    send = client.post if url_name in UPLOADS else client.get
    assert send(reverse(url_name, kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.parametrize("url_name", UPLOADS)
@pytest.mark.parametrize("who", [None, "outsider", "other_chair"])
def test_only_editors_may_upload(world, plan, client_for, url_name, who):
    client = client_for(getattr(world, who) if who else None)
    assert client.post(reverse(url_name, kwargs={"slug": plan.slug})).status_code == 403


def test_upload_forms_are_shown_to_editors_only(world, plan, client_for):
    url = reverse("plans:exchange", kwargs={"slug": plan.slug})
    assert "Import the workbook" not in client_for(world.outsider).get(url).content.decode()
    page = client_for(world.chair).get(url).content.decode()
    assert "Import the workbook" in page and "Import the results" in page
    assert '<label for="id_workbook">' in page and '<label for="id_activity_file">' in page


def test_iati_download_is_an_attachment_of_valid_xml(world, plan, client_for):
    response = client_for(None).get(reverse("plans:iati_export", kwargs={"slug": plan.slug}))
    assert response["Content-Type"] == "application/xml"
    assert 'filename="supply-chains-2024-iati.xml"' in response["Content-Disposition"]
    assert b"<iati-identifier>XM-DAC-41302-supply-chains-2024</iati-identifier>" in response.content


def test_secretariat_imports_the_official_example_and_sees_the_report(world, client_for):
    plan = build_plan(world, with_results=False)
    url = reverse("plans:iati_import", kwargs={"slug": plan.slug})
    client = client_for(world.secretariat)
    response = client.post(url, {"activity_file": upload("a.xml", EXAMPLE.read_bytes())})
    assert response.status_code == 303
    job_page = client.get(response["Location"]).content.decode()
    assert "AA-AAA-123456789-ABC123 have been imported" in job_page and plan.get_absolute_url() in job_page
    assert Indicator.objects.filter(node__plan=plan).count() == 1


def test_an_invalid_iati_file_shows_why_and_saves_nothing(world, client_for):
    plan = build_plan(world, with_results=False)
    url = reverse("plans:iati_import", kwargs={"slug": plan.slug})
    client = client_for(world.chair)
    response = client.post(url, {"activity_file": upload("a.xml", SHOULD_FAIL.read_bytes())})
    assert response.status_code == 303
    job_page = client.get(response["Location"]).content.decode()
    assert "Nothing was saved" in job_page and "not valid IATI 2.03" in job_page
    assert not ResultNode.objects.exists()


def test_a_file_that_is_not_xml_is_refused(world, plan, client_for):
    url = reverse("plans:iati_import", kwargs={"slug": plan.slug})
    response = client_for(world.chair).post(url, {"activity_file": upload("a.xml", b"%PDF-1.4")})
    assert response.status_code == 400
    assert "This file is not XML." in response.content.decode()


def test_an_oversized_file_is_refused_with_a_message(world, plan, client_for):
    url = reverse("plans:workbook_import", kwargs={"slug": plan.slug})
    big = upload("big.xlsx", b"PK" + b"0" * (5 * 1024 * 1024))
    response = client_for(world.chair).post(url, {"workbook": big})
    assert response.status_code == 400
    assert "the limit is 5 MB" in response.content.decode()


def test_a_renamed_file_is_not_taken_for_a_workbook(world, plan, client_for):
    url = reverse("plans:workbook_import", kwargs={"slug": plan.slug})
    response = client_for(world.chair).post(url, {"workbook": upload("x.xlsx", b"<html></html>")})
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


def test_a_workbook_with_bad_rows_shows_every_row_and_saves_nothing(world, client_for):
    plan = build_plan(world, with_results=False)
    workbook = load_workbook(io.BytesIO(xlsx.template_workbook(plan)))
    workbook["Results"].append(["Goal", "1", "", "Forced labour ends"])
    workbook["Results"].append(["Planet", "2", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    url = reverse("plans:workbook_import", kwargs={"slug": plan.slug})
    client = client_for(world.chair)
    response = client.post(url, {"workbook": upload("f.xlsx", buffer.getvalue())})
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert '<th scope="row">Results row 3</th>' in page
    assert "level &#x27;Planet&#x27; is not one of" in page and "title is required." in page
    assert not ResultNode.objects.exists()


def test_chair_imports_a_workbook_and_sees_the_summary(world, plan, client_for):
    empty = build_plan(world, slug="empty", with_results=False)
    url = reverse("plans:workbook_import", kwargs={"slug": empty.slug})
    data = xlsx.export_workbook(plan)
    client = client_for(world.chair)
    response = client.post(url, {"workbook": upload("f.xlsx", data)})
    assert response.status_code == 303
    assert "The workbook has been imported." in client.get(response["Location"]).content.decode()
    assert ResultNode.objects.filter(plan=empty).count() == 4
