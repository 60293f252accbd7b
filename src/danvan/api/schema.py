"""How drf-spectacular documents our API key authentication (loaded by ApiConfig.ready)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "danvan.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Tiêu đề `Authorization: Api-Key <khóa>`; khóa do quản trị hệ thống cấp cho cán bộ."
            ),
        }
