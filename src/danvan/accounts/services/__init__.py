"""Staff accounts' services: the second factor (two_factor) and the list of open sessions (sessions)."""
