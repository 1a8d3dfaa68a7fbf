"""Every engine gives the same records and the same status rows for the same input.

One small corpus with the inputs that once made the engines drift (an HTML page in a text
field, ids repeated within and across files, a French text, a malformed row, ordinary
news) goes through a local run on one process, a run on a pool of two worker processes,
`eventcoder code --engine dask` on a real two-process LocalCluster and the DataFrame API
(code_dask_documents) on the same cluster.
"""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventcoder.engines.local import RunOptions, run
from eventcoder.io.writing import EVENT_SCHEMA, read_events

pytestmark = [pytest.mark.model, pytest.mark.slow]

PAGE = ("<html><head><title>Border</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a> "
        "Subscribe to our newsletter. Police attacked nobody in this menu.</nav><article><h1>Border talks</h1>"
        "<p>The United States imposed sanctions on Venezuela on Thursday, officials in Washington said. "
        "The measures target the state oil company and several banks, according to the Treasury.</p>"
        "<p>Analysts expect the measures to hurt exports for months, while the government in Caracas "
        "has called them illegal.</p></article><footer>Copyright Example News</footer></body></html>")
FRENCH = ("Le gouvernement a annoncé lundi de nouvelles sanctions contre la Russie, a indiqué le ministère "
          "des Affaires étrangères à Paris dans un communiqué publié dans la soirée.")
ONE = [
    {"id": "n1", "text": "Russia accused Ukraine of shelling a nuclear plant.", "pub_date": "2024-03-20"},
    {"id": "page", "text": PAGE, "pub_date": "2024-05-10"},
    "{not json",
    {"id": "n1", "text": "Iran threatened to close the strait.", "pub_date": "2024-03-20"},
    {"id": "fr", "text": FRENCH, "pub_date": "2024-03-20"},
    {"id": "n2", "text": "Nigerian troops attacked rebels near Kano on Monday.", "pub_date": "2024-03-20"},
]
TWO = [
    {"id": "n3", "text": "Kenya agreed to lead a security mission in Haiti, the United Nations said.",
     "pub_date": "2024-02-11"},
    {"id": "n2", "text": "Venezuela expelled the Spanish ambassador.", "pub_date": "2024-02-11"},
    {"id": "no-text"},
    {"text": "Egypt and Sudan signed an agreement on sharing water from the Nile.", "pub_date": "2024-02-12"},
    {"id": "n4", "text": "The museum opened a new wing dedicated to medieval art."},
]


def write_jsonl(path, records) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")


def event_rows(rows: list[dict]) -> list[dict]:
    rows = pa.Table.from_pylist(rows, schema=EVENT_SCHEMA).to_pylist()
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def status_rows(rows: list[dict], keep_source: bool = True) -> list[dict]:
    rows = [row if keep_source else {k: v for k, v in row.items() if k != "source"} for row in rows]
    return sorted(rows, key=lambda row: (row.get("source") or "", row["line"]))


def local_run(coder, source, output, workers: int) -> tuple[list[dict], list[dict]]:
    run(str(source), RunOptions(output=str(output), workers=workers, batch_size=2), coder.options, coder=coder)
    statuses = [json.loads(line) for line in output.with_name(output.name + ".docs.jsonl").open(encoding="utf-8")]
    return event_rows(read_events(output)), status_rows(statuses)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("equivalence")
    (directory / "corpus").mkdir()
    write_jsonl(directory / "corpus" / "one.jsonl", ONE)
    write_jsonl(directory / "corpus" / "two.jsonl", TWO)
    write_jsonl(directory / "combined.jsonl", [r for r in ONE + TWO if isinstance(r, dict)])
    return directory


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as local_cluster:
        with distributed.Client(local_cluster) as client:
            client.run(warm_up)  # both workers at once, whichever gets which task later
            yield local_cluster, client


def warm_up() -> None:
    """What a worker loads once: the model, the language identifier, the HTML extractor."""
    from eventcoder.coder import CoderOptions
    from eventcoder.engines.batch import code_here
    from eventcoder.engines.dask import coder_for
    from eventcoder.io.reading import read_rows

    code_here(coder_for(CoderOptions()), list(read_rows([{"id": "p", "text": PAGE}, {"id": "f", "text": FRENCH}])))


