"""The catalogue of what a commune must publish: the 14 khoản of Luật THDCCS 2022 (10/2022/QH15), Điều 11.

Where and how long (Điều 13): every kind on the commune's portal where there is one (khoản 1); khoản
1–3 and 5–12 posted at the office and at the village cultural houses at least 30 consecutive days,
khoản 4 and 13 posted permanently at the office and updated when they change (khoản 2); khoản 7–12 also
on the loudspeaker system at least 3 consecutive days (khoản 3). Each name is our summary of its khoản,
checked against the text of the Law; docs/LEGAL.md explains the catalogue.

Seeded after every ``migrate`` and every test flush (the ``post_migrate`` signal, as Django does for
content types), and only into an empty table: the administrator's edits are never overwritten, and a
database that was flushed (a transactional test, a ``flush``) gets the catalogue back. A database
seeded with the first, wrong catalogue is corrected by migration 0006, row by row where the
administrator had not edited it.
"""

OFFICE = "office_posting"
VILLAGE_HOUSE = "village_posting"
PORTAL = "portal"
LOUD = "loudspeaker"
NOTE = "Theo Điều 11 khoản {clause}, Điều 13 Luật Thực hiện dân chủ ở cơ sở 2022 (đã đối chiếu văn bản Luật)."
POSTED = [OFFICE, VILLAGE_HOUSE, PORTAL]  # Điều 13(1)–(2)
PERMANENT = [OFFICE, PORTAL]  # Điều 13(2), second paragraph: the office, permanently
ANNOUNCED = [OFFICE, VILLAGE_HOUSE, PORTAL, LOUD]  # Điều 13(3): khoản 7–12 on the loudspeaker too

# code, khoản, name, required forms, min days, loudspeaker days, permanent, timing, items expected a year
CATALOGUE = [
    ("socioeconomic_plan", 1, "Kế hoạch phát triển kinh tế – xã hội, phương án chuyển dịch cơ cấu kinh tế "
     "hằng năm và kết quả thực hiện",
     POSTED, 30, None, False, "Hằng năm, sau khi được thông qua", 1),
    ("budget", 2, "Dự toán, tình hình thực hiện dự toán (quý, 6 tháng, năm), quyết toán ngân sách và kế "
     "hoạch tài chính của xã; kiến nghị của Kiểm toán nhà nước",
     POSTED, 30, None, False, "Hằng quý, 6 tháng, năm", 4),
    ("projects_land", 3, "Dự án, công trình đầu tư và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, "
     "tái định cư; quỹ đất do xã quản lý; quy hoạch xây dựng",
     POSTED, 30, None, False, "Khi có quyết định", 0),
    ("democracy_rules", 4, "Quy chế thực hiện dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ, công chức; quy "
     "tắc ứng xử của người có chức vụ, quyền hạn",
     PERMANENT, 30, None, True, "Thường xuyên, cập nhật khi thay đổi", 0),
    ("contributions", 5, "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án; "
     "các khoản huy động Nhân dân đóng góp",
     POSTED, 30, None, False, "Khi huy động và khi quyết toán", 1),
    ("public_assets", 6, "Đầu tư, mua sắm, giao, thuê, sử dụng, thu hồi, thanh lý tài sản công do xã quản lý",
     POSTED, 30, None, False, "Hằng năm", 1),
    ("social_support", 7, "Chính sách hỗ trợ, trợ cấp, tín dụng, chương trình mục tiêu quốc gia, bảo hiểm y "
     "tế, an sinh xã hội: tiêu chí, đối tượng, bình xét và kết quả",
     ANNOUNCED, 30, 3, False, "Khi bình xét, khi có kết quả", 1),
    ("disaster_support", 8, "Hỗ trợ khắc phục thiên tai, dịch bệnh, sự cố; hỗ trợ bệnh hiểm nghèo; quản lý, "
     "sử dụng các khoản quyên góp tự nguyện",
     ANNOUNCED, 30, 3, False, "Khi phân phối hỗ trợ", 0),
    ("military_service", 9, "Số lượng, tiêu chuẩn và danh sách công dân gọi nhập ngũ, thực hiện nghĩa vụ "
     "tham gia Công an nhân dân; tạm hoãn, miễn",
     ANNOUNCED, 30, 3, False, "Hằng năm, trước khi gọi nhập ngũ", 1),
    ("inspection_results", 10, "Kết quả thanh tra, kiểm tra, xử lý tham nhũng, tiêu cực, kỷ luật cán bộ cấp "
     "xã; kết quả lấy phiếu, bỏ phiếu tín nhiệm",
     ANNOUNCED, 30, 3, False, "Khi có kết luận, kết quả", 0),
    ("consultation_results", 11, "Kế hoạch lấy ý kiến Nhân dân, nội dung lấy ý kiến, kết quả tổng hợp và "
     "giải trình, tiếp thu (Điều 25)",
     ANNOUNCED, 30, 3, False, "Khi lấy ý kiến và sau khi tổng hợp", 0),
    ("fees_charges", 12, "Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do xã trực tiếp thu",
     ANNOUNCED, 30, 3, False, "Khi ban hành, khi thay đổi", 0),
    ("admin_procedures", 13, "Thủ tục hành chính, thủ tục giải quyết công việc do xã trực tiếp thực hiện",
     PERMANENT, 30, None, True, "Thường xuyên, cập nhật khi thay đổi", 0),
    ("other", 14, "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ ở xã",
     [OFFICE, PORTAL], 30, None, False, "Khi phát sinh", 0),
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
            permanent=permanent,
            timing=timing,
            per_year=per_year,
            note=NOTE.format(clause=clause),
            order=order,
        )
        for order, (code, clause, name, forms, days, loud, permanent, timing, per_year) in enumerate(
            CATALOGUE, start=1
        )
    )
