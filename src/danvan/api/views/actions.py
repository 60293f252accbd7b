"""Workflow actions on a petition, /api/v1/communes/<code>/petitions/<id>/<action>/: each calls the
petitions service of the same name; its ServiceError becomes a JSON error."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from danvan.api import serializers as s
from danvan.api.views.action_table import ACTION_TABLE
from danvan.api.views.common import ERRORS, READ_ONLY_ROLE, CommuneScoped
from danvan.petitions import services as petition_services


def action_view(name: str):
    """One endpoint per workflow action, so each has its own documented request body."""
    input_class, call, summary, creates = ACTION_TABLE[name]
    responses: dict = {
        **ERRORS,
        409: OpenApiResponse(description="Quy định không cho phép bước này lúc này."),
    }
    if name == "split":
        responses[201] = s.PetitionRowSerializer(many=True)
    else:
        responses[201 if creates else 200] = s.PetitionDetailSerializer

    class ActionView(CommuneScoped):
        serializer_class = input_class

        @extend_schema(
            summary=summary,
            operation_id=f"petitions_{name}",
            request=input_class,
            responses=responses,
            tags=["Xử lý đơn"],
        )
        def post(self, request, code: str, pk: int):
            petition = self.get_petition()
            if not self.own_roles() & petition_services.RECORDERS:
                raise PermissionDenied(READ_ONLY_ROLE)
            ser = input_class(data=request.data)
            ser.is_valid(raise_exception=True)
            result = call(petition, ser.validated_data, request.user)
            if name == "split":
                return Response(
                    s.PetitionRowSerializer(result, many=True, context={"today": timezone.localdate()}).data,
                    status=status.HTTP_201_CREATED,
                )
            return self.detail(result, http_status=201 if creates else 200)

    ActionView.__name__ = ActionView.__qualname__ = f"Petition{name.title().replace('_', '')}View"
    return ActionView.as_view()
