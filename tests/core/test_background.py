"""Background jobs enqueued with the write they follow (core/background.py): with the database backend the
job's row is part of the writing transaction, so the two commit or roll back together."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from danvan.core.background import enqueue_with_write

pytestmark = pytest.mark.django_db

TASK = "danvan.petitions.tasks.suggest_for_petition"


def test_the_job_is_written_in_the_writing_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_with_write(TASK, 41)
        assert DBTaskResult.objects.get().args_kwargs == {"args": [41], "kwargs": {}}
    assert callbacks == []  # nothing left for a second transaction after the commit


def test_a_write_rolled_back_takes_its_job_with_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_with_write(TASK, 42)
        raise RuntimeError("the write fails after the job was queued")
    assert not DBTaskResult.objects.exists()
