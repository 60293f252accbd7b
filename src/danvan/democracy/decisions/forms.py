"""Forms of the village-decision pages: they parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from danvan.core.forms import FilePicker, date_field
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.rules import Choice, Matter, Method

# How each method reads to a village head choosing it, beside the law's name for it.
METHOD_HELP = {
    Method.MEETING: "Trưởng thôn triệu tập và chủ trì; nếu số hộ tham dự không thể đạt tỷ lệ tán thành "
    "thì phát phiếu tới từng hộ.",
    Method.BALLOT: "Phát phiếu tới từng hộ gia đình; mỗi hộ một phiếu.",
    Method.ONLINE: "Đại diện hộ biểu quyết trên điện thoại bằng mã xác thực; cần trưởng thôn và "
    "Ban công tác Mặt trận ở thôn cùng đồng ý trước khi mở.",
}


def method_choices(matter: str | None) -> list[tuple[str, str]]:
    """Only the methods the law allows for the matter (Luật THDCCS 2022, Điều 15–21)."""
    allowed = rules.METHODS_ALLOWED.get(matter or "", frozenset(Method.values))
    return [(value, label) for value, label in Method.choices if value in allowed]


def _names(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


COMMITTEE_LABEL = (
    f"Ban kiểm phiếu ({rules.COUNTING_COMMITTEE_MIN}–{rules.COUNTING_COMMITTEE_MAX} người, mỗi dòng một tên)"
)
CODE_ATTRS = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}


class HouseholdForm(forms.Form):
    code = forms.CharField(label="Mã hộ", max_length=30)
    head_name = forms.CharField(label="Chủ hộ", max_length=120)
    representative_name = forms.CharField(
        label="Người đại diện biểu quyết (nếu khác chủ hộ)", max_length=120, required=False
    )
    phone = forms.CharField(label="Điện thoại", max_length=20, required=False)
    email = forms.CharField(label="Email", max_length=254, required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    is_active = forms.BooleanField(label="Còn trong sổ hộ của thôn", required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("phone", "email"):
            self.fields[name].widget.attrs["inputmode"] = "tel" if name == "phone" else "email"
        if editing:
            # The code stays: votes and imports refer to it.
            self.fields["code"].disabled = True
        else:
            del self.fields["is_active"]


class HouseholdImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp sổ hộ (.xlsx hoặc .csv)",
        widget=FilePicker(attrs={"accept": ".xlsx,.csv"}),
    )


NOTICE_HELP = (
    "Ngày gửi giấy mời, thông báo tới từng hộ (hoặc qua truyền thanh, điện thoại, nhóm mạng xã hội "
    f"của thôn) kèm tài liệu. Họp hoặc phát phiếu ít nhất {rules.NOTICE_DAYS:02d} ngày sau ngày này "
    "(Nghị định 59/2023/NĐ-CP, Điều 3 khoản 3–4)."
)


class DecisionForm(forms.Form):
    village = forms.ModelChoiceField(label="Thôn, tổ dân phố", queryset=None, empty_label=None)
    matter = forms.ChoiceField(label="Loại nội dung (Điều 15)", choices=[("", "— Chọn —"), *Matter.choices])
    method = forms.ChoiceField(label="Hình thức bàn và quyết định", widget=forms.RadioSelect)
    title = forms.CharField(label="Nội dung cần biểu quyết", max_length=300)
    description = forms.CharField(
        label="Mô tả, phương án", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    noticed_on = date_field(
        "Ngày đã thông báo tới các hộ",
        required=False,
        help_text=NOTICE_HELP,
    )
    opens_at = forms.DateTimeField(
        label="Bắt đầu",
        required=False,
        help_text=f"Thông báo nội dung, tài liệu cuộc họp hoặc đợt phát phiếu tới các hộ chậm nhất "
        f"{rules.NOTICE_DAYS:02d} ngày trước (Nghị định 59/2023/NĐ-CP, Điều 3; Luật Thực hiện dân chủ ở cơ "
        "sở 2022, Điều 19 khoản 2).",
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label="Kết thúc",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    is_secret = forms.BooleanField(
        label="Bỏ phiếu kín (phiếu không ghi tên hộ)", required=False, initial=True
    )
    counting_committee = forms.CharField(
        label=COMMITTEE_LABEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        matter = self.data.get("matter") if self.is_bound else self.initial.get("matter")
        # Every method parses, so a forbidden one reaches the service, which refuses it with the law's
        # reason and audits the attempt; the page offers only the allowed ones (`offered`).
        self.fields["method"].choices = Method.choices
        self.offered = [value for value, _ in method_choices(matter)]

    def committee(self) -> list[str]:
        return _names(self.cleaned_data.get("counting_committee", ""))


class CommitteeForm(forms.Form):
    names = forms.CharField(
        label=COMMITTEE_LABEL,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def names_list(self) -> list[str]:
        return _names(self.cleaned_data["names"])


class MeetingResultForm(forms.Form):
    approve = forms.IntegerField(label="Số hộ tán thành", min_value=0)
    reject = forms.IntegerField(label="Số hộ không tán thành", min_value=0)
    abstain = forms.IntegerField(label="Số hộ không có ý kiến", min_value=0, initial=0)


class BallotFallbackForm(forms.Form):
    ballot_closes_at = forms.DateTimeField(
        label="Hạn thu phiếu (nếu hội nghị không đủ số hộ để đạt tỷ lệ tán thành)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class BallotForm(forms.Form):
    household = forms.ModelChoiceField(label="Hộ nộp phiếu", queryset=None, empty_label="— Chọn hộ —")
    choice = forms.ChoiceField(
        label="Ý kiến ghi trên phiếu", choices=Choice.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["household"].label_from_instance = lambda h: f"{h.code} – {h.representative}"


class OutcomeForm(forms.Form):
    minutes = forms.CharField(
        label="Diễn biến, ý kiến phát biểu (ghi vào biên bản, không bắt buộc)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class CodeRequestForm(forms.Form):
    """Step 1 of the vote page. Both steps are on one page: their ids must differ."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "ma_%s")
        super().__init__(*args, **kwargs)

    household_code = forms.CharField(
        label="Mã hộ gia đình",
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class OnlineVoteForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "phieu_%s")
        super().__init__(*args, **kwargs)

    household_code = forms.CharField(
        label="Mã hộ gia đình",
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    choice = forms.ChoiceField(label="Ý kiến của hộ", choices=Choice.choices, widget=forms.RadioSelect)


class NoticeForm(forms.Form):
    noticed_on = date_field(
        "Ngày đã thông báo tới các hộ",
        help_text=NOTICE_HELP,
    )


class CommuneDecisionForm(forms.Form):
    """A contribution matter for the whole commune (Điều 15 khoản 1–2, Điều 21 khoản 1)."""

    matter = forms.ChoiceField(
        label="Loại nội dung (khoản 1, 2 Điều 15)",
        choices=[(m, Matter(m).label) for m in Matter.values if m in rules.CONTRIBUTION_MATTERS],
    )
    title = forms.CharField(label="Nội dung cần biểu quyết", max_length=300)
    description = forms.CharField(
        label="Mô tả, phương án", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    method = forms.ChoiceField(
        label="Hình thức ở mỗi thôn",
        choices=[(Method.MEETING, Method.MEETING.label), (Method.BALLOT, Method.BALLOT.label)],
        widget=forms.RadioSelect,
        initial=Method.MEETING,
    )
    noticed_on = date_field("Ngày đã thông báo tới các hộ", required=False, help_text=NOTICE_HELP)
