from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = "Tổ chức và phân quyền"
