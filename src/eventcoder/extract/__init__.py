"""From parsed sentences to event records: every coding decision lives here, one module each."""
