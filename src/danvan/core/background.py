"""The one way to start background work: Django's tasks API, enqueued once the transaction commits.

Services call `enqueue_on_commit(some_task, ...)` so a job never runs for a change that was rolled
back, and never runs before the row it needs is visible to the worker."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
