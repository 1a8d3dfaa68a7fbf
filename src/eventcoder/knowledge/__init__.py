"""What the coder knows, as data: trigger lexicons, word lists, actor dictionaries, gazetteer, classifier (docs/knowledge.md)."""
