"""Every write of the public-opinion log: recording an entry (and the alert it may raise), the leader
acknowledging an alert, and the periodic summary."""

from danvan.opinion.services.entries import EntryInput, alert_acknowledge, entry_record
from danvan.opinion.services.summaries import summary_draft_text, summary_issue, summary_save

__all__ = [
    "EntryInput",
    "alert_acknowledge",
    "entry_record",
    "summary_draft_text",
    "summary_issue",
    "summary_save",
]
