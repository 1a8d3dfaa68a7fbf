import pytest

from eventcoder.extract.dates import find_date_phrases, resolve_event_date, resolve_phrase


@pytest.mark.parametrize(
    ("sentence", "pub_date", "expected_date", "phrase"),
    [
        ("On the 18th, the spokeswoman warned Tokyo.", "2025-09-20", "2025-09-18", "On the 18th"),
        # ordinal days roll back across month and year boundaries
        ("The talks collapsed on the 30th.", "2025-01-02", "2024-12-30", "on the 30th"),
        ("The talks collapsed on the 31st.", "2025-03-02", "2025-01-31", "on the 31st"),
        ("Protesters returned last Wednesday.", "2025-01-02", "2025-01-01", "last Wednesday"),
        ("The army said yesterday it had withdrawn.", "2025-01-01", "2024-12-31", "yesterday"),
        ("The envoys met on Monday.", "2025-09-17", "2025-09-15", "on Monday"),
        ("Police raided the office on Saturday.", "2025-09-20", "2025-09-20", "on Saturday"),
        ("Police raided the office last Saturday.", "2025-09-20", "2025-09-13", "last Saturday"),
        ("The truce collapsed earlier this month.", "2025-09-20", "2025-09-01", "earlier this month"),
        ("Strikes spread in December.", "2025-01-05", "2024-12-01", "in December"),
        ("Strikes spread in March.", "2025-09-20", "2025-03-01", "in March"),
        ("The accord was signed on March 3.", "2025-09-20", "2025-03-03", "March 3"),
        ("The accord was signed on 3 March 2024.", "2025-09-20", "2024-03-03", "3 March 2024"),
        ("The accord was signed March 3, 2024.", "2025-09-20", "2024-03-03", "March 3, 2024"),
        ("Troops crossed the border last week.", "2025-09-20", "2025-09-13", "last week"),
        ("Troops crossed the border two days ago.", "2025-01-01", "2024-12-30", "two days ago"),
        ("Rebels shelled the town last month.", "2025-01-10", "2024-12-01", "last month"),
        ("The siege began in early March 2022.", "2025-01-10", "2022-03-01", "in early March 2022"),
        ("The mayor resigned in 2023.", "2025-01-10", "2023-01-01", "in 2023"),
        ("The deal was signed on 2024-11-05 in Geneva.", "2025-01-10", "2024-11-05", "2024-11-05"),
        ("The ministers met on the 5th of October.", "2025-09-20", "2024-10-05", "on the 5th of October"),
    ],
)
def test_phrase_resolves_against_pub_date(sentence, pub_date, expected_date, phrase):
    assert resolve_event_date(sentence, pub_date) == (expected_date, "text", phrase)


def test_most_exact_phrase_wins_over_earlier_vaguer_one():
    sentence = "Earlier this month the guards, who were detained on Monday, went on trial."
    assert resolve_event_date(sentence, "2025-09-17") == ("2025-09-15", "text", "on Monday")


def test_no_phrase_falls_back_to_pub_date():
    assert resolve_event_date("The minister resigned.", "2025-09-20T08:00:00Z") == ("2025-09-20", "pub_date", "")


def test_no_phrase_and_no_pub_date():
    assert resolve_event_date("The minister resigned.", None) == (None, "none", "")


def test_relative_phrase_without_pub_date_does_not_resolve():
    assert resolve_event_date("The envoys met on Monday.", None) == (None, "none", "")


def test_absolute_phrase_without_pub_date_resolves():
    assert resolve_event_date("The accord was signed on 3 March 2024.", None) == ("2024-03-03", "text", "3 March 2024")


def test_unreadable_pub_date_is_treated_as_missing():
    assert resolve_event_date("The minister resigned.", "last spring") == (None, "none", "")


def test_finder_offsets_and_non_dates():
    sentence = "They may meet in May, said the mayor on Tuesday."
    found = find_date_phrases(sentence)
    assert found == [("in May", 14, 20), ("on Tuesday", 37, 47)]
    assert [sentence[start:end] for _, start, end in found] == ["in May", "on Tuesday"]
    assert find_date_phrases("The 18th century fort fell to 300 fighters.") == []


def test_phrases_are_cached():
    resolve_phrase.cache_clear()
    resolve_event_date("Protesters returned last Wednesday.", "2025-01-02")
    resolve_event_date("Crowds returned last Wednesday.", "2025-01-02")
    assert resolve_phrase.cache_info().hits == 1
