"""eventcoder: English news text to PLOVER political event records with evidence.

The API (docs/api.md): code_text, code_documents, Coder and events_to_dataframe; the
records Event, Entity, Location, Document and DocumentResult; DocumentRejectedError and
the other errors. Each is imported on first use, so `import eventcoder` stays light.
"""

import importlib as _importlib
import logging as _logging

__version__ = "0.1.0"

_logging.getLogger(__name__).addHandler(_logging.NullHandler())

_API = {
    "code_text": "eventcoder.api",
    "code_documents": "eventcoder.api",
    "events_to_dataframe": "eventcoder.api",
    "Coder": "eventcoder.coder",
    "CoderOptions": "eventcoder.coder",
    "DocumentResult": "eventcoder.coder",
    "Document": "eventcoder.io.reading",
    "Rejection": "eventcoder.io.reading",
    "Event": "eventcoder.records",
    "Entity": "eventcoder.records",
    "Location": "eventcoder.records",
    "EventCoderError": "eventcoder.errors",
    "DocumentRejectedError": "eventcoder.errors",
    "InputFormatError": "eventcoder.errors",
    "ModelNotFoundError": "eventcoder.errors",
    "DictionaryError": "eventcoder.errors",
}

__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    # Imported on first use so that `import eventcoder.extract.dates` does not load spaCy.
    if name in _API:
        return getattr(_importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'eventcoder' has no attribute {name!r}")


def __dir__() -> list[str]:
    # Tab completion and dir() in a notebook list the API before anything is imported.
    return sorted({*globals(), *__all__})
