"""Who made a request named after "at" (party_heads._requesters) and whose a thing acted on is
(arguments.thing_owners): both read a possessor and a "by" object, and they differ on
purpose. Sentences written for these tests, never taken from a gold or dev file."""

import pytest

from eventcoder.extract import arguments, party_heads

pytestmark = pytest.mark.model

SENT = "Kenya sent troops to the border at {}."


def _requesters(nlp, request_phrase):
    doc = nlp(SENT.format(request_phrase))
    request = next(t for t in doc if t.lower_ == "request")
    return [[t.text for t in group] for group in party_heads._requesters(request)]


def _owners(nlp, text, doer=False):
    doc = nlp(text)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    thing = next(c for c in verb.children if c.dep_ == "dobj")
    return [t.text for t in arguments.thing_owners(thing, doer)]


def test_both_read_a_possessor_named_by_a_noun(nlp):
    assert _requesters(nlp, "Somalia's request") == [["Somalia"]]
    assert _owners(nlp, "The minister denied the opposition's request.") == ["opposition"]


def test_both_read_a_by_object_as_its_maker(nlp):
    assert _requesters(nlp, "a request by the Somali government") == [["government"]]
    assert _owners(nlp, "The minister denied the request by the opposition.", doer=True) == ["opposition"]
    assert _owners(nlp, "The minister denied the request by the opposition.") == []  # only for a reaction


def test_of_names_who_requested_but_not_whose_a_thing_is(nlp):
    # "at the request of X": X asked; "the withdrawal of troops": "of" names what it is about
    assert _requesters(nlp, "the request of the Somali government") == [["government"]]
    assert _owners(nlp, "The minister denied the request of the opposition.", doer=True) == []


def test_a_possessive_pronoun_requests_but_owns_no_thing_acted_on(nlp):
    # "at its request": the pronoun is the requester (resolved later); "denied its request":
    # the pronoun mostly stands for the actor itself
    assert _requesters(nlp, "its request") == [["its"]]
    assert _owners(nlp, "The minister denied its request.", doer=True) == []


def test_only_owners_of_a_thing_read_participles_relatives_and_from(nlp):
    assert _owners(nlp, "The minister denied the request made by the opposition.") == ["opposition"]
    assert _owners(nlp, "The minister denied the request that the opposition had sent.") == ["opposition"]
    assert _owners(nlp, "The minister denied the request from the opposition.", doer=True) == ["opposition"]
    assert _requesters(nlp, "the request made by the Somali government") == []
    assert _requesters(nlp, "the request that the Somali government had sent") == []
    assert _requesters(nlp, "the request from the Somali government") == []


def test_a_request_named_after_at_is_made_by_its_owner_to_whoever_acts(coder):
    events = coder.code_text(SENT.format("the request of the Somali government"), pub_date="2024-03-15")
    request = next(e for e in events if e.event == "REQUEST")
    assert [(a.text, a.country) for a in request.actor] == [("Somali government", "SOM")]
    assert [(r.text, r.country) for r in request.recipient] == [("Kenya", "KEN")]


def _requests(coder, text):
    import coding

    return [e for e in coding.events(coder, text) if e.event == "REQUEST"]


def test_the_owner_of_a_request_is_not_who_acted_at_it(coder):
    """"at its request": no one acts at their own request (actors._acted_at_request)."""
    request, = [e for e in _requests(coder, "Somalia asked for help. Kenya sent troops at its request.")
                if e.evidence.trigger.text == "request"]
    assert [a.country for a in request.actor] == ["SOM"]
    assert [r.country for r in request.recipient] == ["KEN"]


@pytest.mark.parametrize("text", [
    "Kenya sent troops to Somalia at its request.",
    "Chad sent soldiers to Niger at their invitation.",
])
def test_a_request_is_never_the_doers_own(coder, text):
    for request in _requests(coder, text):
        assert {a.country for a in request.actor}.isdisjoint({r.country for r in request.recipient})
        assert request.actor[0].country not in ("KEN", "TCD")
