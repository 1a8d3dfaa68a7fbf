"""spaCy's English rule lemmatizer, with every answer remembered.

The rule lemmatizer's answer for a token depends only on its text, part of speech and
morphology, but spaCy recomputes it for every token it calls a base form (most nouns,
verbs and adjectives), and its per-token Python loop cost about a fifth of parsing time
here (docs/speed.md). This subclass keeps spaCy's rules and tables and asks them once per
(text, POS, morphology): whole documents are read and written as arrays, and only unseen
keys go through `rule_lemmatize`. The lemmas are identical (tests/nlp/test_lemmatizer.py).
`parsing.load_model` swaps it in for the model's "lemmatizer" through spaCy's config.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en import English
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.tokens import Doc

FACTORY = "eventcoder_remembering_lemmatizer"
MAX_REMEMBERED = 2_000_000  # keys; a long run of new names cannot grow it without bound


class RememberingLemmatizer(EnglishLemmatizer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma == 0 or self.overwrite:
                lemmas[i] = self._lemma(doc, i, (orth, pos, morph))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _lemma(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        found = self._lemmas.get(key)
        if found is None:
            if len(self._lemmas) >= MAX_REMEMBERED:
                self._lemmas.clear()
            found = self._lemmas[key] = doc.vocab.strings.add(self.rule_lemmatize(doc[i])[0])
        return found


@English.factory(
    FACTORY,
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_remembering_lemmatizer(nlp, model, name, mode, overwrite, scorer) -> RememberingLemmatizer:
    return RememberingLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
