"""Docs that stay true: every CLI command is documented in README.md, the docs it links exist,
and the example on docs/api.md prints what the page says it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import COMMANDS, main

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
API_PAGE = REPO / "docs" / "api.md"


def readme_text() -> str:
    if not README.exists():
        pytest.fail("README.md is missing")
    return README.read_text(encoding="utf-8")


def listed_commands() -> list[str]:
    result = CliRunner().invoke(main, ["--help"])
    section = result.output.split("Commands:")[1]
    return [line.split()[0] for line in section.splitlines() if line.strip()]


def documented_places(text: str) -> str:
    """The headings and code (fenced blocks and inline code) of a Markdown text."""
    headings = re.findall(r"^#{1,6} .*$", text, flags=re.MULTILINE)
    blocks = re.findall(r"```.*?```", text, flags=re.DOTALL)
    inline = re.findall(r"`[^`\n]+`", text)
    return "\n".join([*headings, *blocks, *inline])


def test_help_lists_every_command():
    assert listed_commands() == sorted(COMMANDS)
    assert {"code", "show", "evaluate", "actor", "dedup"} <= set(listed_commands())


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented_in_the_readme(command):
    places = documented_places(readme_text())
    assert re.search(rf"\beventcoder {command}\b", places), (
        f"README.md shows `eventcoder {command}` in no heading or code block")


def test_docs_pages_linked_from_the_readme_exist():
    links = re.findall(r"\]\(((?:\./)?docs/[^)#\s]+)", readme_text())
    assert links, "README.md links no page under docs/"
    missing = [link for link in links if not (REPO / link).exists()]
    assert missing == []


def test_docs_pages_link_only_to_existing_docs():
    for page in (REPO / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([^)#\s:]+\.md)", page.read_text(encoding="utf-8")):
            assert (page.parent / link).exists(), f"{page.name} links to missing {link}"


def first_python_block(text: str) -> str:
    return re.search(r"```python\n(.*?)```", text, flags=re.DOTALL).group(1)


@pytest.mark.model
def test_the_api_page_example_prints_what_the_page_shows(capsys):
    code = first_python_block(API_PAGE.read_text(encoding="utf-8"))
    shown = [line[2:] for line in code.splitlines() if line.startswith("# ")]
    exec(compile(code, str(API_PAGE), "exec"), {})
    printed = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert printed == shown and len(shown) == 3
