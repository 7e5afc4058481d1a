"""Tasks the worker tests enqueue: each writes what it does to a file the test reads."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def hold_until_released(marker: str) -> str:
    """Note the start (with this process's id), wait for `<marker>.release`, then note the end."""
    path = Path(marker)
    with path.open("a") as out:
        out.write(f"started {os.getpid()}\n")
    release = path.with_suffix(".release")
    deadline = time.monotonic() + 60
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with path.open("a") as out:
        out.write("done\n")
    return "done"
