"""French and English catalogs are complete: every string of the code is translated."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

pytestmark = pytest.mark.db_independent

ROOT = Path(__file__).resolve().parents[2]


def _extracted_ids(tmp_path) -> set:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def _translated(locale: str) -> dict:
    with (ROOT / "storyhub/translations" / locale / "LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    done = {}
    for m in catalog:
        if not m.id or m.fuzzy:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if all(strings):
            done[m.id if isinstance(m.id, str) else m.id[0]] = strings
    return done


def test_every_string_has_a_french_translation(tmp_path):
    missing = _extracted_ids(tmp_path) - set(_translated("fr"))
    assert not missing, (
        f"{len(missing)} strings lack French (run scripts/i18n.py): {sorted(missing)[:10]}"
    )


def test_every_string_is_in_the_english_catalog(tmp_path):
    missing = _extracted_ids(tmp_path) - set(_translated("en"))
    assert not missing, f"run scripts/i18n.py: {sorted(missing)[:10]}"


def test_french_interface_really_speaks_french(client):
    page = client.get("/login", headers={"Accept-Language": "fr"})
    assert b"Se connecter" in page.data