@pytest.fixture(scope="module")
def reference(_session_coder, corpus):  # the session's Coder (this module is marked model)
    return local_run(_session_coder, corpus / "corpus", corpus / "local.jsonl", workers=1)


def test_the_local_run_reads_the_folder_as_one_checked_stream(reference, corpus):
    events, statuses = reference
    outcome = {(row["source"].rsplit("/", 1)[-1], row["line"]): (row["status"], row["code"]) for row in statuses}
    assert outcome == {
        ("one.jsonl", 1): ("coded", ""), ("one.jsonl", 2): ("coded", ""), ("one.jsonl", 3): ("rejected", "malformed_json"),
        ("one.jsonl", 4): ("rejected", "duplicate_id"), ("one.jsonl", 5): ("rejected", "not_english"),
        ("one.jsonl", 6): ("coded", ""), ("two.jsonl", 1): ("coded", ""), ("two.jsonl", 2): ("rejected", "duplicate_id"),
        ("two.jsonl", 3): ("rejected", "missing_text"), ("two.jsonl", 4): ("coded", ""), ("two.jsonl", 5): ("no_events", ""),
    }
    across = next(row for row in statuses if row["source"].endswith("two.jsonl") and row["line"] == 2)
    assert across["reason"] == (f"line 2: id 'n2' was already used on line 6 of {corpus / 'corpus' / 'one.jsonl'}; "
                                "ids must be unique, so this record is skipped (not merged)")
    page = [e for e in events if e["story_id"] == "page"]
    assert [e["event"] for e in page][:1] == ["SANCTION"]
    assert not any("Subscribe" in e["evidence"]["sentence"] or "<" in e["evidence"]["sentence"] for e in page)
    assert {e["story_id"] for e in events} == {"n1", "page", "n2", "n3", "line-4"}


def test_a_worker_pool_gives_the_same_records_and_status_rows(coder, corpus, reference):
    assert local_run(coder, corpus / "corpus", corpus / "pool.jsonl", workers=2) == reference


def test_the_dask_engine_gives_the_same_records_and_status_rows(cluster, corpus, reference):
    from eventcoder.cli.code import command

    local_cluster, _ = cluster
    output = corpus / "dask-out"
    result = CliRunner().invoke(command, [str(corpus / "corpus"), "--engine", "dask", "-o", str(output),
                                          "--scheduler", local_cluster.scheduler_address, "--no-progress"])
    assert result.exit_code == 0, result.output
    events = event_rows(pq.read_table(output / "events").to_pylist())
    statuses = status_rows(pq.read_table(output / "documents").to_pylist())
    assert (events, statuses) == reference
    assert result.stderr.splitlines()[-1].startswith("2 files, 11 documents (coded 5, no_events 1, rejected 5)")


def test_the_dataframe_api_gives_the_same_records_and_status_rows(cluster, coder, corpus, reference):
    import dask.dataframe as dd

    from eventcoder.engines.dask import code_dask_documents

    rows = [r for r in ONE + TWO if isinstance(r, dict)]
    ddf = dd.from_pandas(pd.DataFrame(rows), npartitions=3)  # n1 and n2 repeat across partitions
    _, client = cluster
    events, statuses = client.compute(list(code_dask_documents(ddf, coder.options)), sync=True)
    one_file = local_run(coder, corpus / "combined.jsonl", corpus / "combined-out.jsonl", workers=1)
    # the rows of one table, numbered 1..10: a record without an id is line-9 here, line-4 of two.jsonl there
    assert event_rows(pa.Table.from_pandas(events, schema=EVENT_SCHEMA, preserve_index=False).to_pylist()) == one_file[0]
    assert len(one_file[0]) == len(reference[0])
    frame_statuses = pa.Table.from_pandas(statuses, preserve_index=False).to_pylist()
    assert {row["source"] for row in frame_statuses} == {"dataframe"}
    assert status_rows(frame_statuses, keep_source=False) == status_rows(one_file[1], keep_source=False)
    assert [row["code"] for row in status_rows(frame_statuses)].count("duplicate_id") == 2
