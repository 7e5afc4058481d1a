"""The demo's process indicators: counted from the demo's own records (so flagged as demo data, like them)."""

from __future__ import annotations

from alliance87.data.models import Observation, Series, Source

from .process_indicators import MEASURES, refresh_process_indicators


def load() -> list[str]:
    refresh_process_indicators()
    codes = [measure.code for measure in MEASURES]
    series = Series.objects.filter(code__in=codes)
    series.update(is_demo=True)
    Observation.objects.filter(series__in=series).update(is_demo=True)
    Source.objects.filter(pk__in=series.values("default_source")).update(is_demo=True)
    return []
