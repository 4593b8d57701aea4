"""The Nu Html Checker (vnu.jar, from npm's vnu-jar, installed by scripts/setup.sh into
tools/vnu when npm and java are there): every page given is checked in one run."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require_vnu() -> str:
    """The java to run vnu.jar with; skip (fail in CI) when java or the jar is missing."""
    java = shutil.which("java")
    if java and JAR.exists():
        return java
    message = f"the Nu Html Checker needs java and {JAR.relative_to(ROOT)} (scripts/setup.sh)"
    if os.environ.get("STORYHUB_REQUIRE_VNU") == "1":
        pytest.fail(message)
    pytest.skip(message)


def check(java: str, pages: dict[str, str], folder: Path) -> list[str]:
    """vnu's errors over these pages ({name: html}), one line each: 'name: line N: message'."""
    files = {}
    for index, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"page-{index:04d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(
        [java, "-Xss1m", "-jar", str(JAR), "--format", "json", "--exit-zero-always",
         *[str(folder / file) for file in files]],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    messages = json.loads(run.stderr or "{}").get("messages", [])
    errors = []
    for message in messages:
        if message.get("type") != "error":
            continue
        url = message.get("url", "")
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.append(f"{name}: line {message.get('lastLine')}: {message.get('message')}")
    return errors
