"""Forms for activating a commune: they parse input; org.activation decides and writes."""

from __future__ import annotations

from django import forms

from danvan.geo.models import Village
from danvan.org.activation import MAX_VILLAGES, FirstAccount
from danvan.org.models import Role


def _username(label: str, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=150,
        required=required,
        error_messages={
            "required": "Vui lòng nhập tên đăng nhập.",
            "max_length": "Tên đăng nhập dài quá 150 ký tự.",
        },
    )


class ActivationForm(forms.Form):
    villages = forms.CharField(
        label="Thôn, tổ dân phố (mỗi dòng một thôn; có thể ghi số hộ sau dấu ;)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "Thôn 1; 120\nThôn 2; 95"}),
        help_text="Có thể để trống và nhập sau ở trang “Thôn, tổ dân phố” của xã.",
    )
    village_kind = forms.ChoiceField(label="Loại", choices=Village.Kind.choices, initial=Village.Kind.THON)
    extra_units = forms.CharField(
        label="Đơn vị khác (ngoài 8 đơn vị chuẩn; mỗi dòng một đơn vị)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    coordinator_username = _username("Tên đăng nhập của công chức đầu mối", True)
    coordinator_name = forms.CharField(
        label="Họ và tên công chức đầu mối",
        max_length=150,
        error_messages={"required": "Vui lòng nhập họ và tên."},
    )
    coordinator_email = forms.EmailField(
        label="Thư điện tử của công chức đầu mối",
        required=False,
        error_messages={"invalid": "Thư điện tử không hợp lệ."},
    )
    leader_username = _username("Tên đăng nhập của lãnh đạo UBND xã", False)
    leader_name = forms.CharField(label="Họ và tên lãnh đạo UBND xã", max_length=150, required=False)
    leader_email = forms.EmailField(
        label="Thư điện tử của lãnh đạo",
        required=False,
        error_messages={"invalid": "Thư điện tử không hợp lệ."},
    )

    def clean_villages(self) -> list[tuple[str, int | None]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["villages"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _, households = line.partition(";")
            households = households.strip()
            if households and not households.isdigit():
                raise forms.ValidationError(f"Dòng {number}: số hộ “{households}” phải là số.")
            rows.append((name.strip(), int(households) if households else None))
        if len(rows) > MAX_VILLAGES:
            raise forms.ValidationError(f"Nhập tối đa {MAX_VILLAGES} thôn, tổ dân phố mỗi lần.")
        return rows

    def clean_extra_units(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["extra_units"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        if data.get("leader_username") and not data.get("leader_name"):
            self.add_error("leader_name", "Vui lòng nhập họ và tên lãnh đạo.")
        return data

    def accounts(self) -> list[FirstAccount]:
        d = self.cleaned_data
        accounts = [
            FirstAccount(
                Role.COORDINATOR, d["coordinator_username"], d["coordinator_name"], d["coordinator_email"]
            )
        ]
        if d.get("leader_username"):
            accounts.append(
                FirstAccount(Role.COMMUNE_LEADER, d["leader_username"], d["leader_name"], d["leader_email"])
            )
        return accounts


class AgencyForm(ActivationForm):
    """A provincial agency: its name, its internal units and its first accounts (no villages)."""

    villages = None
    village_kind = None
    name = forms.CharField(
        label="Tên cơ quan, đơn vị (ví dụ: Văn phòng UBND tỉnh)",
        max_length=100,
        error_messages={"required": "Vui lòng nhập tên cơ quan.", "max_length": "Tên dài quá 100 ký tự."},
    )
    extra_units = forms.CharField(
        label="Đơn vị trực thuộc (phòng, trung tâm…; mỗi dòng một đơn vị)",
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "Phòng Tổng hợp\nPhòng Hành chính – Tổ chức"}),
        error_messages={"required": "Nhập ít nhất một đơn vị trực thuộc để giao nhiệm vụ."},
    )
    leader_username = _username("Tên đăng nhập của lãnh đạo cơ quan", False)
    leader_name = forms.CharField(label="Họ và tên lãnh đạo cơ quan", max_length=150, required=False)

    field_order = ["name", "extra_units"]
