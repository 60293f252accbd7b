"""What every endpoint under /api/v1/communes/<code>/ shares: `CommuneScoped` (the commune through
`org.access.commune_for`, then objects inside it), the documented error responses, the read-only refusal."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.models import ApiKey
from danvan.api.views.action_table import ACTION_TABLE
from danvan.org.access import commune_for, memberships_in
from danvan.petitions.models import Petition
from danvan.petitions.permissions import available_actions, may_see_content

Kind = Petition.Kind
READ_ONLY_ROLE = "Vai trò của bạn chỉ được xem đơn thư, không được xử lý đơn."


ERRORS = {
    400: OpenApiResponse(description='Dữ liệu không hợp lệ: `{"error": {code, message, field}}`.'),
    401: OpenApiResponse(description="Thiếu khóa API, khóa sai hoặc đã bị thu hồi."),
    403: OpenApiResponse(description="Vai trò không được làm việc này."),
    404: OpenApiResponse(description="Không có trong phạm vi của người gọi (xã khác, mã khác)."),
}


class CommuneScoped(GenericAPIView):
    """The commune named in the URL, as the pages resolve it, narrowed by the key's own scope."""

    permission = "workspace.view"

    def get_commune(self):
        if not hasattr(self, "_commune"):
            commune = commune_for(self.request.user, self.kwargs["code"], permission=self.permission)
            key = self.request.auth
            if isinstance(key, ApiKey) and key.commune_id and key.commune_id != commune.code:
                raise Http404
            self._commune = commune
        return self._commune

    def own_roles(self) -> set[str]:
        return {m.role for m in memberships_in(self.request.user, self.get_commune())}

    def get_petition(self) -> Petition:
        petition = (
            Petition.objects.select_related("commune", "unit", "field", "village", "parent", "accepted_by")
            .filter(pk=self.kwargs["pk"], commune=self.get_commune())
            .first()
        )
        if petition is None:
            raise Http404
        return petition

    def detail(self, petition: Petition, *, http_status: int = 200) -> Response:
        context = {
            "today": timezone.localdate(),
            "request": self.request,
            "commune_code": petition.commune_id,
            "secret_ok": may_see_content(self.request.user, petition),
            # The pages' own list of what this user may try now, in the API's action names.
            "allowed_actions": [
                name for name in available_actions(petition, self.own_roles()) if name in ACTION_TABLE
            ],
        }
        petition = (
            Petition.objects.prefetch_related("attachments", "steps")
            .select_related("unit", "field", "village", "parent", "accepted_by", "duplicate_of")
            .get(pk=petition.pk)
        )
        return Response(s.PetitionDetailSerializer(petition, context=context).data, status=http_status)
