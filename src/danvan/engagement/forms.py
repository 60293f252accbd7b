"""Forms for the engagement pages: they parse input; the services validate and decide."""

from __future__ import annotations

from django import forms

from danvan.core.forms import DateInput, FilePicker
from danvan.engagement.models import (
    Commitment,
    ReceptionEntry,
    ReceptionSession,
    VoterMeeting,
)
from danvan.geo.models import Village
from danvan.org.models import Unit

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
REQUIRED = {"required": "Vui lòng điền mục này."}
INVALID_DATE = {**REQUIRED, "invalid": "Ngày không hợp lệ."}
INVALID_TIME = {**REQUIRED, "invalid": "Giờ không hợp lệ."}


def _units(commune):
    return Unit.objects.filter(commune=commune, is_active=True).order_by("sort_order", "name")


def _villages(commune):
    return Village.objects.filter(commune=commune, is_active=True).order_by("name")


class CommuneForm(forms.Form):
    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        if "unit" in self.fields:
            self.fields["unit"].queryset = _units(commune)
        if "village" in self.fields:
            self.fields["village"].queryset = _villages(commune)
        if "villages" in self.fields:
            self.fields["villages"].queryset = _villages(commune)


class SessionForm(CommuneForm):
    on = forms.DateField(label="Ngày tiếp", widget=DATE, error_messages=INVALID_DATE)
    start_time = forms.TimeField(label="Từ giờ", widget=TIME, error_messages=INVALID_TIME)
    end_time = forms.TimeField(label="Đến giờ", widget=TIME, error_messages=INVALID_TIME)
    host_role = forms.ChoiceField(label="Người chủ trì", choices=ReceptionSession.HostRole.choices)
    host_name = forms.CharField(label="Họ tên người tiếp", max_length=150, required=False)
    unit = forms.ModelChoiceField(label="Đơn vị cùng tiếp", queryset=Unit.objects.none(), required=False)
    place = forms.CharField(label="Địa điểm", max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(label="Loại buổi tiếp", choices=ReceptionSession.Kind.choices)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)
    repeat_weeks = forms.IntegerField(
        label="Lặp lại hằng tuần (số tuần)",
        min_value=1,
        max_value=26,
        initial=1,
        required=False,
        help_text="Xếp cùng thứ, cùng giờ cho nhiều tuần liên tiếp.",
    )


