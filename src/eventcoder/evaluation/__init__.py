"""Accuracy on gold data: reading gold files and scoring coded events against them."""
