"""The explorer as a person uses it, in headless Chromium: load, filter, open an event, see its
evidence highlighted, see hostile text as text, and the charts drawn with no request leaving
127.0.0.1. Screenshots go to the test's tmp folder.

Uses Debian's /usr/bin/chromium through Playwright's Python client (never `playwright install`);
skips, saying why, where either is missing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from explore_harness import HOSTILE_ACTOR, HOSTILE_ID, HOSTILE_SENTENCE

pytestmark = [pytest.mark.slow, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class Visit:
    """A browser page that records every request, dialog and console error it meets."""

    def __init__(self, browser, base_url: str, shots: Path):
        self.base = base_url
        self.shots = shots
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, path
        return self.page

    def shoot(self, name: str) -> Path:
        target = self.shots / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000
        return target

    def hosts(self) -> set[str]:
        return {urlsplit(url).hostname for url in self.requests if not url.startswith(("data:", "blob:", "about:"))}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (Debian's `chromium` package) on this machine")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the `playwright` Python package is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def visit(browser, explorer, tmp_path):
    current = Visit(browser, explorer.url, tmp_path)
    yield current
    assert current.hosts() <= {"127.0.0.1"}, f"requests left 127.0.0.1: {current.hosts()}"
    assert current.dialogs == []
    assert current.errors == []
    current.page.close()


def test_load_filter_and_open_an_event(visit, explorer):
    page = visit.open("/events")
    total = explorer.get_json("/api/events")["total"]
    assert page.locator("#events tbody tr").count() == min(total, 50)
    visit.shoot("events")

    page.select_option("select[name=category]", "ASSAULT")
    page.fill("input[name=actor_country]", "rus")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    expected = explorer.get_json("/api/events?category=ASSAULT&actor_country=RUS")
    assert "category=ASSAULT" in page.url
    assert page.locator("#summary").inner_text().startswith(f"{expected['total']} events match")
    rows = page.locator("#events tbody tr")
    assert rows.count() == expected["total"] > 0
    assert all(text.startswith("ASSAULT") for text in rows.locator("td:nth-child(2)").all_inner_texts())
    visit.shoot("events-filtered")

    with page.expect_navigation():
        rows.first.locator("a.event-link").click()
    record = expected["events"][0]
    assert page.url.endswith(f"/events/{record['id']}")
    evidence = page.locator("#evidence")
    assert evidence.inner_text() == record["evidence"]["sentence"]
    assert evidence.locator("mark.trigger").inner_text() == record["evidence"]["trigger"]["text"]
    actor_marks = evidence.locator("mark.actor").all_inner_texts()
    assert actor_marks and all(mark in [span["text"] for span in record["evidence"]["actor_spans"]]
                                for mark in actor_marks)
    assert "RUS" in page.locator("#actor-table").inner_text()
    visit.shoot("event")


def test_hostile_text_shows_as_text_and_runs_nothing(visit):
    page = visit.open(f"/events/{HOSTILE_ID}")
    page.wait_for_load_state("networkidle")
    evidence = page.locator("#evidence")
    assert evidence.inner_text() == HOSTILE_SENTENCE
    assert evidence.locator("script, b, img").count() == 0
    assert evidence.locator("mark.trigger").inner_text() == "attacked"
    assert HOSTILE_ACTOR in page.locator("#actor-table").inner_text()
    assert page.locator("#actor-table img").count() == 0
    assert HOSTILE_ACTOR in page.locator("h1").inner_text()
    visit.shoot("hostile")

    page = visit.open("/events?q=alert")
    assert page.locator("#events tbody tr").count() == 1
    assert "<script>alert(1)</script>" in page.locator("#events").inner_text()
    page.wait_for_load_state("networkidle")


def _drawn(page):
    page.wait_for_selector("#chart[data-rendered=true] svg", timeout=30_000)
    return page.locator("#chart svg")


def test_dyad_series_is_drawn(visit, explorer):
    page = visit.open("/dyads?interval=year")
    svg = _drawn(page)
    data = explorer.get_json("/dyads.json?interval=year")
    assert svg.locator("g.mark-line.role-mark path").count() == len(data["dyads"])
    assert page.locator("#dyads tbody tr").count() == len(data["dyads"])
    visit.shoot("dyads")


def test_map_draws_the_shipped_world_and_one_point_per_place(visit, explorer):
    page = visit.open("/map")
    svg = _drawn(page)
    places = explorer.get_json("/map.json")["places"]
    world = json.loads(explorer.get("/static/vendor/countries-110m.json")[2])
    assert svg.locator("g.mark-shape.role-mark path").count() == len(world["objects"]["countries"]["geometries"])
    assert svg.locator("g.mark-symbol.role-mark path").count() == len(places) > 0
    visit.shoot("map")


def test_matrix_draws_one_cell_per_country_pair(visit, explorer):
    page = visit.open("/matrix")
    svg = _drawn(page)
    cells = explorer.get_json("/matrix.json")["cells"]
    assert svg.locator("g.mark-rect.role-mark path").count() == len(cells) > 0
    visit.shoot("matrix")


def test_chromium_is_the_debian_one():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium on this machine")
    assert shutil.which("chromium") or CHROMIUM.exists()
