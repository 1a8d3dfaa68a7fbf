"""Every error eventcoder raises on purpose. The CLI maps these to exit codes."""


class EventCoderError(Exception):
    """Base class: anything a user can act on."""


class ModelNotFoundError(EventCoderError):
    """No usable spaCy English model is installed."""


class InputFormatError(EventCoderError):
    """An input file or stream cannot be read as any supported format."""


class DictionaryError(EventCoderError):
    """A user dictionary or pattern file is malformed (the message names the line)."""


class GoldFormatError(EventCoderError):
    """A gold-standard file is not in a supported format."""


class FetchError(EventCoderError):
    """A URL could not be fetched within the limits (scheme, size, timeout)."""


class InvalidURLError(FetchError):
    """A URL that is not a well-formed http(s) address (a space, a control character, a bad port)."""


class OutputError(EventCoderError):
    """The output cannot be written (an unwritable folder, a full disk)."""


class OutputLockedError(OutputError):
    """Another run is writing the same output (its lock file names the process)."""


class WorkerDiedError(EventCoderError):
    """A worker process ended abruptly (killed, out of memory); finished batches are kept."""


class DocumentLimitError(EventCoderError):
    """One document would exceed a per-document bound of time or memory; `code` is its
    rejection code (too_large, too_slow) and the message names the limit."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


class RunInterrupted(EventCoderError):
    """A run stopped by SIGINT or SIGTERM; what is finished is kept and --resume continues."""

    def __init__(self, signal_number: int, detail: str = ""):
        import signal

        self.signal_number = signal_number
        self.signal_name = signal.Signals(signal_number).name
        super().__init__(f"interrupted by {self.signal_name}" + (f"; {detail}" if detail else ""))


class StrictModeError(EventCoderError):
    """A record was rejected while --strict was in force."""


class ClassifierError(EventCoderError):
    """The trained event classifier's files are missing or unreadable."""


class DocumentRejectedError(EventCoderError, ValueError):
    """The API was given a document it cannot code: an unreadable pub_date, no text field,
    a text that is empty, binary or not English. `code` is the rejection code of the CLI's
    status rows (bad_pub_date, missing_text, empty_text, not_english, ...)."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


class MissingDependencyError(EventCoderError):
    """An optional feature needs a package that is not installed (the message says how to install it)."""


class QueryError(EventCoderError):
    """A filter or paging parameter of the explorer cannot be understood (the message says which)."""
