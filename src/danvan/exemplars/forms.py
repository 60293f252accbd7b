"""Forms for the “Dân vận khéo” pages: they parse input; the services validate and decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker
from danvan.exemplars import rules
from danvan.exemplars.models import Commendation, Exemplar
from danvan.exemplars.selectors import fields_for
from danvan.geo.models import Village
from danvan.org.models import Unit
from danvan.plans.models import Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REQUIRED = {"required": "Vui lòng điền mục này."}
INVALID_DATE = {**REQUIRED, "invalid": "Ngày không hợp lệ."}
CHOICE = {"required": "Vui lòng chọn một mục.", "invalid_choice": "Lựa chọn không hợp lệ."}
TARGET_ROWS = 3


class TaskChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = " ".join(obj.content.split())
        return f"{obj.ref} {text[:110]}{'…' if len(text) > 110 else ''}".strip()


class RegisterForm(forms.Form):
    name = forms.CharField(label="Tên mô hình", max_length=300, error_messages=REQUIRED)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=None, error_messages=CHOICE, empty_label="— Chọn lĩnh vực —"
    )
    registrant_kind = forms.ChoiceField(
        label="Ai đăng ký", choices=Exemplar.RegistrantKind.choices, error_messages=CHOICE
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị đăng ký",
        queryset=None,
        required=False,
        error_messages=CHOICE,
        help_text="Khi đơn vị đăng ký.",
    )
    village = forms.ModelChoiceField(
        label="Thôn, tổ dân phố đăng ký",
        queryset=None,
        required=False,
        error_messages=CHOICE,
        help_text="Khi thôn, tổ dân phố đăng ký.",
    )
    registrant_name = forms.CharField(
        label="Tên tổ chức, cá nhân đăng ký",
        max_length=200,
        required=False,
        help_text="Khi Mặt trận, đoàn thể hoặc một cá nhân đăng ký.",
    )
    builders = forms.CharField(
        label="Chủ thể xây dựng",
        max_length=500,
        error_messages=REQUIRED,
        help_text="Ai trực tiếp xây dựng mô hình (ví dụ: Chi hội Phụ nữ thôn 2).",
    )
    partners = forms.CharField(label="Phối hợp cùng", max_length=500, required=False)
    villages = forms.ModelMultipleChoiceField(
        label="Địa bàn thực hiện",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Lựa chọn không hợp lệ.",
            "invalid_pk_value": "Lựa chọn không hợp lệ.",
        },
    )
    content = forms.CharField(
        label="Nội dung, cách làm", widget=forms.Textarea(attrs={"rows": 5}), error_messages=REQUIRED
    )
    start_on = forms.DateField(label="Ngày bắt đầu", widget=DATE, error_messages=INVALID_DATE)
    review_on = forms.DateField(label="Ngày sơ kết, đánh giá", widget=DATE, error_messages=INVALID_DATE)
    task = TaskChoice(
        label="Nhiệm vụ trong kế hoạch",
        queryset=None,
        required=False,
        error_messages=CHOICE,
        empty_label="— Không gắn —",
    )
    public_consent = forms.BooleanField(
        label="Đồng ý công khai mô hình và ảnh trên cổng thông tin của xã khi được công nhận", required=False
    )
    origin = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["field"].queryset = fields_for(commune)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune, is_active=True)
        villages = Village.objects.filter(commune=commune, is_active=True).order_by("name")
        self.fields["village"].queryset = villages
        self.fields["villages"].queryset = villages
        self.fields["task"].queryset = (
            Task.objects.filter(plan__commune=commune, plan__status="issued")
            .select_related("plan")
            .order_by("-plan__year", "plan_id", "order")
        )
        for i in range(1, TARGET_ROWS + 1):
            self.fields[f"target_{i}"] = forms.CharField(
                label=f"Kết quả dự kiến {i}",
                max_length=300,
                required=False,
                help_text="Ví dụ: Số hộ tham gia tổ tự quản" if i == 1 else "",
            )
            self.fields[f"measure_{i}"] = forms.CharField(
                label=f"Đơn vị tính {i}", max_length=40, required=False
            )
            self.fields[f"planned_{i}"] = forms.CharField(
                label=f"Mức phấn đấu {i}", max_length=20, required=False
            )

    def target_rows(self):
        return [
            (self[f"target_{i}"], self[f"measure_{i}"], self[f"planned_{i}"])
            for i in range(1, TARGET_ROWS + 1)
        ]


class FilterForm(forms.Form):
    nam = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả"), *Exemplar.Status.choices], required=False
    )
    field = forms.ModelChoiceField(label="Lĩnh vực", queryset=None, required=False, empty_label="Tất cả")
    kind = forms.ChoiceField(
        label="Ai đăng ký", choices=[("", "Tất cả"), *Exemplar.RegistrantKind.choices], required=False
    )
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="Tất cả")
    village = forms.ModelChoiceField(label="Thôn", queryset=None, required=False, empty_label="Tất cả")
    q = forms.CharField(label="Tìm theo tên", max_length=100, required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = fields_for(commune)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune, is_active=True)
        self.fields["village"].queryset = Village.objects.filter(commune=commune, is_active=True).order_by(
            "name"
        )


class CallForm(forms.Form):
    deadline = forms.DateField(label="Hạn đăng ký mô hình", widget=DATE, error_messages=INVALID_DATE)
    note = forms.CharField(label="Căn cứ (kế hoạch, văn bản)", max_length=300, required=False)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Tiến độ, kết quả đạt được", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    evidence = forms.FileField(
        label="Minh chứng (ảnh, PDF, Word, Excel)", required=False, widget=FilePicker()
    )
    evidence_public = forms.BooleanField(label="Ảnh này được đăng trên cổng thông tin", required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.target_keys = []
        for t in targets:
            key = f"figure_{t.pk}"
            self.fields[key] = forms.CharField(
                label=f"{t.description} (đã đạt, {t.measure}; mức phấn đấu {t.planned.normalize():f})",
                max_length=20,
                required=False,
            )
            self.target_keys.append((key, t.pk))

    def figures(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(key, "") for key, pk in self.target_keys}


class ScoreForm(forms.Form):
    comment = forms.CharField(label="Nhận xét", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for c in rules.CRITERIA:
            self.fields[c.key] = forms.IntegerField(
                label=f"{c.label} (tối đa {c.max_points} điểm)",
                min_value=0,
                max_value=c.max_points,
                error_messages={
                    **REQUIRED,
                    "invalid": "Điểm phải là số nguyên.",
                    "min_value": "Điểm không được âm.",
                    "max_value": f"Tối đa {c.max_points} điểm.",
                },
            )
        self.order_fields([c.key for c in rules.CRITERIA] + ["comment"])

    def points(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[c.key] for c in rules.CRITERIA}


class EvaluateForm(forms.Form):
    conclusion = forms.CharField(
        label="Kết luận của hội đồng", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )


class RecogniseForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=Commendation.Kind.choices, error_messages=CHOICE)
    level = forms.ChoiceField(
        label="Cấp công nhận",
        choices=[(Exemplar.Level.COMMUNE, "Cấp xã"), (Exemplar.Level.PROVINCE, "Đề nghị cấp tỉnh")],
        error_messages=CHOICE,
    )
    decision_number = forms.CharField(label="Số quyết định", max_length=60, error_messages=REQUIRED)
    decision_on = forms.DateField(label="Ngày quyết định", widget=DATE, error_messages=INVALID_DATE)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=200, error_messages=REQUIRED)
    reward = forms.CharField(label="Hình thức khen thưởng", max_length=300, required=False)
