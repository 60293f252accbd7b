"""Petition pages: the citizen's form and tracking page on the portal, the staff list, intake and handling.

Public pages need no account; staff pages live under /lam-viec/<code>/don-thu/ and resolve the commune
through `org.access.commune_for` first, then fetch every object inside that commune (another commune's
id is a 404). The services decide who may do what; the views only hide the buttons a user cannot use
and refuse a write from a role that only reads. The sender's identity is read only through
`services.identity_for` (which logs every read) and is never put into a list, a URL or a message.
"""

from danvan.petitions.views.case import (
    attachment_download,
    petition_action,
    petition_detail,
    petition_identity,
)
from danvan.petitions.views.clusters import (
    duplicate_dismiss,
    duplicate_link,
    duplicate_unlink,
    hotspot_action,
    hotspot_list,
)
from danvan.petitions.views.lists import petition_deadlines, petition_list, petition_record, petition_workflow
from danvan.petitions.views.public import (
    public_rate,
    public_results,
    public_statistics,
    public_submit,
    public_track,
)

__all__ = [
    "attachment_download",
    "duplicate_dismiss",
    "duplicate_link",
    "duplicate_unlink",
    "hotspot_action",
    "hotspot_list",
    "petition_action",
    "petition_deadlines",
    "petition_detail",
    "petition_identity",
    "petition_list",
    "petition_record",
    "petition_workflow",
    "public_rate",
    "public_results",
    "public_statistics",
    "public_submit",
    "public_track",
]
