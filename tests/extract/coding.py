"""What the session coder makes of a sentence written for a test, on a fixed publication date."""


def events(coder, text):
    return coder.code_text(text, pub_date="2024-03-15")


def categories(coder, text):
    """The sorted categories of the text's events."""
    return sorted(e.event for e in events(coder, text))
