"""Input and output: reading every format, fetching URLs, language checks, writers, status rows."""
