"""Build the real-news development and test set (tests/data/realnews/) from English Wikinews.

Source: the public repository vanatteveldt/wikinews, commit
347254178bf343f3801aac1d03c41cc09c35decb (2021-03-19), files data/wikinews_2019.csv and
data/wikinews_2020.csv: every English Wikinews article of 2019 and 2020 that the author's
scraper reached (url, date, title, text), 295 articles. Wikinews text is licensed CC BY 2.5
(tests/data/realnews/LICENSE.md); the attribution lives in PROVENANCE.md, written here.

To rebuild (a build-time tool; CI never runs it):

    git clone https://github.com/vanatteveldt/wikinews /tmp/wikinews
    git -C /tmp/wikinews checkout 347254178bf343f3801aac1d03c41cc09c35decb
    PYTHONPATH=src python tools/build_realnews.py /tmp/wikinews/data -o tests/data/realnews

Every step is deterministic (a fixed seed, sorted inputs), so the same source gives the same
files byte for byte. Steps:

1. Clean each article: drop the dateline paragraph ("Friday, January 4, 2019") and the
   pull-quote credits ("—Name, Twitter"); keep the paragraphs as lines.
2. Keep articles about politics, conflict, diplomacy, protest or crime and law: their title
   and lead paragraph must hold at least TOPIC_MIN_HITS words of TOPIC_WORDS, and their title
   none of OFF_TOPIC_WORDS (obituaries, weather, sport, science, accidents).
3. Split every kept article into parts BY ARTICLE, before anyone codes or annotates a
   sentence: a seeded shuffle of the article ids, the first DEV_SHARE of them `dev`, the rest
   `test`. Nobody tunes on `test`.
4. Split articles into sentences with eventcoder's own splitter (so indices match what the
   coder sees), keep whole English prose sentences (no wiki template marks, no quoted
   originals in other languages) and pick: sentences with event cues (words starting with
   CUE_STEMS, verbs and nouns of political events) are preferred, per article the
   PER_ARTICLE with most cues and then the longest (long multi-event sentences are what
   the coder misses), then a seeded sample of them; sentences with no cue make up
   NO_CUE_SHARE of the set, because precision needs sentences that hold no event.

The cue words only choose which sentences get annotated; annotators code what each sentence
says, cue or not (docs/annotation.md).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_REPO = "vanatteveldt/wikinews"
SOURCE_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
SOURCE_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
SEED = 14
DEV_SHARE = 2 / 3
PER_ARTICLE = 5
TARGET_SENTENCES = 540
NO_CUE_SHARE = 0.15
MIN_WORDS, MIN_CUE_WORDS, MAX_CHARS = 8, 14, 600

TOPIC_MIN_HITS = 2
TOPIC_WORDS = frozenset("""
president minister government parliament legislature senate congress election elections
vote voted primary primaries caucus caucuses campaign candidate party opposition police
arrested arrest charged court judge trial sentenced convicted jailed guilty prison jail
lawsuit sue sued protest protests protesters demonstrators march rally military army troop
troops soldiers attack attacks attacked bomb bombs bombing shot stabbed knife killer murder
murdered abuse killed militants rebels war ceasefire talks summit treaty agreement
sanctions ban bans restrictions embassy ambassador diplomatic diplomats foreign security
minister's president's governor mayor prosecutor prosecutors investigation impeachment
referendum coup strike refugees border terrorism terrorist accused justice un
""".split())
# Title words of articles that are not about political events: deaths of old age, weather,
# science, sport, fan conventions and long question-and-answer interviews.
OFF_TOPIC_WORDS = frozenset("""
dies obituary hurricane tropical cyclone typhoon earthquake quake wildfire scientists
scientist study species astronomer astronomers cosplay rugby marathon olympic championships
comicon interviews discusses wikinews
""".split())

# Words of political events (PLOVER's 16 categories); stems match inflected forms.
CUE_STEMS = tuple("""
accus attack arrest assault bomb kill shot shoot fire struck strik raid invad clash fought fight
protest demonstrat march rall boycott strike sanction ban expel deport impos
threat warn demand urg call ask request appeal press
agree accord deal sign treaty pact ceasefire truce
meet met talk negotiat summit visit host consult discuss
aid donat provid send sent assist support help fund
reject refus deni declin veto oppos condemn critici denounc blam
releas freed free surrender resign concede withdr retreat pull
sentenc charg convict indict sue sued investigat prob raid detain jail imprison
deploy mobili troop elect vote appoint pardon
""".split())


@dataclass
class Article:
    id: str
    url: str
    pub_date: str
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


DATELINE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def clean_paragraphs(text: str) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [p for p in paragraphs if p and not DATELINE.match(p) and not p.startswith("—")]


def read_articles(folder: Path) -> list[Article]:
    csv.field_size_limit(10**9)
    articles = []
    for name in SOURCE_FILES:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                digest = hashlib.sha1(row["url"].encode()).hexdigest()[:6]
                articles.append(Article(f"wn-{row['date']}-{digest}", row["url"].replace("org//wiki", "org/wiki"),
                                        row["date"], row["title"].strip(), clean_paragraphs(row["text"])))
    return sorted(articles, key=lambda a: a.id)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def on_topic(article: Article) -> bool:
    title = set(words(article.title))
    lead = words(article.title + " " + (article.paragraphs[0] if article.paragraphs else ""))
    return not title & OFF_TOPIC_WORDS and sum(w in TOPIC_WORDS for w in lead) >= TOPIC_MIN_HITS


def split_parts(articles: list[Article]) -> dict[str, str]:
    ids = sorted(a.id for a in articles)
    random.Random(SEED).shuffle(ids)
    cut = round(len(ids) * DEV_SHARE)
    return {article_id: ("dev" if rank < cut else "test") for rank, article_id in enumerate(ids)}


def cue_count(sentence: str) -> int:
    return sum(w.startswith(CUE_STEMS) for w in words(sentence))


def usable(sentence: str) -> bool:
    """Whole English prose: no wiki template marks ("((es))Spanish language: ..." tooltips,
    "((WSS))" interview labels), no quoted originals in other languages, no list heads."""
    from eventcoder.io.language import detect_language

    if "((" in sentence or "\u200d" in sentence or sentence.endswith(":"):
        return False
    if len(words(sentence)) < MIN_WORDS or len(sentence) > MAX_CHARS:
        return False
    language = detect_language(sentence)
    return language is None or language[0] == "en"


def article_sentences(article: Article) -> list[tuple[int, str]]:
    from eventcoder.nlp.sentences import split_sentences

    text = article.text
    return [(s.index, text[s.start:s.end].strip()) for s in split_sentences(text)]


def choose_sentences(articles: list[Article]) -> list[tuple[Article, int, str]]:
    """Per article the PER_ARTICLE sentences with the most event cues (then the longest),
    since long multi-event sentences are what the coder misses; then a seeded sample."""
    rng = random.Random(SEED)
    cued, plain = [], []
    for article in articles:
        sentences = [(i, s) for i, s in article_sentences(article) if usable(s)]
        with_cue = [(article, i, s) for i, s in sentences
                    if cue_count(s) and len(words(s)) >= MIN_CUE_WORDS]
        with_cue.sort(key=lambda item: (-cue_count(item[2]), -len(item[2]), item[1]))
        cued.extend(with_cue[:PER_ARTICLE])
        plain.extend((article, i, s) for i, s in sentences if not cue_count(s))
    rng.shuffle(cued)
    rng.shuffle(plain)
    plain_count = round(TARGET_SENTENCES * NO_CUE_SHARE)
    chosen = cued[:TARGET_SENTENCES - plain_count] + plain[:plain_count]
    return sorted(chosen, key=lambda item: (item[0].id, item[1]))


def sentence_rows(chosen, parts: dict[str, str]) -> list[dict]:
    return [{"id": f"{article.id}-s{index:02d}", "article_id": article.id, "sentence_index": index,
             "part": parts[article.id], "text": text, "pub_date": article.pub_date,
             "url": article.url, "title": article.title} for article, index, text in chosen]


def article_rows(articles: list[Article], parts: dict[str, str]) -> list[dict]:
    return [{"article_id": a.id, "part": parts[a.id], "pub_date": a.pub_date, "url": a.url,
             "title": a.title, "sentences": [s for _, s in article_sentences(a)]} for a in articles]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def provenance(articles: list[Article], rows: list[dict], parts: dict[str, str]) -> str:
    used = {row["article_id"] for row in rows}
    lines = [PROVENANCE_HEAD.format(repo=SOURCE_REPO, commit=SOURCE_COMMIT)]
    for part in ("dev", "test"):
        count = sum(1 for row in rows if row["part"] == part)
        articles_in = sum(1 for a in articles if parts[a.id] == part and a.id in used)
        lines.append(f"- `{part}`: {articles_in} articles, {count} sentences")
    lines.append("\n## Articles\n\nTitle, publication date, address; text by Wikinews contributors, CC BY 2.5.\n")
    lines += [f"- [{a.title}]({a.url}) ({a.pub_date}, `{a.id}`, {parts[a.id]})" for a in articles if a.id in used]
    return "\n".join(lines) + "\n"


PROVENANCE_HEAD = """# Provenance of the real-news set

