"""Placeholder until the backend lands."""

from .base import NullBackend


class PostgresBackend(NullBackend):
    pass
