"""eventcoder: English news text to PLOVER political event records with evidence."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_API = {
    "Coder": "eventcoder.api",
    "code_text": "eventcoder.api",
    "events_to_dataframe": "eventcoder.api",
    "dyads_dataframe": "eventcoder.analysis.dyads",
    "Event": "eventcoder.records",
    "Entity": "eventcoder.records",
    "Location": "eventcoder.records",
}

__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    # Imported on first use so that `import eventcoder.extract.dates` does not load spaCy.
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")
