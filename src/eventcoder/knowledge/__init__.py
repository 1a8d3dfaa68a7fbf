"""What the coder knows, as data: trigger lexicons, actor dictionaries, gazetteer, classifier."""
