from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = "Tài khoản cán bộ"

    def ready(self) -> None:
        from danvan.accounts import signals  # noqa: F401  (records sessions at log-in, forgets them at log-out)
