"""Django's user admin with one more action: reset the second factor (audited, through the service)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from danvan.accounts.models import UserSession
from danvan.accounts.services.two_factor import second_factor_reset
from danvan.core.errors import ServiceError

User = get_user_model()


@admin.action(description="Đặt lại xác thực hai bước (mất điện thoại)")
def reset_second_factor(modeladmin, request, queryset):
    done = 0
    for user in queryset:
        try:
            second_factor_reset(user, by=request.user)
        except ServiceError as exc:
            modeladmin.message_user(request, exc.message, level=messages.ERROR)
            return
        done += 1
    modeladmin.message_user(
        request, f"Đã đặt lại xác thực hai bước cho {done} tài khoản; họ bật lại khi đăng nhập."
    )


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = [reset_second_factor]


@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "ip", "user_agent", "created_at", "last_seen")
    search_fields = ("user__username",)
    readonly_fields = ("user", "session_key", "user_agent", "ip", "created_at", "last_seen")

    def has_add_permission(self, request):
        return False
