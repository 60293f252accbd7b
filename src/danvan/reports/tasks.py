"""Background jobs of the reports app: the province roll-up and large exports."""

from __future__ import annotations

from django_tasks import task

from danvan.reports.jobs import job_run


@task()
def run_report_job(job_id: int) -> str:
    """Run one queued report job; its row shows progress and, at the end, the file to download."""
    return job_run(job_id).status
