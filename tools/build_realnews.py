"""Build the real-news set (tests/data/realnews/) from English Wikinews: dev and test, then train.

First source (dev, test): the public repository vanatteveldt/wikinews, commit
347254178bf343f3801aac1d03c41cc09c35decb (2021-03-19), files data/wikinews_2019.csv and
data/wikinews_2020.csv: every English Wikinews article of 2019 and 2020 that the author's
scraper reached (url, date, title, text), 295 articles.

Second source (train): the public repository amir-zeldes/gum (the GUM corpus), commit
72ce5ac14978a324c2fd18d49484e65292cbe316 (2025-05-12), folder dep/, files GUM_news_*.conllu:
24 English Wikinews articles of 2006-2023 with title, date (dateCreated), address
(sourceURL) and every sentence as written (`# text`). Only that Wikinews text is taken, not
GUM's annotations. AMALGUM (gucorpling/amalgum, 685 Wikinews news documents in the same
CoNLL-U form) would be the larger second source, read unchanged by read_conllu_articles; its
710 MB repository could not be obtained for this build (docs/evaluation.md).

Wikinews text is licensed CC BY 2.5 (tests/data/realnews/LICENSE.md); the attribution lives
in PROVENANCE.md, written here.

To rebuild (a build-time tool; CI never runs it):

    git clone https://github.com/vanatteveldt/wikinews /tmp/wikinews
    git -C /tmp/wikinews checkout 347254178bf343f3801aac1d03c41cc09c35decb
    git clone https://github.com/amir-zeldes/gum /tmp/gum
    git -C /tmp/gum checkout 72ce5ac14978a324c2fd18d49484e65292cbe316
    PYTHONPATH=src python tools/build_realnews.py /tmp/wikinews/data /tmp/gum/dep -o tests/data/realnews

Every step is deterministic (a fixed seed, sorted inputs), so the same sources give the same
files byte for byte. The dev and test lines come first and do not depend on the second
source; the train lines are appended after them. Steps:

1. Clean each article: drop the dateline paragraph ("Friday, January 4, 2019") and the
   pull-quote credits ("—Name, Twitter"); keep the paragraphs as lines. From GUM's CoNLL-U
   also drop the title, headings and image captions, and join each paragraph's sentences.
2. Keep articles about politics, conflict, diplomacy, protest or crime and law: their title
   and lead paragraph must hold at least TOPIC_MIN_HITS words of TOPIC_WORDS, and their title
   none of OFF_TOPIC_WORDS (obituaries, weather, sport, science, accidents).
3. Split every kept article of the first source into parts BY ARTICLE, before anyone codes
   or annotates a sentence: a seeded shuffle of the article ids, the first DEV_SHARE of them
   `dev`, the rest `test`. Nobody tunes on `test`. Every kept article of the second source
   that tells none of the first source's stories (same address, or titles sharing
   SAME_STORY_OVERLAP of their words; all 295 articles, not only the kept ones) nor an
   earlier one's is `train`: annotated training and error-analysis data, never a test.
4. Split articles into sentences with eventcoder's own splitter (so indices match what the
   coder sees), keep whole English prose sentences (no wiki template marks, no quoted
   originals in other languages) and pick, per source: sentences with event cues (words
   starting with CUE_STEMS, verbs and nouns of political events) are preferred, per article
   the PER_ARTICLE with most cues and then the longest (long multi-event sentences are what
   the coder misses), then a seeded sample of them; sentences with no cue make up
   NO_CUE_SHARE of the set, because precision needs sentences that hold no event. The first
   source gives TARGET_SENTENCES; the second at most TRAIN_TARGET_SENTENCES (GUM holds far
   fewer: all its cued sentences and the same share of no-cue ones).
5. GUM is small, so `train` also takes more sentences of the **dev** articles (never of a
   test article, nor a dev article with no dev sentence): per dev article up to DEV_EXTRA_PER_ARTICLE more of its cued sentences,
   chosen as in step 4 among those no part holds yet, plus the same no-cue share, at most
   DEV_EXTRA_SENTENCES. They are new sentences of stories the dev part already shows, so
   they are training data and a second look at dev-like text, not an unseen test.

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
from urllib.parse import unquote

SOURCE_REPO = "vanatteveldt/wikinews"
SOURCE_COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
SOURCE_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
SEED = 14
DEV_SHARE = 2 / 3
PER_ARTICLE = 5
TARGET_SENTENCES = 540
NO_CUE_SHARE = 0.15
MIN_WORDS, MIN_CUE_WORDS, MAX_CHARS = 8, 14, 600

TRAIN_SOURCE_REPO = "amir-zeldes/gum"
TRAIN_SOURCE_COMMIT = "72ce5ac14978a324c2fd18d49484e65292cbe316"
TRAIN_SOURCE_FOLDER = "dep"
TRAIN_PART = "train"
TRAIN_TARGET_SENTENCES = 420
DEV_EXTRA_PER_ARTICLE = 5
DEV_EXTRA_SENTENCES = 400
# Two titles sharing this share of their words (Jaccard) tell the same story: a follow-up
# article must not bring a dev or test story into train.
SAME_STORY_OVERLAP = 0.5
WIKINEWS = "https://en.wikinews.org/wiki/"

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


def article_id(url: str, pub_date: str) -> str:
    return f"wn-{pub_date}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def read_articles(folder: Path) -> list[Article]:
    csv.field_size_limit(10**9)
    articles = []
    for name in SOURCE_FILES:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                articles.append(Article(article_id(row["url"], row["date"]), row["url"].replace("org//wiki", "org/wiki"),
                                        row["date"], row["title"].strip(), clean_paragraphs(row["text"])))
    return sorted(articles, key=lambda a: a.id)


# A block opened at a sentence of GUM-style CoNLL-U: its element name and how many sentences it holds.
BLOCK = re.compile(r"(\w+)[^|]*?\((\d+) s\)")
NEW_BLOCK = re.compile(r"^# newpar(?:_block)? = (.*)$")
NOT_PROSE = frozenset({"head", "figure", "caption"})  # titles, headings and image captions


def read_conllu_articles(folder: Path) -> list[Article]:
    """The Wikinews news documents of a folder of GUM-style CoNLL-U files (`*_news_*.conllu`,
    as GUM and AMALGUM publish them): `# meta::` lines give title, date and address, `# newpar`
    lines open the blocks, `# text` lines hold each sentence as written."""
    articles = [conllu_article(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*_news_*.conllu"))]
    return sorted((a for a in articles if a is not None), key=lambda a: a.id)


def conllu_article(conllu: str) -> Article | None:
    lines = conllu.splitlines()
    meta = dict(line.removeprefix("# meta::").split(" = ", 1) for line in lines if line.startswith("# meta::"))
    url, pub_date = meta.get("sourceURL", ""), meta.get("dateCreated", "")
    if not url.startswith(WIKINEWS) or not pub_date:  # only dated Wikinews text may enter the set
        return None
    return Article(article_id(url, pub_date), url, pub_date, meta["title"].strip(), prose_paragraphs(lines))


def prose_paragraphs(lines: list[str]) -> list[str]:
    """The article's paragraphs without its title, headings, image captions and dateline. A
    caption inside a paragraph does not split it: a sentence joins its outermost open block,
    or the last one when the block counts ran short (GUM's sometimes do)."""
    open_blocks: list[list] = []  # [element name, sentences left, line number that opened it]
    paragraphs: dict[int, list[str]] = {}
    paragraph = 0
    for number, line in enumerate(lines):
        if opened := NEW_BLOCK.match(line):
            open_blocks += [[name, int(count), number] for name, count in BLOCK.findall(opened.group(1))]
        elif line.startswith("# text = "):
            paragraph = open_blocks[0][2] if open_blocks else paragraph
            sentence = " ".join(line.removeprefix("# text = ").split())
            if is_prose(open_blocks, sentence):
                paragraphs.setdefault(paragraph, []).append(sentence)
            open_blocks = [[name, left - 1, opened_at] for name, left, opened_at in open_blocks if left > 1]
    return [" ".join(sentences) for _, sentences in sorted(paragraphs.items())]


def is_prose(open_blocks: list[list], sentence: str) -> bool:
    return not NOT_PROSE & {block[0] for block in open_blocks} and not DATELINE.match(sentence)


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


def choose_sentences(articles: list[Article], target: int = TARGET_SENTENCES, per_article: int = PER_ARTICLE,
                     taken: frozenset = frozenset()) -> list[tuple[Article, int, str]]:
    """Per article the `per_article` sentences with the most event cues (then the longest),
    since long multi-event sentences are what the coder misses; then a seeded sample.
    Sentences in `taken` ((article id, index) pairs another part holds) are never chosen."""
    rng = random.Random(SEED)
    cued, plain = candidate_sentences(articles, per_article, taken)
    rng.shuffle(cued)
    rng.shuffle(plain)
    return sorted(sample(cued, plain, target), key=lambda item: (item[0].id, item[1]))


def candidate_sentences(articles: list[Article], per_article: int = PER_ARTICLE,
                        taken: frozenset = frozenset()) -> tuple[list, list]:
    cued, plain = [], []
    for article in articles:
        sentences = [(i, s) for i, s in article_sentences(article) if (article.id, i) not in taken and usable(s)]
        with_cue = [(article, i, s) for i, s in sentences
                    if cue_count(s) and len(words(s)) >= MIN_CUE_WORDS]
        with_cue.sort(key=lambda item: (-cue_count(item[2]), -len(item[2]), item[1]))
        cued.extend(with_cue[:per_article])
        plain.extend((article, i, s) for i, s in sentences if not cue_count(s))
    return cued, plain


def sample(cued: list, plain: list, target: int) -> list:
    """`target` sentences, NO_CUE_SHARE of them without a cue. A source too small for `target`
    gives all its cued sentences and the same share of no-cue ones."""
    plain_count = round(target * NO_CUE_SHARE)
    chosen = cued[:target - plain_count]
    if len(chosen) < target - plain_count:
        plain_count = round(len(chosen) * NO_CUE_SHARE / (1 - NO_CUE_SHARE))
    return chosen + plain[:plain_count]


def address(article: Article) -> str:
    return unquote(article.url).replace(" ", "_").lower()


def same_story(article: Article, other: Article) -> bool:
    """The same address, or titles sharing SAME_STORY_OVERLAP of their words (the same title too)."""
    if address(article) == address(other):
        return True
    mine, theirs = set(words(article.title)), set(words(other.title))
    return len(mine & theirs) / max(1, len(mine | theirs)) >= SAME_STORY_OVERLAP


def new_stories(candidates: list[Article], known: list[Article]) -> list[Article]:
    """The candidates that tell no story of `known` nor of a candidate kept before them."""
    kept: list[Article] = []
    for article in candidates:
        if not any(same_story(article, other) for other in [*known, *kept]):
            kept.append(article)
    return kept


def build(source: Path, train_source: Path) -> tuple[list[Article], list[dict], dict[str, str]]:
    """dev and test from the first source, as before the train part existed; then train from
    the articles of the second source that tell none of the first source's stories."""
    everything = read_articles(source)
    articles = [a for a in everything if on_topic(a)]
    parts = split_parts(articles)
    rows = sentence_rows(choose_sentences(articles), parts)
    train = new_stories([a for a in read_conllu_articles(train_source) if on_topic(a)], known=everything)
    if {a.id for a in train} & set(parts):
        raise SystemExit("an article id of the train source repeats one of the first source")
    parts.update({a.id: TRAIN_PART for a in train})
    rows += sentence_rows(choose_sentences(train, TRAIN_TARGET_SENTENCES), parts)
    rows += sentence_rows(more_dev_sentences(articles, parts, rows), parts, part=TRAIN_PART)
    return articles + train, rows, parts


def more_dev_sentences(articles: list[Article], parts: dict[str, str], rows: list[dict]):
    """Sentences of dev articles that no part holds yet, chosen like the others (step 5)."""
    taken = frozenset((row["article_id"], row["sentence_index"]) for row in rows)
    shown = {row["article_id"] for row in rows if row["part"] == "dev"}
    return choose_sentences([a for a in articles if a.id in shown], DEV_EXTRA_SENTENCES, DEV_EXTRA_PER_ARTICLE, taken)


def sentence_rows(chosen, parts: dict[str, str], part: str | None = None) -> list[dict]:
    """The sentence lines; a sentence's part is its article's unless `part` says otherwise."""
    return [{"id": f"{article.id}-s{index:02d}", "article_id": article.id, "sentence_index": index,
             "part": part or parts[article.id], "text": text, "pub_date": article.pub_date,
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
    lines = [PROVENANCE_HEAD.format(repo=SOURCE_REPO, commit=SOURCE_COMMIT, train_repo=TRAIN_SOURCE_REPO,
                                    train_commit=TRAIN_SOURCE_COMMIT, train_folder=TRAIN_SOURCE_FOLDER)]
    for part in ("dev", "test", TRAIN_PART):
        own = [row for row in rows if row["part"] == part]
        articles_in = len({row["article_id"] for row in own})
        borrowed = sum(1 for row in own if parts[row["article_id"]] != part)
        extra = f" ({borrowed} of them from dev articles, step 5 of tools/build_realnews.py)" if borrowed else ""
        lines.append(f"- `{part}`: {articles_in} articles, {len(own)} sentences{extra}")
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
`gold.jsonl` is the adjudicated annotation of every sentence, `annotations/` the two raw
independent passes, the adjudicator's rules and their agreement figures: the project's own
work (MIT), made as docs/annotation.md ("How the committed gold was made") describes.

The `train` part (annotated training and error-analysis data, never a test) holds other
English Wikinews articles, appended after the dev and test lines: the Wikinews news documents
of the GUM corpus (Zeldes 2017, https://github.com/{train_repo}), taken from the public
repository {train_repo} at commit {train_commit} (folder {train_folder}/, files
GUM_news_*.conllu: each article's title, date, address and sentences as written; GUM's own
annotations, CC BY 4.0, are not used). Changes: titles, headings, image captions and
datelines dropped, each paragraph's sentences joined with spaces; then the same topic filter,
sentence splitting and choice as for dev and test. No train article repeats a story of the
first source (same address, or titles sharing half of their words). Its sentences have no
gold until they are annotated.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="folder holding " + " and ".join(SOURCE_FILES) + " (dev, test)")
    parser.add_argument("train_source", type=Path, help="folder holding GUM's GUM_news_*.conllu files (train)")
    parser.add_argument("-o", "--output", type=Path, default=Path("tests/data/realnews"))
    args = parser.parse_args()
    articles, rows, parts = build(args.source, args.train_source)
    used = {row["article_id"] for row in rows}
    args.output.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.output / "sentences.jsonl", rows)
    write_jsonl(args.output / "articles.jsonl", article_rows([a for a in articles if a.id in used], parts))
    (args.output / "PROVENANCE.md").write_text(provenance(articles, rows, parts), encoding="utf-8")
    counts = {part: sum(1 for row in rows if row["part"] == part) for part in ("dev", "test", TRAIN_PART)}
    print(f"{len(used)} articles, sentences per part {counts} -> {args.output}")


if __name__ == "__main__":
    main()
