"""tools/build_realnews.py's second source: GUM-style CoNLL-U read as Wikinews articles,
stories already in the set left out, a small source sampled with the same no-cue share."""

import importlib.util
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_realnews.py"
_spec = importlib.util.spec_from_file_location("build_realnews", TOOL)
build_realnews = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = build_realnews  # its dataclass looks the module up while it loads
_spec.loader.exec_module(build_realnews)

# An invented document in GUM's form: title block, dateline, a paragraph interrupted by an
# image caption, a block whose sentence count runs short, a heading.
GUM_DOCUMENT = """# newdoc id = GUM_news_invented
# meta::dateCreated = 2012-05-19
# meta::sourceURL = https://en.wikinews.org/wiki/Invented_ministers_meet_in_Oslo
# meta::title = Invented ministers meet in Oslo
# newpar
# newpar_block = head rend:::"bold" (1 s)
# text = Invented ministers meet in Oslo
# newpar
# newpar_block = p (1 s)
# text = Saturday, May 19, 2012
# newpar
# newpar_block = p (3 s) | figure rend:::"photo" (1 s) | caption (1 s)
# text = The foreign ministers in Oslo.
# text = Two foreign ministers met in Oslo on Friday.
# text = They signed  a trade accord.
# newpar
# newpar_block = p (1 s)
# text = Police arrested three protesters.
# text = A court later freed them.
# newpar
# newpar_block = head (1 s)
# text = Reactions
"""


def article(title, url="https://en.wikinews.org/wiki/X"):
    return build_realnews.Article("wn-2012-05-19-abcdef", url, "2012-05-19", title, [])


def test_a_gum_document_gives_its_prose_paragraphs_without_title_dateline_caption_or_heading():
    read = build_realnews.conllu_article(GUM_DOCUMENT)
    assert (read.title, read.pub_date, read.url) == (
        "Invented ministers meet in Oslo", "2012-05-19", "https://en.wikinews.org/wiki/Invented_ministers_meet_in_Oslo")
    assert read.id == build_realnews.article_id(read.url, "2012-05-19")
    assert read.paragraphs == ["Two foreign ministers met in Oslo on Friday. They signed a trade accord.",
                               "Police arrested three protesters. A court later freed them."]


def test_a_document_not_from_wikinews_is_left_out():
    elsewhere = GUM_DOCUMENT.replace("https://en.wikinews.org/wiki/", "https://en.wikipedia.org/wiki/")
    assert build_realnews.conllu_article(elsewhere) is None


def test_a_story_already_in_the_set_is_left_out_by_address_or_title():
    known = [article("Protesters march in Minsk against election result",
                     "https://en.wikinews.org/wiki/Protesters_march_in_Minsk_against_election_result")]
    same_address = article("Another title", "https://en.wikinews.org/wiki/Protesters%20march_in_Minsk_against_election_result")
    follow_up = article("Protesters march in Minsk against election result again")
    other = article("Greek court rules worship of ancient deities legal")
    assert build_realnews.new_stories([same_address, follow_up, other], known) == [other]


def test_a_small_source_keeps_all_cued_sentences_and_the_no_cue_share():
    cued, plain = list(range(17)), [f"plain {i}" for i in range(10)]
    chosen = build_realnews.sample(cued, plain, target=420)
    assert chosen == cued + plain[:3]  # 3 of 20 is the 15 % no-cue share
    assert build_realnews.sample(list(range(500)), plain, target=100) == list(range(85)) + plain
