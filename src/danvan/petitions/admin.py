"""Petition settings in Django's admin: the field list, the keywords behind field suggestions, and the
suggestion models with their accuracy on held-back cases."""

from django.contrib import admin
from django.db.models import Count, Q

from danvan.petitions.models import Field, FieldKeyword, PetitionSuggestion, SuggestionModel


class FieldKeywordInline(admin.TabularInline):
    model = FieldKeyword
    extra = 3


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    inlines = [FieldKeywordInline]


@admin.register(FieldKeyword)
class FieldKeywordAdmin(admin.ModelAdmin):
    list_display = ("keyword", "field", "unit_name")
    list_filter = ("field",)
    search_fields = ("keyword", "unit_name")


def _percent(value) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


@admin.register(SuggestionModel)
class SuggestionModelAdmin(admin.ModelAdmin):
    """Read-only: models are trained in the background from each commune's own classified cases."""

    list_display = (
        "commune",
        "trained_at",
        "cases",
        "tested",
        "field_accuracy_percent",
        "keyword_accuracy_percent",
        "in_use_display",
        "unit_accuracy_percent",
        "accepted_percent",
    )
    readonly_fields = (
        "commune",
        "trained_at",
        "cases",
        "tested",
        "field_accuracy",
        "keyword_accuracy",
        "unit_accuracy",
    )
    exclude = ("blob",)

    @admin.display(description="độ chính xác lĩnh vực (trên đơn giữ lại để kiểm tra)")
    def field_accuracy_percent(self, obj):
        return _percent(obj.field_accuracy)

    @admin.display(description="độ chính xác của từ khóa (trên cùng các đơn đó)")
    def keyword_accuracy_percent(self, obj):
        return _percent(obj.keyword_accuracy)

    @admin.display(description="đang dùng (đúng hơn từ khóa)", boolean=True)
    def in_use_display(self, obj):
        return obj.in_use

    @admin.display(description="độ chính xác đơn vị (trên đơn giữ lại để kiểm tra)")
    def unit_accuracy_percent(self, obj):
        return _percent(obj.unit_accuracy)

    @admin.display(description="cán bộ nhận gợi ý lĩnh vực")
    def accepted_percent(self, obj):
        counts = PetitionSuggestion.objects.filter(
            petition__commune_id=obj.commune_id, field_accepted__isnull=False
        ).aggregate(total=Count("pk"), kept=Count("pk", filter=Q(field_accepted=True)))
        return _percent(counts["kept"] / counts["total"]) if counts["total"] else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
