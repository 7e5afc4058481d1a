"""Background work of the hub: the platform's process indicators."""

from django_tasks import task

from .process_indicators import refresh_process_indicators as refresh_now


@task()
def refresh_process_indicators() -> dict[str, int]:
    """Recompute the process indicators from the platform's records and store them as data series."""
    return refresh_now()
