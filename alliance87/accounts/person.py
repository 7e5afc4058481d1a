"""What the platform knows of the request's person, worked out once per request.

Permissions ask the same questions many times while one page renders (is this person a partner, which bodies
do they chair, which items may they see): each costs a query or two, and a page asked them dozens of times. The
apps that own an answer (partners: organisations and focal points; bodies: chaired and member bodies; library:
the access rule) compute it through `remember`, which keeps it for the rest of the request that asked:

- only for the person of the request being served (the signed-in account or the API token's owner), only while
  that request runs: `PersonMemory` opens the memory when the request starts and closes it with the response;
- outside a request (services run by commands, tasks, tests calling permissions directly) nothing is kept;
- any write during the request (a model saved or deleted, links changed) forgets everything, so a request that
  changes a membership and then checks again sees the change.

`alliance87.bodies.person.PersonMiddleware` opens the memory and sets `request.person`, the typed view of it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.http import HttpRequest

from .types import Person, signed_in

T = TypeVar("T")


@dataclass
class _Memory:
    request: HttpRequest
    facts: dict[Hashable, Any] = field(default_factory=dict)

    def holds(self, person: Person) -> bool:
        """Whether this is the request's own person (lazily: the request's user is loaded only when asked)."""
        owner = getattr(self.request, "user", None)
        return owner is not None and signed_in(owner) and owner.pk == person.pk


_memory: ContextVar[_Memory | None] = ContextVar("alliance87_person_memory", default=None)


def remember(person: Person, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, kept for the rest of the request when `person` is the request's signed-in person."""
    memory = _memory.get()
    if memory is None or not signed_in(person) or not memory.holds(person):
        return compute()
    if key not in memory.facts:
        memory.facts[key] = compute()
    return cast(T, memory.facts[key])


def forget(**kwargs: Any) -> None:
    """Forget what the current request knows of its person (any write may have changed it)."""
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed: only once the links changed
        return
    memory = _memory.get()
    if memory is not None:
        memory.facts.clear()


@contextmanager
def person_memory(request: HttpRequest) -> Iterator[None]:
    """Keep what is learnt of the request's person while the request runs (see `remember`)."""
    token = _memory.set(_Memory(request))
    try:
        yield
    finally:
        _memory.reset(token)
