"""Run the web server and the task worker side by side, restarting the worker when it stops.

`alliance87 serve` is the one command of a small installation: if the worker dies (a crash, the out-of-memory
killer), mail and text extraction would stop without a sign. The supervisor logs the exit and starts it
again after a delay that grows while it keeps failing (1 s, 2 s, 4 s … up to a minute).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import FrameType

logger = logging.getLogger("alliance87.serve")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
STABLE_AFTER = 60.0  # a child that ran this long is healthy again: the next restart waits FIRST_DELAY
POLL = 0.2


@dataclass
class Child:
    name: str
    command: Sequence[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    delay: float = FIRST_DELAY
    restart_at: float = 0.0
    restarts: int = field(default=0)

    def start(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(list(self.command), env=env)  # noqa: S603 - our own commands
        self.started_at = time.monotonic()
        logger.info("Started the %s (pid %s).", self.name, self.process.pid)


class Supervisor:
    """Keeps the web server running beside restartable helpers; stops them all on SIGTERM or SIGINT."""

    def __init__(self, *, web: Child, helpers: list[Child], env: dict[str, str]) -> None:
        self.web = web
        self.helpers = helpers
        self.env = env
        self.stopping = False

    def stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for child in [self.web, *self.helpers]:
            child.start(self.env)
        try:
            while not self.stopping:
                assert self.web.process is not None
                code = self.web.process.poll()
                if code is not None:
                    logger.error("The web server stopped (exit code %s); stopping.", code)
                    return code or 1
                for helper in self.helpers:
                    self.watch(helper)
                time.sleep(POLL)
            return 0
        finally:
            self.terminate()

    def watch(self, helper: Child) -> None:
        now = time.monotonic()
        if helper.process is not None:
            code = helper.process.poll()
            if code is None:
                return
            helper.delay = FIRST_DELAY if now - helper.started_at >= STABLE_AFTER else helper.delay
            logger.error(
                "The %s stopped (exit code %s); restarting it in %.0f s.", helper.name, code, helper.delay
            )
            helper.process = None
            helper.restart_at = now + helper.delay
            helper.delay = min(helper.delay * 2, MAX_DELAY)
        elif now >= helper.restart_at:
            helper.restarts += 1
            helper.start(self.env)

    def terminate(self) -> None:
        children = [c.process for c in [self.web, *self.helpers] if c.process and c.process.poll() is None]
        for process in children:
            process.terminate()
        deadline = time.monotonic() + 20
        for process in children:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
