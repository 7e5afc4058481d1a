"""Placeholder until the backend lands."""

from .base import NullBackend


class TantivyBackend(NullBackend):
    pass