Text: English Wikinews articles (https://en.wikinews.org), written by Wikinews contributors
(each article's history page lists them), licensed Creative Commons Attribution 2.5
(https://creativecommons.org/licenses/by/2.5/, see LICENSE.md). Taken from the public
repository {repo} at commit {commit} (data/wikinews_2019.csv and data/wikinews_2020.csv,
scraped by Wouter van Atteveldt, CC BY 2.5). Changes: paragraph whitespace normalised,
datelines and pull-quote credits removed, articles split into sentences, a selection of the
sentences kept (tools/build_realnews.py says how).

Files: `sentences.jsonl` (the sentences to annotate: id, article_id, sentence_index, part,
text, pub_date, url, title), `articles.jsonl` (every sentence of each article, for context).
The split into `dev` and `test` is by article and was fixed before any annotation.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="folder holding " + " and ".join(SOURCE_FILES))
    parser.add_argument("-o", "--output", type=Path, default=Path("tests/data/realnews"))
    args = parser.parse_args()
    articles = [a for a in read_articles(args.source) if on_topic(a)]
    parts = split_parts(articles)
    rows = sentence_rows(choose_sentences(articles), parts)
    used = {row["article_id"] for row in rows}
    args.output.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.output / "sentences.jsonl", rows)
    write_jsonl(args.output / "articles.jsonl", article_rows([a for a in articles if a.id in used], parts))
    (args.output / "PROVENANCE.md").write_text(provenance(articles, rows, parts), encoding="utf-8")
    print(f"{len(articles)} articles on topic, {len(used)} used, {len(rows)} sentences -> {args.output}")


if __name__ == "__main__":
    main()
