"""Background jobs of comms: deliver one message; sweep the queue."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_message(message_id: int) -> str:
    """Deliver one queued message (retries are enqueued again with a later run_after)."""
    from danvan.comms.outbox import message_deliver

    return message_deliver(message_id)


@task()
def deliver_due_messages() -> int:
    """Deliver every due message still queued; returns how many went out."""
    from danvan.comms.outbox import deliver_due

    return deliver_due()
