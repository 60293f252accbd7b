"""The household register pages: /lam-viec/<code>/ho-gia-dinh/ and thon/<id>/ho-gia-dinh/… A village
head keeps their own village's register only."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.democracy.decisions import selectors, services
from danvan.democracy.decisions.forms import (
    HouseholdForm,
    HouseholdImportForm,
)
from danvan.democracy.decisions.models import Household
from danvan.democracy.decisions.views.common import (
    managed_village,
    managed_villages,
)
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context

# --- household register ---------------------------------------------------------------------------

TEMPLATE_HEADERS = ["Mã hộ", "Chủ hộ", "Người đại diện", "Điện thoại", "Email", "Địa chỉ"]


@login_required
def registers(request, code: str):
    """The villages whose register this user keeps, with their household counts."""
    commune = commune_for(request.user, code, permission="decisions.manage")
    villages = managed_villages(request.user, commune)
    counts = selectors.household_counts(villages)
    rows = [{"village": v, "count": counts.get(v.pk, 0)} for v in villages]
    return render(
        request, "democracy/decisions/registers.html", workspace_context(request, commune, rows=rows)
    )


@login_required
def household_list(request, code: str, village_id: int):
    commune, village = managed_village(request, code, village_id)
    households = list(selectors.households_of(village))
    return render(
        request,
        "democracy/decisions/households.html",
        workspace_context(
            request,
            commune,
            village=village,
            households=households,
            active=sum(1 for h in households if h.is_active),
        ),
    )


@login_required
def household_add(request, code: str, village_id: int):
    commune, village = managed_village(request, code, village_id)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            household = services.household_create(
                village=village,
                code=d["code"],
                head_name=d["head_name"],
                representative_name=d["representative_name"],
                phone=d["phone"],
                email=d["email"],
                address=d["address"],
                by=request.user,
                commune=commune,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã thêm hộ {household.code} – {household.head_name}.")
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_form.html",
        workspace_context(request, commune, village=village, form=form, household=None),
    )


@login_required
def household_edit(request, code: str, village_id: int, pk: int):
    commune, village = managed_village(request, code, village_id)
    household = get_object_or_404(Household, village=village, pk=pk)
    initial = {
        f: getattr(household, f)
        for f in ("code", "head_name", "representative_name", "phone", "email", "address", "is_active")
    }
    form = HouseholdForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.household_update(
                household=household,
                head_name=d["head_name"],
                representative_name=d["representative_name"],
                phone=d["phone"],
                email=d["email"],
                address=d["address"],
                is_active=d["is_active"],
                by=request.user,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã lưu thông tin hộ {household.code}.")
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_form.html",
        workspace_context(request, commune, village=village, form=form, household=household),
    )


@login_required
def household_import(request, code: str, village_id: int):
    commune, village = managed_village(request, code, village_id)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.household_import(village=village, file=upload, by=request.user, commune=commune)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã nhập sổ hộ {village.name}: {result.created} hộ mới, {result.updated} hộ cập nhật, "
                f"{result.unchanged} hộ không thay đổi.",
            )
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_import.html",
        workspace_context(request, commune, village=village, form=form, headers=TEMPLATE_HEADERS),
    )


@login_required
def household_template(request, code: str):
    """An empty register with the column headers the importer reads, and a sheet explaining them."""
    commune_for(request.user, code, permission="decisions.manage")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ hộ"
    sheet.append(TEMPLATE_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (12, 28, 28, 16, 28, 36), strict=True):
        sheet.column_dimensions[column].width = width
        # Text cells: Excel must not turn 0912345678 into a number or H001 into anything else.
        for row in range(2, 1001):
            sheet[f"{column}{row}"].number_format = "@"
    guide = book.create_sheet("Hướng dẫn")
    for line in (
        ["Cột", "Cách ghi"],
        ["Mã hộ", "Bắt buộc; không trùng trong thôn (ví dụ H001). Nhập lại tệp sẽ cập nhật hộ có cùng mã."],
        ["Chủ hộ", "Bắt buộc; họ và tên chủ hộ."],
        ["Người đại diện", "Người đại diện hộ đi họp, biểu quyết (để trống nếu là chủ hộ)."],
        ["Điện thoại", "Để gửi mã biểu quyết trực tuyến; 10 chữ số, ví dụ 0912345678."],
        ["Email", "Không bắt buộc; nếu có, mã biểu quyết được gửi qua email."],
        ["Địa chỉ", "Không bắt buộc."],
        ["", "Nếu có dòng sai, không hộ nào được lưu; trang nhập sẽ báo số dòng cần sửa."],
    ):
        guide.append(line)
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-so-ho-gia-dinh.xlsx"'
    return response
