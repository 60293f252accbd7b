"""The catalogue of what a commune must publish: the kinds of Luật THDCCS 2022 (10/2022/QH15), Điều 11.

Forms per Điều 12, loudspeaker for items 7–12 at least 3 consecutive days (Điều 13), posting at least
30 days where no other law says (Luật Tiếp cận thông tin 2016, Điều 21(2)). The wording of each khoản is
our summary after LEGAL.md; the official text could not be reached from here to confirm each clause
number, so every row says so in its note and the administrator can correct it in the admin.

Seeded after every ``migrate`` and every test flush (the ``post_migrate`` signal, as Django does for
content types), and only into an empty table: the administrator's edits are never overwritten, and a
database that was flushed (a transactional test, a ``flush``) gets the catalogue back.
"""

OFFICE = "office_posting"
PORTAL = "portal"
LOUD = "loudspeaker"
VILLAGE = "village_head"
UNCONFIRMED = "Tóm tắt theo LEGAL.md; số khoản chưa đối chiếu với văn bản gốc Luật 10/2022/QH15."

# code, khoản, name, required forms, min days, loudspeaker days, timing, items expected a year
CATALOGUE = [
    ("policies_laws", 1, "Chính sách, pháp luật liên quan trực tiếp đến người dân ở xã",
     [OFFICE, PORTAL], 30, None, "Khi ban hành, có hiệu lực", 0),
    ("socioeconomic_plan", 2, "Kế hoạch phát triển kinh tế – xã hội hằng năm, 5 năm và kết quả thực hiện",
     [OFFICE, PORTAL, VILLAGE], 30, None, "Hằng năm, sau khi được thông qua", 1),
    ("budget", 3, "Dự toán, tình hình thực hiện dự toán (quý, 6 tháng, năm) và quyết toán ngân sách xã",
     [OFFICE, PORTAL], 30, None, "Hằng quý, 6 tháng, năm", 4),
    ("projects_land", 4, "Dự án, công trình đầu tư; thu hồi đất, bồi thường, hỗ trợ, tái định cư",
     [OFFICE, PORTAL, VILLAGE], 30, None, "Khi có quyết định", 0),
    ("land_use_planning", 5, "Quy hoạch, kế hoạch sử dụng đất đai; điều chỉnh quy hoạch",
     [OFFICE, PORTAL], 30, None, "Khi được phê duyệt", 0),
    ("admin_procedures", 6, "Thủ tục hành chính và việc giải quyết thủ tục hành chính",
     [OFFICE, PORTAL], 30, None, "Thường xuyên", 1),
    ("contributions", 7, "Các khoản huy động, đóng góp của Nhân dân; kết quả thu, chi",
     [OFFICE, PORTAL, LOUD, VILLAGE], 30, 3, "Khi huy động và khi quyết toán", 1),
    ("social_support", 8, "Chính sách hỗ trợ, an sinh xã hội; đối tượng thụ hưởng ở xã",
     [OFFICE, PORTAL, LOUD], 30, 3, "Khi xét duyệt", 1),
    ("funds_management", 9, "Quản lý, sử dụng các quỹ, khoản đầu tư, tài trợ theo chương trình, dự án",
     [OFFICE, PORTAL, LOUD], 30, 3, "Hằng năm", 1),
    ("complaints_results", 10, "Kết quả giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
     [OFFICE, PORTAL, LOUD], 30, 3, "Khi có kết quả", 1),
    ("inspection_results", 11, "Kết luận thanh tra, kiểm tra; vụ việc tiêu cực, tham nhũng",
     [OFFICE, PORTAL, LOUD], 30, 3, "Khi có kết luận", 0),
    ("supervision_results", 12, "Kết quả giám sát của Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng",
     [OFFICE, PORTAL, LOUD], 30, 3, "Hằng năm", 1),
    ("consultation_results", 13, "Kết quả tiếp thu ý kiến của Nhân dân về nội dung lấy ý kiến",
     [OFFICE, PORTAL], 30, None, "Sau khi lấy ý kiến", 0),
    ("other", 14, "Nội dung khác theo quy định của pháp luật, theo yêu cầu của Nhân dân",
     [OFFICE, PORTAL], 30, None, "Khi cần", 0),
]  # fmt: skip


def ensure_catalogue(sender, using="default", apps=None, **kwargs):
    """Create the Điều 11 kinds into an empty table; never touch the administrator's catalogue."""
    if apps is None:
        from django.apps import apps
    try:
        DisclosureKind = apps.get_model("democracy", "DisclosureKind")
    except LookupError:  # migrating backwards past the table
        return
    kinds = DisclosureKind.objects.using(using)
    if kinds.exists():
        return
    kinds.bulk_create(
        DisclosureKind(
            code=code,
            clause=clause,
            name=name,
            required_forms=forms,
            min_days=days,
            loudspeaker_days=loud,
            timing=timing,
            per_year=per_year,
            note=UNCONFIRMED,
            order=order,
        )
        for order, (code, clause, name, forms, days, loud, timing, per_year) in enumerate(CATALOGUE, start=1)
    )
