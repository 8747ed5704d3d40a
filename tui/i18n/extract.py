"""The marked strings in nnlab's source, and the catalogs checked and kept up to date
against them.

``python -m tui.i18n.extract`` adds each new string to ``ko.po`` and ``ja.po`` with an
empty translation (for a translator to fill) and marks the ones the source no longer uses
obsolete; the tests fail while any translation is missing, empty or fuzzy, or uses other
placeholders than its English.
"""

from __future__ import annotations

import ast
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.i18n import TRANSLATED
from tui.i18n.catalogs import catalog_path, read_po

SOURCE_ROOT = Path(__file__).resolve().parent.parent
ENGINE_ROOT = SOURCE_ROOT.parent / "nncore"
"""nncore marks the words it carries (``nncore.text.N_``) for the app to translate."""
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}
"""Marking function → how many of its first arguments are the English text."""


@dataclass
class Message:
    """One marked string: its English text (``plural`` for ``ngettext``) and where it is."""

    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)


def source_files(*roots: Path) -> list[Path]:
    """Every Python file of ``roots`` (default: tui and nncore) but this package's."""
    here = Path(__file__).resolve().parent
    found = (p for root in roots or (SOURCE_ROOT, ENGINE_ROOT) for p in root.rglob("*.py"))
    return sorted(p for p in found if here not in p.parents)


def marked_messages(files: Iterable[Path]) -> dict[str, Message]:
    """Every ``_("…")``, ``N_("…")`` and ``ngettext("…", "…", n)`` with literal text."""
    found: dict[str, Message] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            try:
                texts = _marked_texts(node)
            except ValueError as exc:
                raise ValueError(f"{_shown(path)}: {exc}") from None
            if texts is None:
                continue
            message = found.setdefault(texts[0], Message(*texts))
            if message.plural != (texts[1] if len(texts) > 1 else None):
                raise ValueError(f"{path}:{node.lineno}: {texts[0]!r} is marked both ways")
            message.places.append(f"{_shown(path)}:{node.lineno}")
    return found


def _shown(path: Path) -> str:
    """``path`` from the repository's root, as catalogs name places."""
    path = path.resolve()
    root = SOURCE_ROOT.parent
    return str(path.relative_to(root)) if root in path.parents else str(path)


def _marked_texts(node: ast.AST) -> tuple[str, ...] | None:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return None
    count = MARKERS.get(node.func.id)
    if count is None or len(node.args) < count:
        return None
    texts = node.args[:count]
    if all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
        return tuple(t.value for t in texts)
    if any(isinstance(t, ast.JoinedStr | ast.BinOp) for t in texts):
        # Text built at run time has no msgid a catalog could hold.
        raise ValueError(f"line {node.lineno}: {node.func.id}() needs literal text")
    return None  # _(TITLE): a constant marked with N_ where it is defined


def placeholders(text: str) -> set[str]:
    """The ``{name}`` / ``{name:spec}`` fields of ``text``."""
    fields = set()
    for _literal, name, spec, _conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add(f"{name}:{spec}" if spec else name)
    return fields


def catalog_problems(code: str, messages: dict[str, Message]) -> list[str]:
    """Each way ``code``'s catalog falls short of ``messages``, one line each."""
    po = read_po(code)
    entries = {entry.msgid: entry for entry in po if not entry.obsolete}
    problems = []
    for msgid, message in messages.items():
        entry = entries.get(msgid)
        if entry is None:
            problems.append(f"{code}: no entry for {msgid!r} ({message.places[0]})")
            continue
        translations = list(entry.msgstr_plural.values()) if message.plural else [entry.msgstr]
        wanted = placeholders(msgid) | placeholders(message.plural or "")
        if entry.fuzzy:
            problems.append(f"{code}: {msgid!r} is marked fuzzy")
        if not translations or not all(t.strip() for t in translations):
            problems.append(f"{code}: {msgid!r} has no translation")
        elif message.plural and entry.msgid_plural != message.plural:
            problems.append(f"{code}: {msgid!r} has another plural than the source's")
        else:
            for text in translations:
                if placeholders(text) != wanted:
                    problems.append(
                        f"{code}: {msgid!r} has placeholders {sorted(placeholders(text))}"
                    )
    return problems


def _files(message: Message) -> set[str]:
    return {place.rsplit(":", 1)[0] for place in message.places}


def update_catalogs(messages: dict[str, Message]) -> None:
    """Bring ``ko.po`` and ``ja.po`` up to date with ``messages`` (written atomically)."""
    import polib

    for code in TRANSLATED:
        po = read_po(code)
        entries = {entry.msgid: entry for entry in po}
        for msgid, message in messages.items():
            entry = entries.get(msgid)
            if entry is None:
                entry = polib.POEntry(msgid=msgid, msgstr="")
                if message.plural:
                    entry.msgid_plural = message.plural
                    entry.msgstr_plural = {0: ""}
                po.append(entry)
            entry.obsolete = False
            # Files, not lines: line numbers would change the catalogs with every edit.
            entry.occurrences = [(name, "") for name in sorted(_files(message))]
        for entry in po:
            if entry.msgid not in messages:
                entry.obsolete = True
        path = catalog_path(code)
        part = path.with_name(f".{path.name}.part")
        po.save(str(part))
        part.replace(path)


def main() -> int:
    messages = marked_messages(source_files())
    update_catalogs(messages)
    updated = ", ".join(f"{code}.po" for code in TRANSLATED)
    print(f"{len(messages)} marked strings; updated {updated}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
