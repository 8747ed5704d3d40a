"""The ``.po`` catalogs beside this module: where they are, and reading one into Python's
own ``gettext`` translations.

polib reads the ``.po`` text (escapes, multi-line strings, plural entries, flags) and
writes the binary ``.mo`` form in memory, which ``gettext.GNUTranslations`` then serves
with the catalog's own plural rule. Fuzzy entries are a translator's unchecked guesses
and are left out, as ``msgfmt`` does. Nothing compiled is kept in the repository: the
``.mo`` form is cached per user (``$XDG_CACHE_HOME/nnlab/catalogs``), named by a hash of
the ``.po`` text, so a launch in Korean skips parsing (tens of milliseconds) until the
catalog changes.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import os
from contextlib import suppress
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent
MAX_CATALOG_BYTES = 4 * 1024 * 1024
"""A catalog of every nnlab string is some hundred kilobytes; anything far larger is not one."""


def catalog_path(code: str) -> Path:
    return CATALOG_DIR / f"{code}.po"


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/nnlab/catalogs``, ``~/.cache`` standing in for an unset or
    relative ``XDG_CACHE_HOME`` (as for the MNIST cache)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "nnlab" / "catalogs"


def _read_bounded(path: Path) -> bytes:
    with open(path, "rb") as file:
        data = file.read(MAX_CATALOG_BYTES + 1)
    if len(data) > MAX_CATALOG_BYTES:
        raise ValueError(f"{path} is larger than {MAX_CATALOG_BYTES} bytes: not a catalog")
    return data


def read_po(code: str, text: str | None = None):
    """The parsed catalog for ``code`` (a ``polib.POFile``), from ``text`` when given."""
    import polib

    if text is None:
        text = _read_bounded(catalog_path(code)).decode("utf-8")
    return polib.pofile(text, encoding="utf-8", wrapwidth=0)


@cache
def load_catalog(code: str) -> gettext.GNUTranslations:
    """``code``'s translations, read once per process: from the cached ``.mo`` of this
    very ``.po`` text when there is one, else parsed (and cached for the next launch)."""
    data = _read_bounded(catalog_path(code))
    cached = cache_folder() / f"{code}-{hashlib.sha256(data).hexdigest()[:16]}.mo"
    try:
        return gettext.GNUTranslations(io.BytesIO(_read_bounded(cached)))
    except Exception:  # none yet, unreadable or damaged: any of these means parse anew
        pass
    po = read_po(code, data.decode("utf-8"))
    for entry in [entry for entry in po if entry.fuzzy]:
        po.remove(entry)
    binary = po.to_binary()
    _store(cached, binary)
    return gettext.GNUTranslations(io.BytesIO(binary))


def _store(cached: Path, binary: bytes) -> None:
    """Write ``binary`` to ``cached`` whole (a temporary file renamed), dropping the
    language's older ``.mo``; a cache that cannot be written only costs the next launch
    its parse."""
    part = cached.with_name(f".{cached.name}.{os.getpid()}.part")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(binary)
        part.replace(cached)
        language = cached.name.split("-", 1)[0]
        for old in cached.parent.glob(f"{language}-*.mo"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        with suppress(OSError):  # in a folder that is a file, even this fails
            part.unlink(missing_ok=True)
