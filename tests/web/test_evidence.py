"""The evidence sentence cut into marked pieces (no server, no model)."""

from eventcoder.web.evidence import Piece, evidence_pieces


def test_pieces_mark_trigger_actor_recipient_at_sentence_offsets():
    evidence = {"sentence": "Japan aids Ukraine.", "sentence_start": 100,
                "trigger": {"text": "aids", "start": 106, "end": 110},
                "actor_spans": [{"text": "Japan", "start": 100, "end": 105}],
                "recipient_spans": [{"text": "Ukraine", "start": 111, "end": 118}]}
    assert evidence_pieces(evidence) == [Piece("Japan", "actor"), Piece(" ", None), Piece("aids", "trigger"),
                                         Piece(" ", None), Piece("Ukraine", "recipient"), Piece(".", None)]


def test_trigger_inside_an_actor_phrase_stays_marked_and_text_is_whole():
    sentence = "The striking workers marched to parliament."
    evidence = {"sentence": sentence, "sentence_start": 0,
                "trigger": {"start": 4, "end": 12}, "actor_spans": [{"start": 0, "end": 20}]}
    pieces = evidence_pieces(evidence)
    assert "".join(piece.text for piece in pieces) == sentence
    assert [piece.role for piece in pieces] == ["actor", "trigger", "actor", None]


def test_spans_outside_the_sentence_are_clipped_and_missing_offsets_ignored():
    evidence = {"sentence": "Talks resumed.", "sentence_start": 50,
                "trigger": {"start": 56, "end": 80}, "actor_spans": [{"start": None, "end": None}]}
    assert evidence_pieces(evidence) == [Piece("Talks ", None), Piece("resumed.", "trigger")]
