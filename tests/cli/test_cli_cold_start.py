"""What `eventcoder code` imports on its way to the first event (docs/speed.md, cold start).

Each library here costs a tenth of a second or more to import and is not needed to code
text into JSONL: pyarrow and duckdb only for Parquet or DuckDB output, Dask for --engine
dask, scikit-learn never at inference, dateparser only for dates the coder cannot resolve
itself (a weekday like "on Monday" it can)."""

import json
import subprocess
import sys

import pytest

HEAVY_UNUSED = ("pyarrow", "duckdb", "dask", "distributed", "sklearn", "scipy", "pandas", "dateparser")

RUN_CLI = """
import json, sys
from eventcoder.cli import main
try:
    main(["code", sys.argv[1], "--no-progress"])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


@pytest.mark.model
@pytest.mark.slow
def test_coding_text_to_jsonl_imports_no_heavy_library_it_does_not_use(tmp_path):
    source = tmp_path / "one.txt"
    source.write_text("Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said.\n")
    run = subprocess.run([sys.executable, "-c", RUN_CLI, str(source)], capture_output=True, text=True, timeout=300)
    assert json.loads(run.stdout.splitlines()[0])["event"] == "ASSAULT"
    imported = set(json.loads(run.stderr.strip().splitlines()[-1]))
    assert "spacy" in imported and "eventcoder" in imported
    assert sorted(imported & set(HEAVY_UNUSED)) == []
