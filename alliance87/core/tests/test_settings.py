"""The settings a deployment relies on: production by default, a clean deployment check, data kept outside."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_", "SECURE_", "ALLIANCE87_", "SITE_URL", "MEDIA_", "STATIC_")
        )
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="alliance87.example.org",
        SITE_URL="https://alliance87.example.org",
        ALLIANCE87_DATA_DIR=str(tmp_path / "data"),
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alliance87.cli", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_settings_pass_the_deployment_check(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_are_the_default_when_a_secret_key_is_set(tmp_path):
    code = "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    env = production_env(tmp_path)

    result = run(["shell", "-v", "0", "-c", code], env)

    assert result.stdout.split() == ["alliance87.settings.production", "False"], result.stderr


def test_without_a_secret_key_the_command_uses_the_development_settings(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = run(
        ["shell", "-v", "0", "-c", "from django.conf import settings; print(settings.SETTINGS_MODULE)"], env
    )

    assert result.stdout.strip() == "alliance87.settings.dev", result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="alliance87.settings.production")
    del env["SECRET_KEY"]

    result = run(["check"], env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "message"),
    [("", "SITE_URL is not set"), ("http://localhost:8000", "SITE_URL points to this machine")],
)
def test_the_deployment_check_fails_without_a_public_site_url(tmp_path, site_url, message):
    result = run(["check", "--deploy"], production_env(tmp_path, SITE_URL=site_url))

    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_data_directory_inside_the_python_installation(tmp_path):
    inside = Path(sysconfig.get_paths()["purelib"]) / "var"

    result = run(["check"], production_env(tmp_path, ALLIANCE87_DATA_DIR=str(inside)))

    assert result.returncode != 0
    assert "inside the Python installation" in result.stderr
    assert not inside.exists()


def test_a_relative_data_directory_is_refused(tmp_path):
    result = run(["check"], production_env(tmp_path, ALLIANCE87_DATA_DIR="var"))

    assert result.returncode != 0
    assert "ALLIANCE87_DATA_DIR must be an absolute path" in result.stderr


def test_importing_the_settings_writes_nothing(tmp_path):
    data_dir = tmp_path / "nowhere-yet"
    env = production_env(tmp_path, ALLIANCE87_DATA_DIR=str(data_dir))
    code = (
        "import importlib, os;"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'alliance87.settings.dev';"
        "[importlib.import_module(f'alliance87.settings.{name}') for name in ('base', 'dev', 'production', 'test')]"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert not data_dir.exists()
    assert not (tmp_path / "var").exists()


def test_all_the_data_lives_under_the_data_directory(tmp_path):
    code = "from django.conf import settings; print(settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.DATABASES['default']['NAME'])"
    env = production_env(tmp_path)
    env.pop("DATABASE_URL", None)

    result = run(["shell", "-v", "0", "-c", code], env)

    media, static, database = result.stdout.split()
    data_dir = tmp_path / "data"
    assert Path(media) == data_dir / "media"
    assert Path(static) == data_dir / "static"
    assert Path(database) == data_dir / "alliance87.sqlite3"


def test_error_reporting_starts_when_a_sentry_dsn_is_set(tmp_path):
    code = "import sentry_sdk; client = sentry_sdk.get_client(); print(client.is_active(), client.options['send_default_pii'])"
    env = production_env(tmp_path, SENTRY_DSN="http://public@127.0.0.1:9/1")

    result = run(["shell", "-v", "0", "-c", code], env)

    assert result.stdout.split() == ["True", "False"], result.stderr


def test_without_a_sentry_dsn_nothing_is_reported(tmp_path):
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    result = run(["shell", "-v", "0", "-c", code], production_env(tmp_path))

    assert result.stdout.strip() == "False", result.stderr
