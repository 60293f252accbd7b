from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"
    verbose_name = "API: REST (OpenAPI) và Open311 GeoReport v2"

    def ready(self) -> None:
        from danvan.api import schema  # noqa: F401  (registers the OpenAPI description of API keys)
