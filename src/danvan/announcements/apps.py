"""Announcements and news (thông báo, tin tức): written once, sent to the portal, subscribers and paper."""

from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "danvan.announcements"
    label = "announcements"
    verbose_name = "Thông báo, tin tức"
