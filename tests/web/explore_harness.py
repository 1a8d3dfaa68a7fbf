"""What the explorer tests share: the coded corpus with its hostile record, and a running
`eventcoder explore` subprocess.

The corpus is coded by the real Coder; one extra record is hostile on purpose (HTML in its
sentence and actor name) to check that every page shows text as text.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_ARTICLE = REPO / "examples" / "japan_ukraine_commentary.txt"
HOSTILE_ID = "hostile-0-0"
HOSTILE_SENTENCE = 'Officials said <script>alert(1)</script> the army <b>attacked</b> the town.'
HOSTILE_ACTOR = '<img src=x onerror="alert(2)">Army'

STORIES = [
    {"id": "nairobi", "pub_date": "2024-01-10",
     "text": "Kenyan police arrested dozens of protesters in Nairobi on Monday. "
             "Thousands marched in Lagos against fuel prices."},
    {"id": "kharkiv", "pub_date": "2024-03-02",
     "text": "Russian forces shelled Kharkiv overnight, killing three civilians. "
             "Germany pledged new air defence systems to Ukraine."},
    {"id": "talks", "pub_date": "2024-04-05",
     "text": "China and the United States agreed to resume military talks in Beijing. "
             "Iran accused Israel of attacking its consulate in Damascus. "
             "Russia might attack Ukraine again next month."},
]


def hostile_event(template):
    """A copy of a coded event whose sentence and actor carry HTML, offsets kept consistent."""
    from eventcoder.records import Entity, Evidence, TextSpan

    trigger_at = HOSTILE_SENTENCE.index("attacked")
    actor = Entity(text="the army", start=HOSTILE_SENTENCE.index("the army"),
                   end=HOSTILE_SENTENCE.index("the army") + 8, name=HOSTILE_ACTOR, country="XSS",
                   sector="MIL", kind="group", source="test")
    evidence = Evidence(sentence=HOSTILE_SENTENCE, sentence_index=0, sentence_start=0,
                        trigger=TextSpan("attacked", trigger_at, trigger_at + 8),
                        actor_spans=[TextSpan(actor.text, actor.start, actor.end)])
    return dataclasses.replace(template, id=HOSTILE_ID, story_id="hostile", event="ASSAULT",
                               actor=[actor], recipient=[], evidence=evidence,
                               attributed_to=None, location=None, date="2024-02-01",
                               pub_date="2024-02-01", event_text="attacked")


def code_corpus() -> list:
    from eventcoder.coder import Coder

    coder = Coder()
    documents = [{"id": "japan", "pub_date": "2025-09-20", "text": SEED_ARTICLE.read_text(encoding="utf-8")},
                 *STORIES]
    events = [event for result in coder.code_documents(documents) for event in result.events]
    return [*events, hostile_event(events[0])]


class Explorer:
    """A running `eventcoder explore` subprocess and the URL it announced."""

    def __init__(self, events_path: Path):
        environment = {**os.environ, "PYTHONUNBUFFERED": "1",
                       "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "eventcoder.cli", "explore", str(events_path), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        line = self.process.stdout.readline()
        if " at http://" not in line:
            self.process.kill()
            raise RuntimeError(f"explore did not start: {line!r} {self.process.stderr.read()}")
        self.url = line.split(" at ")[1].split()[0].rstrip("/")

    def get(self, path: str) -> tuple[int, dict, bytes]:
        """Status, headers and body of GET path (errors included, not raised)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def get_json(self, path: str):
        status, headers, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        assert headers["content-type"].startswith("application/json")
        return json.loads(body)

    def stop(self) -> int:
        self.process.send_signal(2)  # SIGINT, as Ctrl-C
        try:
            return self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
