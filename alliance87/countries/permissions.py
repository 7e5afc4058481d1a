from typing import Any

from alliance87.accounts.roles import is_secretariat


def can_edit_countries(user: Any) -> bool:
    """Pathfinder status is recorded by the Secretariat."""
    return is_secretariat(user)
