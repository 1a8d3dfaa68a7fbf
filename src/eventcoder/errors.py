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