class EntryForm(CommuneForm):
    received_on = forms.DateField(label="Ngày tiếp", widget=DATE, error_messages=INVALID_DATE)
    session = forms.ModelChoiceField(
        label="Buổi tiếp", queryset=ReceptionSession.objects.none(), required=False
    )
    visitor_name = forms.CharField(label="Họ tên người đến", max_length=150, required=False)
    visitor_address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    id_number = forms.CharField(label="Số CCCD/CMND", max_length=20, required=False)
    content = forms.CharField(
        label="Nội dung vụ việc", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    case_type = forms.ChoiceField(label="Phân loại vụ việc", choices=ReceptionEntry.CaseType.choices)
    people_count = forms.IntegerField(label="Số người", min_value=1, initial=1)
    handled_before_by = forms.CharField(
        label="Cơ quan đã giải quyết (nếu có)", max_length=300, required=False
    )
    handling = forms.ChoiceField(
        label="Hướng xử lý", choices=ReceptionEntry.Handling.choices, widget=forms.RadioSelect
    )
    forwarded_to = forms.CharField(label="Chuyển đến / hướng dẫn đến", max_length=300, required=False)
    follow_up = forms.CharField(
        label="Theo dõi kết quả giải quyết", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            sessions if sessions is not None else ReceptionSession.objects.none()
        )
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.on:%d/%m/%Y} {s.start_time:%H:%M} – {s.get_host_role_display()}"
            + (f" ({s.host_name})" if s.host_name else "")
        )


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(
        label="Theo dõi kết quả giải quyết", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class PeriodForm(forms.Form):
    tu = forms.DateField(label="Từ ngày", widget=DATE, required=False, error_messages=INVALID_DATE)
    den = forms.DateField(label="Đến ngày", widget=DATE, required=False, error_messages=INVALID_DATE)


class DialogueForm(CommuneForm):
    on = forms.DateField(label="Ngày đối thoại", widget=DATE, error_messages=INVALID_DATE)
    start_time = forms.TimeField(label="Giờ bắt đầu", widget=TIME, error_messages=INVALID_TIME)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    chair_name = forms.CharField(label="Lãnh đạo chủ trì", max_length=150, required=False)
    topic = forms.CharField(label="Chủ đề", max_length=300, required=False)
    description = forms.CharField(
        label="Nội dung giấy mời", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    villages = forms.ModelMultipleChoiceField(
        label="Thôn, tổ dân phố được mời",
        queryset=Village.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    invited_groups = forms.CharField(label="Đối tượng, tổ chức được mời", max_length=300, required=False)


class PublicQuestionForm(CommuneForm):
    content = forms.CharField(
        label="Câu hỏi, ý kiến của bạn",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "Vui lòng nhập câu hỏi.", "max_length": "Câu hỏi dài quá 2000 ký tự."},
    )
    village = forms.ModelChoiceField(
        label="Bạn ở thôn, tổ dân phố nào (không bắt buộc)", queryset=Village.objects.none(), required=False
    )
    asker_name = forms.CharField(
        label="Họ tên (không bắt buộc, không công khai)", max_length=150, required=False
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class QuestionAddForm(CommuneForm):
    content = forms.CharField(
        label="Câu hỏi nêu tại hội nghị", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    asker_name = forms.CharField(label="Người hỏi", max_length=150, required=False)
    village = forms.ModelChoiceField(label="Thôn", queryset=Village.objects.none(), required=False)
    answer = forms.CharField(
        label="Trả lời tại hội nghị", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Trả lời", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    answered_by = forms.CharField(label="Người trả lời", max_length=150, required=False)


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label="Kết luận của hội nghị (biên bản)", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    held_on = forms.DateField(label="Ngày tổ chức", widget=DATE, required=False, error_messages=INVALID_DATE)


class CommitmentForm(CommuneForm):
    content = forms.CharField(
        label="Nội dung cam kết (công khai trên cổng thông tin: không ghi họ tên, địa chỉ người dân)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị chịu trách nhiệm", queryset=Unit.objects.none(), required=False
    )
    due_on = forms.DateField(label="Hạn hoàn thành", widget=DATE, required=False, error_messages=INVALID_DATE)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Tiến độ thực hiện", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(
        label="Minh chứng (ảnh, PDF, Word, Excel)", required=False, widget=FilePicker()
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái mới", choices=Commitment.Status.choices)
    result = forms.CharField(
        label="Kết quả / lý do", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CommitmentFilterForm(CommuneForm):
    status = forms.ChoiceField(
        label="Trạng thái", choices=[("", "Tất cả"), *Commitment.Status.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="Tất cả"
    )
    tre_han = forms.BooleanField(label="Chỉ cam kết trễ hạn", required=False)


class VoterMeetingForm(CommuneForm):
    kind = forms.ChoiceField(
        label="Loại",
        choices=VoterMeeting.Kind.choices,
        initial=VoterMeeting.Kind.VOTERS,
        help_text="Chất vấn tại kỳ họp HĐND: mỗi câu chất vấn ghi như một kiến nghị; lời hứa khi trả lời "
        "thành cam kết được theo dõi.",
    )
    on = forms.DateField(label="Ngày tiếp xúc cử tri, ngày họp", widget=DATE, error_messages=INVALID_DATE)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    delegates = forms.CharField(label="Đại biểu HĐND tiếp xúc", max_length=300, required=False)
    villages = forms.ModelMultipleChoiceField(
        label="Thôn, tổ dân phố",
        queryset=Village.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    voters_count = forms.IntegerField(label="Số cử tri dự", min_value=0, required=False)


class VoterPetitionForm(CommuneForm):
    topic = forms.CharField(
        label="Nhóm nội dung (giao thông, đất đai, điện, nước...)",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "nhom-noi-dung"}),
    )
    content = forms.CharField(
        label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    voters_raising = forms.IntegerField(label="Số cử tri nêu", min_value=1, initial=1)
    unit = forms.ModelChoiceField(
        label="Giao đơn vị tham mưu trả lời", queryset=Unit.objects.none(), required=False
    )


class AssignForm(CommuneForm):
    unit = forms.ModelChoiceField(
        label="Đơn vị tham mưu trả lời", queryset=Unit.objects.none(), required=False
    )


class VoterAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    on = forms.DateField(label="Ngày trả lời", widget=DATE, required=False, error_messages=INVALID_DATE)
    publish = forms.BooleanField(label="Công khai trả lời trên cổng thông tin", required=False, initial=True)
