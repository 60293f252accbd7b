"""The background-task interface: a job enqueued after commit is run by the database worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from danvan.core.background import enqueue_on_commit
from danvan.geo.models import Commune
from danvan.geo.tasks import divisions_reload


@pytest.mark.django_db(transaction=True)
def test_enqueued_reload_runs_in_the_db_worker():
    from django.db import transaction

    with transaction.atomic():
        enqueue_on_commit(divisions_reload)
        # Nothing is queued until the transaction commits.
        assert DBTaskResult.objects.count() == 0
    assert DBTaskResult.objects.count() == 1
    assert Commune.objects.count() == 0

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL", result.exception_class_path
    assert Commune.objects.count() == 3321


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_enqueues_nothing():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(divisions_reload)
        raise RuntimeError("service failed")
    assert DBTaskResult.objects.count() == 0
