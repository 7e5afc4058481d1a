"""`alliance87 createadmin --email …`: the first administrator (people sign in with their e-mail address)."""

import getpass
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance87.accounts.services import create_administrator, set_password_path


class Command(BaseCommand):
    help = (
        "Create an administrator who signs in with this e-mail address (or make an existing account one). "
        "Without --password-prompt, prints a link where they choose their password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="Full name shown to other people.")
        parser.add_argument(
            "--password-prompt", action="store_true", help="Type the password here instead of using the link."
        )

    def handle(self, *args: Any, email: str, name: str, password_prompt: bool, **options: Any) -> None:
        password = None
        if password_prompt:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        try:
            user, created = create_administrator(email=email, full_name=name, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        verb = "Created" if created else "Made"
        self.stdout.write(self.style.SUCCESS(f"{verb} administrator {user.email}."))
        if password is None and not user.has_usable_password():
            self.stdout.write(
                f"They choose a password at (valid for a few days): {settings.SITE_URL}{set_password_path(user)}"
            )
        self.stdout.write(f"Sign in at {settings.SITE_URL}/accounts/login/ with the e-mail address.")
