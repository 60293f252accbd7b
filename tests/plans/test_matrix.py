"""The plan overview's matrix written in Python gives the markup the template gave: same rows, order,
tags, links and escaping (the template's loop is kept below as the reference)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.template import Context, Template

from danvan.org.models import Unit
from danvan.plans.matrix import matrix_rows
from danvan.plans.models import Plan, Task, Timeframe
from danvan.plans.selectors import plan_overview

pytestmark = pytest.mark.django_db

# The loop the overview template had before the matrix moved to Python, with the owners' partial it includes.
REFERENCE = Template(
    """{% for r in ov.rows %}
    <tr class="{% if r.cancelled %}cancelled{% elif r.late %}late{% elif r.at_risk %}risk{% endif %}">
      <td>{{ r.task.ref }}</td>
      <td><a href="{% url 'plans:task' code ov.plan.pk r.task.pk %}">{{ r.task.content|truncatechars:120 }}</a>{% if r.leads or r.partners %}<span class="row-owners phone-only">{% if r.leads %}Chủ trì: {{ r.leads|join:", " }}{% endif %}{% if r.leads and r.partners %}; {% endif %}{% if r.partners %}phối hợp: {{ r.partners|join:", " }}{% endif %}</span>{% endif %}
      {% if not r.leads and r.task.lead_text %}<span class="row-owners">Chủ trì (theo văn bản): {{ r.task.lead_text }}</span>{% endif %}
      {% if not r.partners and r.task.coordinating_text %}<span class="row-owners">Phối hợp (theo văn bản): {{ r.task.coordinating_text }}</span>{% endif %}
      <span class="row-owners phone-only">Hạn: {{ r.task.due_label }}</span></td>
      <td>{{ r.task.due_label }}</td>
      <td>{% if r.cancelled %}<strong class="tag tag-cancelled">Đã hủy</strong>{% else %}{% if r.late %}<strong class="tag tag-late">Trễ hạn</strong>{% elif r.at_risk %}<strong class="tag tag-risk">Sắp đến hạn</strong>{% endif %} {{ r.task.get_status_display }}{% endif %}</td>
      {% for c in r.cells %}<td class="cell">{{ c }}</td>{% endfor %}
    </tr>
  {% empty %}<tr><td colspan="4">Kế hoạch chưa có nhiệm vụ.</td></tr>{% endfor %}"""  # noqa: E501 (the template as it was)
)


def _normal(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


def test_the_matrix_is_the_templates_markup(commune):
    today = date.today()
    units = list(Unit.objects.filter(commune=commune)[:3])
    plan = Plan.objects.create(commune=commune, title="Kế hoạch", year=today.year, status="issued")
    specs = [
        (
            "1",
            "Tuyên truyền <b>Luật</b> & “quy chế” " + "rất dài " * 30,
            today - timedelta(days=5),
            "in_progress",
        ),
        ("2", "Sắp đến hạn", today + timedelta(days=3), "not_started"),
        ("3", "Đã xong", today - timedelta(days=30), "done"),
        ("4", "Đã hủy", today - timedelta(days=30), "cancelled"),
        ("5", "Còn xa", today + timedelta(days=200), "not_started"),
    ]
    for i, (ref, content, due, status) in enumerate(specs):
        task = Task.objects.create(
            plan=plan,
            ref=ref,
            order=i,
            content=content,
            timeframe=Timeframe.BY_DATE,
            due_date=due,
            status=status,
        )
        task.lead_units.add(units[i % 3])
        task.coordinating_units.add(units[(i + 1) % 3])
    Task.objects.create(plan=plan, ref="6", order=9, content="Thường xuyên", timeframe=Timeframe.ONGOING)
    # A body outside the commune, kept as text at import: no column, so it is written under the task.
    Task.objects.create(
        plan=plan,
        ref="7",
        order=10,
        content="Phối hợp với tỉnh",
        timeframe=Timeframe.ONGOING,
        lead_text="Sở Nội vụ <tỉnh>",
        coordinating_text="Ban Dân vận Tỉnh ủy",
    )
    ov = plan_overview(plan=plan, today=today)
    assert [r.task.ref for r in ov.rows][:2] == ["1", "2"]  # late, then at risk, first
    ours = str(matrix_rows(ov, commune.code))
    assert _normal(ours) == _normal(REFERENCE.render(Context({"ov": ov, "code": commune.code})))
    assert "&lt;b&gt;Luật&lt;/b&gt; &amp;" in ours and "<b>" not in ours
    assert "Chủ trì (theo văn bản): Sở Nội vụ &lt;tỉnh&gt;" in ours
    assert "Phối hợp (theo văn bản): Ban Dân vận Tỉnh ủy" in ours


def test_an_empty_plan_says_so(commune):
    plan = Plan.objects.create(commune=commune, title="Trống", year=2026, status="draft")
    ov = plan_overview(plan=plan, today=date.today())
    assert str(matrix_rows(ov, commune.code)) == '<tr><td colspan="4">Kế hoạch chưa có nhiệm vụ.</td></tr>'
