"""Language processing: sentence splitting, the pre-parse filter, spaCy parsing and lemmas."""
