from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person


def can_edit_countries(user: Person) -> bool:
    """Pathfinder status is recorded by the Secretariat."""
    return is_secretariat(user)
