"""Who may read a message's recipient in the log: masked for everyone unless the app the message
came from says this user may (a petition's own case handlers), and never for a denouncer.

An app registers a predicate for its `source` prefix in its AppConfig.ready(), e.g. petitions:
`register("petitions.petition", lambda user, object_id: ...)`; comms itself knows no app above it.
"""

from __future__ import annotations

from collections.abc import Callable

from danvan.comms.models import OutboundMessage
from danvan.comms.phones import mask

_PREDICATES: dict[str, Callable[[object, int], bool]] = {}
HIDDEN = "(người tố cáo: được giữ bí mật)"


def register(source_type: str, predicate: Callable[[object, int], bool]) -> None:
    _PREDICATES[source_type] = predicate


def may_see_recipient(user, message: OutboundMessage) -> bool:
    if message.protected:
        return False
    source_type, _, object_id = message.source.partition(":")
    predicate = _PREDICATES.get(source_type)
    return bool(predicate and object_id.isdigit() and predicate(user, int(object_id)))


def recipient_shown(user, message: OutboundMessage) -> str:
    """What the log shows as the recipient for this user."""
    if message.protected:
        return HIDDEN
    return message.recipient if may_see_recipient(user, message) else mask(message.recipient)
