"""The budget pages: a line planned, an expense with evidence recorded, the .xlsx, scope and refusals."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from danvan.budget.models import Allocation, Expense

pytestmark = pytest.mark.django_db


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}/kinh-phi/"


def test_a_line_and_an_expense_through_the_pages(client, commune, people, plan, task):
    client.force_login(people.coordinator)
    base = ws(commune) + f"ke-hoach/{plan.pk}/"
    bad = client.post(base, {"task": task.pk, "source": "commune", "amount": "mười triệu"})
    assert bad.status_code == 400 and "Số tiền phải là số đồng" in bad.content.decode()
    assert (
        client.post(base, {"task": task.pk, "source": "commune", "amount": "10.000.000"}).status_code == 302
    )
    line = Allocation.objects.get()
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG")
    data = {
        "on": timezone.localdate().strftime("%d/%m/%Y"),
        "amount": "4.000.000",
        "description": "Hội nghị đối thoại",
        "evidence": SimpleUploadedFile("hd.png", buf.getvalue(), content_type="image/png"),
    }
    assert client.post(ws(commune) + f"dong/{line.pk}/", data).status_code == 302
    expense = Expense.objects.get()
    assert client.get(ws(commune) + f"chi/{expense.pk}/chung-tu/").status_code == 200
    over = client.post(ws(commune) + f"dong/{line.pk}/", {**data, "amount": "7.000.000", "evidence": ""})
    assert over.status_code == 400 and "vượt dự toán" in over.content.decode()
    page = client.get(base).content.decode()
    assert "10.000.000" in page and "4.000.000" in page and "6.000.000" in page
    assert str(plan.title)[:20] in client.get(ws(commune)).content.decode()
    book = load_workbook(io.BytesIO(client.get(base + "kinh-phi.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[-1][1] == "Tổng cộng" and rows[-1][3] == 10_000_000 and rows[-1][4] == 4_000_000


def test_scope_and_permissions(client, commune, people, plan):
    client.force_login(people.officer)
    assert client.get(ws(commune) + f"ke-hoach/{plan.pk}/").status_code == 200
    assert (
        client.post(ws(commune) + f"ke-hoach/{plan.pk}/", {"source": "commune", "amount": "1"}).status_code
        == 403
    )
    client.force_login(people.outsider)
    assert client.get(ws(commune) + f"ke-hoach/{plan.pk}/").status_code == 404
