"""Units and memberships in Django's admin; writes go through the services so they are audited."""

from django.contrib import admin

from danvan.org.models import Membership, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "commune", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "commune__name")
    fields = ("name", "short_name", "is_active", "commune", "province")
    readonly_fields = ("commune", "province")

    def has_add_permission(self, request):
        return False  # units are added from the commune workspace, through unit_create

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from danvan.org.services import unit_update

        unit_update(
            unit=obj, name=obj.name, short_name=obj.short_name, is_active=obj.is_active, by=request.user
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "commune", "unit", "village", "province", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__last_name", "commune__name")
    autocomplete_fields = ()
    raw_id_fields = ("user", "commune", "unit", "village", "province")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from danvan.org.services import membership_grant

        granted = membership_grant(
            user=obj.user,
            role=obj.role,
            commune=obj.commune,
            unit=obj.unit,
            village=obj.village,
            province=obj.province,
            title=obj.title,
            by=request.user,
        )
        obj.pk = granted.pk
