"""Serve the platform with gunicorn (a production WSGI server) and a supervised background task worker."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alliance87.core.supervisor import Child, Supervisor


def child_environment(*, host: str, port: int) -> dict[str, str]:
    """The environment of gunicorn and the worker: without a configured SITE_URL, links follow --port."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE, "PORT": str(port)}
    if not os.environ.get("SITE_URL"):
        local = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104
        env["SITE_URL"] = f"http://{local}:{port}"
    return env


def installed_command(*args: str) -> list[str]:
    """Run a module of the installed package: `-P` keeps the current directory (a checkout) off the path."""
    return [sys.executable, "-P", "-m", *args]


class Command(BaseCommand):
    help = (
        "Serve the platform on PORT (default 8000) with gunicorn, plus a task worker (django-tasks database "
        "backend) that is restarted if it stops."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("WEB_TIMEOUT", "60")))
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background task worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        if not settings.SITE_URL:
            raise CommandError("Set SITE_URL to the address people use, e.g. https://alliance87.example.org.")
        env = child_environment(host=host, port=port)
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        web = Child(
            "web server",
            installed_command(
                "gunicorn",
                "alliance87.wsgi:application",
                # The application and its OpenAPI document are loaded once, before the workers start.
                "--config=python:alliance87.gunicorn_conf",
                f"--bind={bind}",
                f"--workers={options['workers']}",
                f"--timeout={options['timeout']}",
                "--access-logfile=-",
                # gunicorn puts its working directory on the import path: the data directory holds no code.
                f"--chdir={settings.DATA_DIR}",
                # Otherwise every gunicorn of one user shares ~/.gunicorn/gunicorn.ctl.
                "--no-control-socket",
            ),
        )
        helpers = []
        if not options["no_worker"]:
            helpers.append(
                Child("task worker", installed_command("alliance87.cli", "db_worker", "--queue-name", "*"))
            )
        self.stdout.write(
            f"Serving Alliance 8.7 on http://{bind}/ (settings: {settings.SETTINGS_MODULE}, "
            f"database: {settings.DATABASES['default']['ENGINE']}, links: {env.get('SITE_URL', settings.SITE_URL)})"
        )
        self.stdout.flush()
        code = Supervisor(web=web, helpers=helpers, env=env).run()
        if code:
            sys.exit(code)
