"""API keys in Django's admin, for the system administrator: create (the key is shown once), list,
revoke. Writes go through `api.services`, so each one is audited."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from danvan.api.models import ApiKey
from danvan.api.services import api_key_create, api_key_revoke
from danvan.core.errors import ServiceError


class ApiKeyCreateForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ("name", "kind", "user", "commune")

    def clean(self):
        data = super().clean()
        kind, user = data.get("kind"), data.get("user")
        if kind == ApiKey.Kind.STAFF and user is None:
            self.add_error("user", "Khóa cho cán bộ cần chọn tài khoản cán bộ.")
        if kind == ApiKey.Kind.OPEN311 and user is not None:
            self.add_error("user", "Khóa cho ứng dụng Open311 không gắn với tài khoản cán bộ.")
        if user is not None and not user.is_active:
            self.add_error("user", "Tài khoản cán bộ này đã bị khóa.")
        commune = data.get("commune")
        if commune is not None and not commune.is_active:
            self.add_error("commune", "Xã/phường này chưa sử dụng hệ thống.")
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "user", "commune", "prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "prefix", "user__username")
    raw_id_fields = ("user", "commune")
    actions = ["revoke"]
    readonly_fields = (
        "name",
        "kind",
        "user",
        "commune",
        "prefix",
        "is_active",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiKeyCreateForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ApiKeyCreateForm.Meta.fields

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the key's row stays as evidence of what it did

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing is editable; revoking is an action
        try:
            created = api_key_create(
                by=request.user, name=obj.name, kind=obj.kind, user=obj.user, commune=obj.commune
            )
        except ServiceError as exc:  # the form checked the same rules; a race is all that is left
            messages.error(request, exc.message)
            raise
        obj.pk = created.api_key.pk
        obj.prefix = created.api_key.prefix
        messages.warning(
            request,
            f"Khóa API mới: {created.key} — hãy sao chép ngay. Khóa chỉ hiện một lần này; "
            "hệ thống chỉ lưu mã băm nên không thể xem lại.",
        )

    @admin.action(description="Thu hồi các khóa đã chọn")
    def revoke(self, request, queryset):
        done = 0
        for api_key in queryset.filter(is_active=True):
            api_key_revoke(api_key=api_key, by=request.user)
            done += 1
        self.message_user(request, f"Đã thu hồi {done} khóa.", messages.SUCCESS)
