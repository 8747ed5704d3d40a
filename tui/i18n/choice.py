"""Which language to speak: ``--lang``, else ``NNLAB_LANG``, else the one chosen in the app
(the settings file's ``language``), else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``), else English."""

from __future__ import annotations

import re
from collections.abc import Mapping

from tui.i18n import LANGUAGES, SOURCE_LANGUAGE

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_code(value: str) -> str | None:
    """The language code in ``ko``, ``ko_KR.UTF-8``, ``ja-JP``, ``EN`` …, when nnlab speaks
    it; else None."""
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[_-][A-Za-z0-9]+)?(?:\.[\w-]+)?(?:@\w+)?\s*$", value)
    if match is None:
        return None
    code = match.group(1).lower()
    return code if code in LANGUAGES else None


def choose_language(
    flag: str | None, environ: Mapping[str, str], saved: str | None = None
) -> tuple[str, str | None]:
    """``(code, warning)``: the language to speak, and a one-line warning when the one asked
    for by ``--lang`` or ``NNLAB_LANG`` is not one nnlab speaks (English is used then).

    A locale nnlab has no catalog for (``de_DE.UTF-8``, ``C``) is no mistake: it means
    English, silently. The first locale variable that is set decides, as in POSIX.
    ``saved``: the code the settings file remembers (checked when it was read), or None.
    """
    choices = ", ".join(LANGUAGES)
    for source, value in (("--lang", flag), ("NNLAB_LANG", environ.get("NNLAB_LANG"))):
        if value:
            code = language_code(value)
            if code is None:
                shown = value.encode("ascii", "backslashreplace").decode()[:40]
                return SOURCE_LANGUAGE, (
                    f"{source} {shown!r} is not a language nnlab speaks: "
                    f"choose {choices}; using English"
                )
            return code, None
    if saved in LANGUAGES:
        return saved, None
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return language_code(value) or SOURCE_LANGUAGE, None
    return SOURCE_LANGUAGE, None
