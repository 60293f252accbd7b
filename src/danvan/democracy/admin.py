"""Democracy settings in Django's admin: the catalogue of what must be published (Điều 11), editable
when rules change, and read-mostly views of the register, consultations and boards."""

from django import forms
from django.contrib import admin

from danvan.democracy.models import (
    BoardMember,
    Consultation,
    Disclosure,
    DisclosureKind,
    InvestmentProject,
    Recommendation,
    SupervisionBoard,
)
from danvan.democracy.rules import DisclosureForm


class DisclosureKindForm(forms.ModelForm):
    required_forms = forms.MultipleChoiceField(
        label="Hình thức bắt buộc (Điều 12)",
        choices=DisclosureForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = DisclosureKind
        fields = [
            "code",
            "clause",
            "name",
            "order",
            "is_active",
            "required_forms",
            "min_days",
            "loudspeaker_days",
            "timing",
            "per_year",
            "note",
        ]


@admin.register(DisclosureKind)
class DisclosureKindAdmin(admin.ModelAdmin):
    form = DisclosureKindForm
    list_display = ("order", "clause", "name", "min_days", "loudspeaker_days", "per_year", "is_active")
    list_display_links = ("name",)
    list_editable = ("min_days", "per_year", "is_active")
    search_fields = ("name", "code")
    fieldsets = (
        (None, {"fields": ("code", "clause", "name", "order", "is_active")}),
        (
            "Yêu cầu công khai",
            {
                "fields": (
                    "required_forms",
                    "min_days",
                    "loudspeaker_days",
                    "permanent",
                    "timing",
                    "per_year",
                    "note",
                ),
                "description": "Danh mục theo 14 khoản Điều 11 và cách công khai theo Điều 13 Luật Thực hiện "
                "dân chủ ở cơ sở 2022 (10/2022/QH15), đã đối chiếu văn bản Luật: cổng thông tin cho mọi "
                "nội dung; niêm yết tại trụ sở và nhà văn hóa thôn ít nhất 30 ngày liên tục (khoản 1–3, "
                "5–12); khoản 4 và 13 niêm yết thường xuyên; khoản 7–12 phát trên truyền thanh ít nhất 3 "
                "ngày liên tục. Sửa tại đây khi quy định thay đổi; phần mềm không ghi đè chỉnh sửa của bạn.",
            },
        ),
    )


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    # Writes go through the services (audited); the admin only reads the register.
    list_display = ("title", "commune", "kind", "starts_on", "ends_on", "status")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Disclosure._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "commune", "opens_on", "closes_on", "status")
    list_filter = ("status", "matter")
    readonly_fields = [f.name for f in Consultation._meta.fields]

    def has_add_permission(self, request):
        return False


class BoardMemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0
    readonly_fields = ("user", "position", "village", "is_active")
    can_delete = False


@admin.register(SupervisionBoard)
class SupervisionBoardAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "kind", "term", "is_active")
    list_filter = ("kind", "is_active")
    inlines = [BoardMemberInline]
    readonly_fields = ("commune", "kind", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "board", "starts_on")
    search_fields = ("name",)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("subject", "commune", "board", "sent_on", "due_on", "status")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Recommendation._meta.fields]

    def has_add_permission(self, request):
        return False
