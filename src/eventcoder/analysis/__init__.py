"""From records to answers: de-duplication across stories."""
