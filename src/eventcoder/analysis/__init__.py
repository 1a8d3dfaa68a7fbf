"""From records to answers: de-duplication across stories, the tidy dyad table, counts per period (DuckDB)."""
