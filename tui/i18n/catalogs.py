"""The ``.po`` catalogs beside this module: where they are, and reading one into Python's
own ``gettext`` translations.

polib reads the ``.po`` text (escapes, multi-line strings, plural entries, flags) and
writes the binary ``.mo`` form in memory, which ``gettext.GNUTranslations`` then serves
with the catalog's own plural rule; nothing compiled is kept on disk or in the repository.
Fuzzy entries are a translator's unchecked guesses and are left out, as ``msgfmt`` does.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent
MAX_CATALOG_BYTES = 4 * 1024 * 1024
"""A catalog of every nnlab string is some hundred kilobytes; anything far larger is not one."""


def catalog_path(code: str) -> Path:
    return CATALOG_DIR / f"{code}.po"


def read_po(code: str):
    """The parsed catalog for ``code`` (a ``polib.POFile``)."""
    import polib

    path = catalog_path(code)
    if path.stat().st_size > MAX_CATALOG_BYTES:
        raise ValueError(f"{path} is larger than {MAX_CATALOG_BYTES} bytes: not a catalog")
    return polib.pofile(str(path), encoding="utf-8", wrapwidth=0)


@cache
def load_catalog(code: str) -> gettext.GNUTranslations:
    """``code``'s translations, read from its ``.po`` once per process."""
    po = read_po(code)
    for entry in [entry for entry in po if entry.fuzzy]:
        po.remove(entry)
    return gettext.GNUTranslations(io.BytesIO(po.to_binary()))
