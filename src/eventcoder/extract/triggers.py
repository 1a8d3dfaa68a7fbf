"""Event triggers: which words in a parsed sentence can name a PLOVER event.

A trigger is a head word matching a lexicon pattern (see data/triggers/README.md): the
pattern's other words must be its dependents ("call" + "for") or stand next to it
("cease - fire"). Longer patterns win over shorter ones at the same head.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventcoder.knowledge.lexicon import Lexicon, TriggerPattern

VERB_TAGS = frozenset({"VERB"})
NOUN_TAGS = frozenset({"NOUN", "PROPN"})


@dataclass
class Trigger:
    token: Token
    patterns: list[TriggerPattern]
    tokens: list[Token]

    @property
    def pattern(self) -> TriggerPattern:
        return self.patterns[0]

    @property
    def start_char(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end_char(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def lemma_and_lowercase(token: Token) -> tuple[str, str]:
    """The two spellings a pattern word can match: the token's lemma and its lowercase text."""
    return token.lemma_.lower(), token.lower_


def pos_matches(token: Token, pos: str) -> bool:
    if pos == "VERB":
        return token.pos_ in VERB_TAGS
    if pos == "NOUN":
        return token.pos_ in NOUN_TAGS
    return token.pos_ in VERB_TAGS | NOUN_TAGS


def _dependent_match(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    """The pattern's other words among the token's children (each used once)."""
    forms = lemma_and_lowercase(token)
    if not any(w in forms for w in pattern.words):
        return None
    rest = list(pattern.words)
    rest.remove(next(w for w in pattern.words if w in forms))
    matched = [token]
    for child in token.children:
        for word in rest:
            if word in lemma_and_lowercase(child):
                matched.append(child)
                rest.remove(word)
                break
    return matched if not rest else None


def _contiguous_match(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    size = len(pattern.words)
    doc = token.doc
    for offset in range(size):
        start = token.i - offset
        if start < 0 or start + size > len(doc):
            continue
        window = doc[start:start + size]
        if all(w in lemma_and_lowercase(t) for w, t in zip(pattern.words, window)):
            # Report the match only at its syntactic head, so it is found once.
            if window.root == token:
                return list(window)
    return None


def match_pattern(token: Token, pattern: TriggerPattern) -> list[Token] | None:
    if not pos_matches(token, pattern.pos):
        return None
    if len(pattern.words) == 1:
        return [token] if pattern.words[0] in lemma_and_lowercase(token) else None
    return _contiguous_match(token, pattern) or _dependent_match(token, pattern)


def token_triggers(token: Token, lexicon: Lexicon) -> Trigger | None:
    seen: dict[TriggerPattern, list[Token]] = {}
    for form in set(lemma_and_lowercase(token)):
        for pattern in lexicon.candidates(form):
            if pattern not in seen:
                matched = match_pattern(token, pattern)
                if matched:
                    seen[pattern] = matched
    if not seen:
        return None
    longest = max(len(p.words) for p in seen)
    best = [p for p in seen if len(p.words) == longest]
    tokens = sorted({t.i: t for p in best for t in seen[p]}.values(), key=lambda t: t.i)
    return Trigger(token, best, tokens)


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """Every trigger in a parsed sentence, in text order."""
    found = (token_triggers(token, lexicon) for token in sentence)
    return [trigger for trigger in found if trigger is not None]
