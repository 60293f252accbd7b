"""Administrative units in Django's admin (read-only: they come from the official list)."""

from django.contrib import admin

from danvan.geo.models import Commune, Province, Village


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "division_type")
    search_fields = ("code", "name")


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "province", "is_active", "slug")
    list_filter = ("is_active", "division_type", "province")
    search_fields = ("code", "name", "slug")


@admin.register(Village)
class VillageAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "commune", "households", "is_active")
    search_fields = ("name", "commune__name")
