"""Small parts of the pages, without a server: labels of parties and which source links are shown."""

from eventcoder.web.app import _source_url, parties
from eventcoder.web.shapes import nested_record


def test_parties_label_names_with_their_codes():
    entities = [{"name": "Maria Zakharova", "text": "Zakharova", "country": "RUS", "sector": "GOV"},
                {"name": "", "text": "Japan", "country": "JPN", "sector": None}, {"text": "crowds"}]
    assert parties(entities) == "Maria Zakharova (RUS/GOV), Japan (JPN), crowds"
    assert parties([]) == parties(None) == "-"


def test_only_web_addresses_become_source_links():
    assert _source_url({"url": "https://news.example.org/a"}) == "https://news.example.org/a"
    assert _source_url({"url": "javascript:alert(1)"}) is None
    assert _source_url({"url": "JaVaScRiPt:alert(1)"}) is None
    assert _source_url({}) is None


def test_a_csv_row_becomes_the_nested_record_the_page_reads():
    row = {"id": "s-0-0", "evidence_sentence": "Kenyan police arrested protesters in Nairobi.",
           "sentence_start": "100", "trigger_text": "arrested", "trigger_start": "114", "trigger_end": "122",
           "actor_text": "Kenyan police", "actor_name": "Kenya", "actor_country": "KEN", "actor_sector": "COP+GOV",
           "actor_start": "100", "actor_end": "113", "recipient_text": "", "recipient_start": "",
           "context": "", "attributed_to": "", "location_name": "Nairobi", "location_lat": "-1.28"}
    record = nested_record(row)
    assert record["evidence"]["trigger"] == {"text": "arrested", "start": 114, "end": 122}
    assert record["actor"][0]["sector"] == "COP" and record["actor"][0]["other_sectors"] == ["GOV"]
    assert record["evidence"]["actor_spans"] == [{"text": "Kenyan police", "start": 100, "end": 113}]
    assert record["recipient"] == [] and record["attributed_to"] is None
    assert record["location"]["name"] == "Nairobi"
    nested = {"evidence": {"sentence": "x"}, "actor": []}
    assert nested_record(nested) is nested
