"""Refresh the translation catalogs after changing user-facing strings.

    .venv/bin/python scripts/i18n.py

Extracts every string, updates the French and English catalogs (English msgstr = msgid),
and lists the French strings still missing. Then fill them in
storyhub/translations/fr/LC_MESSAGES/messages.po and compile with
`.venv/bin/pybabel compile -d storyhub/translations`.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CATALOGS = ROOT / "storyhub" / "translations"


def run(*args: str) -> None:
    subprocess.run([str(BIN / "pybabel"), *args], check=True, cwd=ROOT, capture_output=True)


def main() -> int:
    run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "--no-location",
        "--sort-output",
        # Babel skips folders starting with "_" unless told which to skip: templates/_macros and
        # templates/_partials hold strings too (the form error summary's heading among them).
        "--ignore-dirs",
        ".* ._ __pycache__ node_modules",
        "-o",
        "messages.pot",
        ".",
    )
    run(
        "update",
        "-i",
        "messages.pot",
        "-d",
        str(CATALOGS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )
    english = CATALOGS / "en" / "LC_MESSAGES" / "messages.po"
    with english.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # plural: (singular, plural) both filled
            if not (isinstance(message.string, tuple) and all(message.string)):
                message.string = message.id
        elif not message.string:
            message.string = message.id
    with english.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    with (CATALOGS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        french = read_po(handle)
    missing = [
        m.id
        for m in french
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]
    for message_id in missing:
        print("missing fr:", message_id)
    print(f"{len(missing)} French strings missing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
