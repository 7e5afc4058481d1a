"""Placeholder until the backend lands."""

from .base import NullBackend


class SqliteFts5Backend(NullBackend):
    pass
