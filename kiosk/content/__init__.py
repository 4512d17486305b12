"""Content: the schema, the pack loader, and localisation of texts."""
