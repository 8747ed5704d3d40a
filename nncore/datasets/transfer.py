"""One HTTP transfer into an open file: a total deadline, a size cap, one-line failures."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from nncore.datasets.errors import cannot_write
from nncore.text import N_, Phrase, Worded, describe, one_line, verbatim

_CHUNK = 64 * 1024

ProgressFn = Callable[[int, int | None], None]
"""``progress(done_bytes, total_bytes)``; ``total_bytes`` is None without a Content-Length."""


class MirrorFailed(Worded, Exception):
    """One URL failed; the next mirror may still work."""


def _describe(exc: BaseException, timeout: float) -> Phrase:
    if isinstance(exc, urllib.error.HTTPError):
        return Phrase(N_("HTTP {code} {reason}"), code=exc.code, reason=describe(exc.reason))
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return Phrase(N_("timed out after {seconds:g} s"), seconds=timeout)
    return verbatim(describe(reason) if isinstance(reason, BaseException) else one_line(reason))


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() and len(value) < 20 else None


def body_cap(size: int) -> int:
    """Most bytes a download of a file of ``size`` decompressed bytes may take: gzip
    never grows data by more than a few bytes per 16 kB block."""
    return size + size // 1000 + 1024


class Deadline:
    """The time one mirror has left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self._end - time.monotonic()
        if remaining <= 0:
            raise MirrorFailed(N_("gave up after {seconds:g} s in all"), seconds=self.seconds)
        return remaining


def connect(url: str, timeout: float, deadline: Deadline) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": "nnlab"})
    try:
        return urllib.request.urlopen(request, timeout=min(timeout, deadline.left()))
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise MirrorFailed(_describe(exc, timeout)) from exc


def copy_body(
    response: http.client.HTTPResponse,
    out: BinaryIO,
    part: Path,
    limits: tuple[float, Deadline, int | None],
    progress: ProgressFn | None,
) -> None:
    """Copy the body into ``out``, checking it is as long as announced and within the cap."""
    timeout, deadline, cap = limits
    total = _content_length(response)
    if cap is not None and total is not None and total > cap:
        raise MirrorFailed(
            N_("announces {n:,} bytes, more than the {most:,} the file can be"), n=total, most=cap
        )
    done = 0
    if progress is not None:
        progress(0, total)
    while True:
        deadline.left()
        try:
            # read1 returns what one receive brings: a mirror dripping bytes cannot
            # hold a read open past the deadline by never filling the chunk.
            chunk = response.read1(_CHUNK)
        except (http.client.HTTPException, OSError) as exc:
            raise MirrorFailed(_describe(exc, timeout)) from exc
        if not chunk:
            break
        done += len(chunk)
        if cap is not None and done > cap:
            raise MirrorFailed(N_("sent more than the {most:,} bytes the file can be"), most=cap)
        try:
            out.write(chunk)
        except OSError as exc:
            raise cannot_write(part, exc) from exc
        if progress is not None:
            progress(done, total)
    # http.client reports a connection closed early as a normal end of body.
    if total is not None and done != total:
        raise MirrorFailed(
            N_("connection closed after {done} of {total} bytes"), done=done, total=total
        )
