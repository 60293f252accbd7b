"""Background jobs of the petitions app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from danvan.geo.models import Commune
from danvan.petitions.models import Petition
from danvan.petitions.reminders import petition_reminders_send
from danvan.petitions.services.hotspots import hotspots_scan
from danvan.petitions.suggestions import record_suggestion, schedule_training, train


@task()
def send_petition_reminders() -> int:
    """Daily: remind units of petition deadlines coming due and escalate overdue ones to leaders; raise
    the hotspots that formed; retrain the communes' suggestion models that have new cases."""
    today = timezone.localdate()
    sent = petition_reminders_send(today=today)
    with transaction.atomic():
        hotspots_scan(today=today)
        for commune in Commune.objects.filter(is_active=True):
            schedule_training(commune)
    return sent


@task()
def train_suggestion_model(commune_id: int) -> int:
    """Train one commune's field/unit suggestion model on its own history; returns the cases used."""
    commune = Commune.objects.filter(pk=commune_id).first()
    model = train(commune) if commune is not None else None
    return model.cases if model is not None else 0


@task()
def suggest_for_petition(petition_id: int) -> bool:
    """A new petition's field, unit and kind suggestion (enqueued by intake); idempotent. False when the
    petition is gone (deleted before the worker got to it)."""
    petition = Petition.objects.select_related("commune").filter(pk=petition_id).first()
    if petition is None:
        return False
    record_suggestion(petition)
    return True


@task()
def purge_held_files() -> int:
    """Daily: files of refused portal forms never sent again (services.held)."""
    from danvan.petitions.services.held import held_files_purge

    return held_files_purge()
