"""The pronoun sets of the extract layer follow the pronoun word list
(words/subject_pronouns.tsv, actors.SUBJECT_PRONOUNS) where they mean the same thing: a
pronoun that stands for a party named earlier. Subject case and first person are grammar."""

from eventcoder.extract import actors, candidates, party_heads
from eventcoder.extract.actors import SUBJECT_PRONOUNS


def test_third_person_subjects_are_the_word_lists_subject_case_forms():
    assert actors.THIRD_PERSON_SUBJECTS <= set(SUBJECT_PRONOUNS)
    assert actors.THIRD_PERSON_SUBJECTS <= actors.SUBJECT_CASE
    assert not {"him", "them", "its", "their"} & actors.THIRD_PERSON_SUBJECTS  # no object or possessive form


def test_a_singular_subject_stands_for_one_person_or_one_body():
    assert {SUBJECT_PRONOUNS[p] for p in candidates.SINGULAR_SUBJECTS} <= {"person", "body"}
    assert "they" not in candidates.SINGULAR_SUBJECTS


def test_the_speaker_may_be_a_first_person_subject_but_a_stand_in_is_third_person_or_relative():
    assert {"i", "we"} <= party_heads.SPEAKER_PRONOUNS and not {"me", "us", "you"} & party_heads.SPEAKER_PRONOUNS
    assert not actors.FIRST_PERSON & party_heads.STAND_IN_PRONOUNS
    assert {"which", "that"} <= party_heads.STAND_IN_PRONOUNS
