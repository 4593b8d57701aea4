"""Each page declares the stylesheets it uses: a page template (with what it includes, imports
and the scripts it loads) that uses the classes of a rule of a page sheet declares that sheet in
its `styles` block. Read from the sources, so a new class in a template without its sheet fails
here rather than losing its styling in a browser. (The browser test of the first visit checks
the weight; this checks nothing is missing.)"""

import re
from pathlib import Path

import pytest

from storyhub.core.assets import SHEETS

pytestmark = pytest.mark.db_independent

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES, CSS = ROOT / "templates", ROOT / "static" / "css"
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
LITERAL = re.compile(r"""'([^'\n]*)'|"([^"\n]*)\"""")
REFERENCE = re.compile(r"""\{%-?\s*(?:include|import|from)\s+["']([^"']+)["']""")
SCRIPT = re.compile(r"filename='(js/[^']+)'")
DECLARED = re.compile(r"\{%\s*block styles\s*%\}\{\{\s*stylesheets\(([^)]*)\)")
# pair.css styles the two reading views (a story, a pair) only; the editor and the review page
# show the same blocks in their own, plainer way, as before the sheets were split.
READING_ONLY = {"pair": {"stories/detail.html", "stories/pair.html"}}
# Plain words of many templates (url arguments, actions, words of translated sentences) that are
# also a class of one area: counted only in a class attribute.
AMBIGUOUS = {"change", "decision", "reflection"}


def _rules():
    """(sheet, classes of one selector) for every selector of the page sheets."""
    rules = []
    for sheet in SHEETS:
        text = re.sub(r"/\*.*?\*/", "", (CSS / f"{sheet}.css").read_text(), flags=re.S)
        for prelude in re.findall(r"([^{}]+)\{", text):
            if prelude.strip().startswith("@"):
                continue
            for selector in prelude.split(","):
                names = CLASS.findall(re.sub(r":not\([^)]*\)", "", selector))
                if names:
                    rules.append((sheet, frozenset(names)))
    return rules


def _words(text: str, script: bool = False) -> set[str]:
    """Class-like words: class attributes and string literals (of Jinja, or of a script)."""
    words = set()
    if script:
        for match in re.finditer(r"""'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`""", text):
            words |= set(re.split(r"[\s.$\{\}\[\]=>:,]+", "".join(g or "" for g in match.groups())))
        return words - AMBIGUOUS
    for match in re.finditer(r'class="([^"]*)"', text):
        words |= set(re.split(r"[\s{}%|~()+,=]+", match.group(1)))
    for match in re.finditer(r"\{[{%](.*?)[}%]\}", text, flags=re.S):
        for literal in LITERAL.finditer(match.group(1)):
            words |= set((literal.group(1) or literal.group(2) or "").split()) - AMBIGUOUS
    return words


def _page_words(name: str, seen: set[str]) -> set[str]:
    if name in seen or name == "base.html" or not (TEMPLATES / name).exists():
        return set()
    seen.add(name)
    text = (TEMPLATES / name).read_text()
    words = _words(text)
    for script in SCRIPT.findall(text):
        words |= _words((ROOT / "static" / script).read_text(), script=True)
    for other in REFERENCE.findall(text):
        words |= _page_words(other, seen)
    return words


def _needed(words: set[str], rules) -> set[str]:
    prefixes = tuple(w for w in words if len(w) > 2 and w.endswith(("-", "_")))

    def used(name):
        return name in words or (bool(prefixes) and name.startswith(prefixes))

    return {sheet for sheet, names in rules if all(used(n) for n in names)}


def _pages():
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        if '{% extends "base.html" %}' in text:
            yield str(path.relative_to(TEMPLATES)), text


def test_every_page_declares_the_sheets_whose_rules_it_uses():
    rules, missing = _rules(), {}
    for name, text in _pages():
        declared = set(re.findall(r"'(\w+)'", "".join(DECLARED.findall(text))))
        needed = {
            sheet
            for sheet in _needed(_page_words(name, set()), rules)
            if name in READING_ONLY.get(sheet, {name})
        }
        if needed - declared:
            missing[name] = sorted(needed - declared)
    assert not missing


def test_the_layout_itself_needs_only_the_base_sheet():
    text = (TEMPLATES / "base.html").read_text()
    words = _words(text)
    for other in REFERENCE.findall(text):
        words |= _page_words(other, set())
    for script in SCRIPT.findall(text):
        words |= _words((ROOT / "static" / script).read_text(), script=True)
    # .story, .media and .responses only set custom properties or margins of their own blocks
    assert _needed(words, _rules()) <= {"stories", "media", "responses"}


def test_the_check_sees_a_sheet_left_out():
    rules = _rules()
    assert "browse" in _needed(_page_words("main/index.html", set()), rules)
    assert "search" not in _needed(_page_words("main/index.html", set()), rules)
