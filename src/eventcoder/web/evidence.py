"""The evidence sentence cut into pieces marked trigger, actor, recipient or plain text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Where spans overlap (an actor phrase holding the trigger), the earlier role wins.
ROLES = ("trigger", "actor", "recipient")


@dataclass(frozen=True)
class Piece:
    text: str
    role: str | None


def _role_spans(evidence: dict[str, Any]) -> list[tuple[str, dict]]:
    spans = [("trigger", evidence.get("trigger") or {})]
    spans += [("actor", span) for span in evidence.get("actor_spans") or []]
    spans += [("recipient", span) for span in evidence.get("recipient_spans") or []]
    return spans


def _roles_by_character(evidence: dict[str, Any]) -> list[str | None]:
    """Each character's role; offsets are the document's, so shift by sentence_start."""
    sentence = evidence.get("sentence") or ""
    offset = evidence.get("sentence_start") or 0
    roles: list[str | None] = [None] * len(sentence)
    for role, span in sorted(_role_spans(evidence), key=lambda pair: -ROLES.index(pair[0])):
        if span.get("start") is None or span.get("end") is None:
            continue
        for index in range(max(span["start"] - offset, 0), min(span["end"] - offset, len(sentence))):
            roles[index] = role
    return roles


def evidence_pieces(evidence: dict[str, Any]) -> list[Piece]:
    """Runs of characters of one role, in order; joined, they give back the sentence."""
    sentence = evidence.get("sentence") or ""
    pieces: list[Piece] = []
    start = 0
    roles = _roles_by_character(evidence)
    for index in range(1, len(sentence) + 1):
        if index == len(sentence) or roles[index] != roles[start]:
            pieces.append(Piece(sentence[start:index], roles[start]))
            start = index
    return pieces
