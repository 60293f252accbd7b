"""The sender's identity: who may read it; every read, and every refusal, is logged."""

from __future__ import annotations

from danvan.core.errors import ServiceError
from danvan.petitions.entitlement import may_read_identity
from danvan.petitions.models import (
    IdentityAccessLog,
    Petition,
    PetitionIdentity,
)
from danvan.petitions.services.common import (
    clean_text,
    user_or_none,
)

Kind = Petition.Kind

# --- the sender's identity -------------------------------------------------------------------------

# `may_read_identity` lives in petitions/entitlement.py (below the services and the notices); this is
# its public name.
__all__ = ["identity_for", "may_read_identity"]


def identity_for(*, petition: Petition, user, purpose: str) -> PetitionIdentity | None:
    """The sender's identity, for those allowed to read it; every attempt is logged, refused ones too.
    Returns None for an anonymous feedback."""
    why = clean_text(purpose, field="purpose", label="mục đích xem thông tin", max_chars=300)
    petition = Petition.objects.select_related("commune").get(pk=petition.pk)
    granted = may_read_identity(user, petition)
    IdentityAccessLog.objects.create(petition=petition, user=user_or_none(user), purpose=why, granted=granted)
    if not granted:
        if Kind.DENUNCIATION in (petition.kind, petition.kind_hint):
            message = (
                "Bạn không được xem thông tin người gửi đơn này. Thông tin người tố cáo chỉ cán bộ được "
                "giao xử lý và lãnh đạo đã thụ lý được xem (Luật Tố cáo 2018, Điều 9)."
            )
        else:
            # Not a denunciation: no secrecy law applies, only the need to know of those who handle it.
            message = (
                "Bạn không được xem thông tin người gửi đơn này: chỉ cán bộ xử lý đơn của xã và trưởng "
                "thôn nơi có vụ việc được xem, khi cần cho việc xử lý đơn."
            )
        raise ServiceError(message, code="forbidden")
    return PetitionIdentity.objects.filter(petition=petition).first()
