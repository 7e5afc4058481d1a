"""Serve the library's tantivy index to several web servers (the "tantivy_service" search backend)."""

import ipaddress
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance87.library.search.service import make_server
from alliance87.library.search.tantivy_backend import index_dir
from alliance87.library.search.tantivy_engine import TantivyEngine


class Command(BaseCommand):
    help = (
        "Serve the library search index (LIBRARY_SEARCH_INDEX_DIR) over HTTP to the web servers whose "
        'LIBRARY_SEARCH_BACKEND is "tantivy_service"; requests carry LIBRARY_SEARCH_SERVICE_TOKEN.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="a private address (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8790)

    def handle(self, *args: Any, **options: Any) -> None:
        token = getattr(settings, "LIBRARY_SEARCH_SERVICE_TOKEN", "")
        if not token:
            raise CommandError(
                "LIBRARY_SEARCH_SERVICE_TOKEN is not set: the web servers authenticate with it."
            )
        host = options["host"]
        try:
            if ipaddress.ip_address(host).is_global:
                raise CommandError(f"{host} is a public address: bind the search service to a private one.")
        except ValueError:
            pass  # a host name: the operator's choice
        server = make_server(TantivyEngine(index_dir()), host=host, port=options["port"], token=token)
        self.stdout.write(
            f"Serving the library search index {index_dir()} on http://{host}:{options['port']}/"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
