"""Figure functions of the book, one module per topic; each returns a matplotlib Figure (never shows it)."""
