"""Cross-cutting pieces: the audit log, service errors, background-task glue."""
