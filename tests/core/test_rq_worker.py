"""Background jobs on RQ workers (DANVAN_TASKS_BACKEND=django_tasks_rq.RQBackend): a real project task —
delivering a queued text message — goes to Redis when the transaction commits, and an RQ worker in
burst mode runs it; the message is then sent in the database. Against the real local Redis."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test import override_settings

from danvan.comms import outbox
from danvan.comms.models import OutboundMessage
from tests.core.nodes import other_node, redis_or_skip

RQ_REDIS_URL = os.environ.get("DANVAN_TEST_RQ_REDIS_URL", "redis://127.0.0.1:6379/13")
RQ = {
    "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    "RQ_QUEUES": {"default": {"URL": RQ_REDIS_URL}},
}


@pytest.fixture
def rq_queue():
    """The RQ queue "default" on its own Redis database, empty before and after the test."""
    redis_or_skip()
    import django_rq
    from django_tasks_rq import Job

    with override_settings(**RQ):
        queue = django_rq.get_queue("default", job_class=Job)
        queue.empty()
        yield queue
        queue.empty()
        for registry in (queue.finished_job_registry, queue.failed_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)


def _queue_message(key: str) -> OutboundMessage:
    return outbox.message_queue(
        channel="sms",
        recipient="0912 345 678",
        text="Đơn của ông/bà đã được tiếp nhận.",
        purpose="test",
        key=key,
    )


@pytest.mark.django_db
def test_a_task_enqueued_on_commit_is_run_by_an_rq_worker(rq_queue, django_capture_on_commit_callbacks):
    from django_rq import get_worker
    from django_tasks_rq import Job
    from rq import SimpleWorker

    # Given a message queued by the service: its delivery goes to Redis once the row is committed
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue_message("rq-1")
    assert rq_queue.count == 1
    assert rq_queue.jobs[0].func_name == "danvan.comms.tasks.deliver_message"
    assert OutboundMessage.objects.get(pk=message.pk).status == OutboundMessage.Status.QUEUED
    # When a worker runs what is queued and stops (in this process: SimpleWorker does not fork)
    worker = get_worker("default", job_class=Job, worker_class=SimpleWorker)
    assert worker.work(burst=True)
    # Then the message is sent, and the queue is empty
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT and message.attempts == 1
    assert rq_queue.count == 0


@pytest.mark.django_db(transaction=True)
def test_a_separate_rq_worker_process_runs_the_task_against_postgresql(rq_queue):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Một tiến trình worker riêng cần cơ sở dữ liệu dùng chung (PostgreSQL), "
            "không phải SQLite trong bộ nhớ."
        )
    # Given a message queued and committed (its delivery job is on Redis)
    message = _queue_message("rq-2")
    assert rq_queue.count == 1
    db = connection.settings_dict
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}"
    # When `danvan rqworker --burst` runs as its own process, as it would on a worker machine
    done = other_node(
        "from django.core.management import call_command\n"
        "call_command('rqworker', 'default', burst=True, job_class='django_tasks_rq.Job', verbosity=0)\n"
        "print(json.dumps({'ok': True}))",
        env={
            "DATABASE_URL": url,
            "DANVAN_TASKS_BACKEND": "django_tasks_rq.RQBackend",
            "REDIS_URL": RQ_REDIS_URL,
            "DANVAN_QUIET_HOURS": "0,0",
            "DANVAN_LOG_LEVEL": "WARNING",
        },
    )
    assert done == {"ok": True}
    # Then the worker sent it: the row in the shared database says so
    message.refresh_from_db()
    assert message.status == OutboundMessage.Status.SENT
    assert rq_queue.count == 0
