"""A progress bar for long runs (``check`` and ``archive``), drawn by tqdm on stderr.

It appears only when stderr is a terminal (and not with ``--quiet``), and only
once a run has taken more than :data:`DELAY` seconds, so short runs and CI
logs never see it. A ticker thread redraws it twice a second, so the elapsed
time moves even while one big file is being linted. tqdm is imported only
when a bar is actually wanted.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import Optional

#: seconds before the bar appears (``NEWSLINT_PROGRESS_DELAY`` overrides it)
DELAY = 2.0


def wanted(enabled: Optional[bool] = None, stream=None) -> bool:
    """True when a bar should be drawn: ``enabled`` if given, else a terminal on stderr."""
    if enabled is not None:
        return enabled
    stream = stream or sys.stderr
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


class Progress:
    """``with Progress(total=..., unit=...) as bar: bar.update(n)``; a no-op when not wanted."""

    def __init__(
        self,
        total: Optional[float],
        unit: str = "it",
        desc: str = "newslint",
        enabled: Optional[bool] = None,
        unit_scale: bool = False,
    ):
        self.total, self.unit, self.desc, self.unit_scale = total, unit, desc, unit_scale
        self.enabled = wanted(enabled)
        self._bar = None
        self._stop = threading.Event()
        self._ticker: Optional[threading.Thread] = None
        self._lock = threading.Lock()

    @property
    def shown(self) -> bool:
        """Whether a bar is being drawn (then plain progress lines are not needed)."""
        return self._bar is not None

    def __enter__(self) -> "Progress":
        if not self.enabled:
            return self
        from tqdm import tqdm

        delay = float(os.environ.get("NEWSLINT_PROGRESS_DELAY", DELAY))
        try:
            cols = os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = 0
        # a terminal that reports no size (some pseudo-terminals) gets 80 columns, not an empty bar
        self._bar = tqdm(
            total=self.total,
            unit=self.unit,
            desc=self.desc,
            file=sys.stderr,
            delay=delay,
            leave=False,
            dynamic_ncols=cols > 0,
            ncols=None if cols > 0 else 80,
            unit_scale=self.unit_scale,
            mininterval=0.2,
        )
        self._start = time.monotonic()
        self._delay = delay
        self._ticker = threading.Thread(target=self._tick, name="newslint-progress", daemon=True)
        self._ticker.start()
        return self

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            if time.monotonic() - self._start >= self._delay:
                with self._lock:
                    if self._bar is not None:
                        self._bar.refresh()

    def update(self, n: float = 1, postfix: Optional[str] = None) -> None:
        if self._bar is None:
            return
        with self._lock:
            if postfix is not None:
                self._bar.set_postfix_str(postfix, refresh=False)
            self._bar.update(n)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2)
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
