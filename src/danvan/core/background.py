"""The one way to start background work: Django's tasks API, enqueued once the transaction commits.

Services call `enqueue_on_commit(some_task, ...)` so a job never runs for a change that was rolled
back, and never runs before the row it needs is visible to the worker. A service may name the task by
its dotted path ("danvan.reports.tasks.run_report_job") instead of importing it: the tasks module
imports the services, so naming it keeps the import one way (no cycle); it is resolved at commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string


def enqueue_on_commit(task: Any, *args: Any, run_after: datetime | None = None, **kwargs: Any) -> None:
    """Enqueue `task` (a task, or its dotted path) with these arguments once the transaction commits;
    `run_after` holds it back until then (a message kept for the end of quiet hours)."""

    def enqueue():
        job = import_string(task) if isinstance(task, str) else task
        if run_after is not None:
            job = job.using(run_after=run_after)
        job.enqueue(*args, **kwargs)

    transaction.on_commit(enqueue)


def enqueue_with_write(task: Any, *args: Any) -> None:
    """Enqueue `task` with the writing transaction when the tasks backend is the database: its row is
    inserted in that transaction, so the job and the write it follows commit (or roll back) together, in one
    commit instead of a second transaction after it, and a kill -9 between the two can lose neither. The
    worker cannot see the row before the commit, like a job enqueued on commit. On another backend (RQ: a
    Redis push no rollback could take back), or outside a transaction, it is `enqueue_on_commit`."""
    from django_tasks_db import DatabaseBackend

    job = import_string(task) if isinstance(task, str) else task
    if transaction.get_connection().in_atomic_block and isinstance(job.get_backend(), DatabaseBackend):
        job.enqueue(*args)
    else:
        enqueue_on_commit(job, *args)
