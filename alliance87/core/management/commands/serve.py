"""Serve the platform with gunicorn (a production WSGI server) and run the background task worker beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform on PORT (default 8000) with gunicorn, plus a task worker (django-tasks database backend)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background task worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import WSGIApplication

        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen(
                [sys.executable, "-m", "alliance87.cli", "db_worker", "--queue-name", "*"],
                env=os.environ.copy(),
            )
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(
            f"Serving Alliance 8.7 on http://{bind}/ (database: {settings.DATABASES['default']['ENGINE']})"
        )
        sys.argv = [
            "gunicorn",
            "alliance87.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "60",
        ]
        try:
            WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
