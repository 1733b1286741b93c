"""Pure domain logic: the standard library and python-dateutil only."""
