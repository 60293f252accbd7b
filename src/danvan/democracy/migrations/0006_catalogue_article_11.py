"""Correct the Điều 11 catalogue a database was seeded with to the 14 khoản of the Law.

The first catalogue was a summary that did not follow the Law's khoản (Luật THDCCS 2022, Điều 11) nor
Điều 13's places and periods. A row the administrator has not edited (its note is still the first
seed's) is corrected; a row the administrator edited is left as it is. Kinds the Law does not list are
kept for the items already published under them but no longer offered (is_active False). Missing
kinds are added. The data is written out here, as a migration must not import the app's code.
"""

from django.db import migrations

OLD_NOTE = "Tóm tắt theo LEGAL.md; số khoản chưa đối chiếu với văn bản gốc Luật 10/2022/QH15."
NOTE = "Theo Điều 11 khoản {clause}, Điều 13 Luật Thực hiện dân chủ ở cơ sở 2022 (đã đối chiếu văn bản Luật)."
DROPPED_NOTE = (
    "Không phải một khoản của Điều 11 Luật Thực hiện dân chủ ở cơ sở 2022: giữ lại cho các nội dung đã "
    "công khai, không dùng cho nội dung mới."
)
DROPPED = ("policies_laws", "land_use_planning", "funds_management", "complaints_results", "supervision_results")
POSTED = ["office_posting", "village_posting", "portal"]
PERMANENT = ["office_posting", "portal"]
ANNOUNCED = ["office_posting", "village_posting", "portal", "loudspeaker"]

# code, khoản, name, required forms, min days, loudspeaker days, permanent, timing, items a year
CATALOGUE = [
    ("socioeconomic_plan", 1, "Kế hoạch phát triển kinh tế – xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm và kết quả thực hiện",
     POSTED, 30, None, False, "Hằng năm, sau khi được thông qua", 1),
    ("budget", 2, "Dự toán, tình hình thực hiện dự toán (quý, 6 tháng, năm), quyết toán ngân sách và kế hoạch tài chính của xã; kiến nghị của Kiểm toán nhà nước",
     POSTED, 30, None, False, "Hằng quý, 6 tháng, năm", 4),
    ("projects_land", 3, "Dự án, công trình đầu tư và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; quỹ đất do xã quản lý; quy hoạch xây dựng",
     POSTED, 30, None, False, "Khi có quyết định", 0),
    ("democracy_rules", 4, "Quy chế thực hiện dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ, công chức; quy tắc ứng xử của người có chức vụ, quyền hạn",
     PERMANENT, 30, None, True, "Thường xuyên, cập nhật khi thay đổi", 0),
    ("contributions", 5, "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án; các khoản huy động Nhân dân đóng góp",
     POSTED, 30, None, False, "Khi huy động và khi quyết toán", 1),
    ("public_assets", 6, "Đầu tư, mua sắm, giao, thuê, sử dụng, thu hồi, thanh lý tài sản công do xã quản lý",
     POSTED, 30, None, False, "Hằng năm", 1),
    ("social_support", 7, "Chính sách hỗ trợ, trợ cấp, tín dụng, chương trình mục tiêu quốc gia, bảo hiểm y tế, an sinh xã hội: tiêu chí, đối tượng, bình xét và kết quả",
     ANNOUNCED, 30, 3, False, "Khi bình xét, khi có kết quả", 1),
    ("disaster_support", 8, "Hỗ trợ khắc phục thiên tai, dịch bệnh, sự cố; hỗ trợ bệnh hiểm nghèo; quản lý, sử dụng các khoản quyên góp tự nguyện",
     ANNOUNCED, 30, 3, False, "Khi phân phối hỗ trợ", 0),
    ("military_service", 9, "Số lượng, tiêu chuẩn và danh sách công dân gọi nhập ngũ, thực hiện nghĩa vụ tham gia Công an nhân dân; tạm hoãn, miễn",
     ANNOUNCED, 30, 3, False, "Hằng năm, trước khi gọi nhập ngũ", 1),
    ("inspection_results", 10, "Kết quả thanh tra, kiểm tra, xử lý tham nhũng, tiêu cực, kỷ luật cán bộ cấp xã; kết quả lấy phiếu, bỏ phiếu tín nhiệm",
     ANNOUNCED, 30, 3, False, "Khi có kết luận, kết quả", 0),
    ("consultation_results", 11, "Kế hoạch lấy ý kiến Nhân dân, nội dung lấy ý kiến, kết quả tổng hợp và giải trình, tiếp thu (Điều 25)",
     ANNOUNCED, 30, 3, False, "Khi lấy ý kiến và sau khi tổng hợp", 0),
    ("fees_charges", 12, "Đối tượng, mức thu phí, lệ phí và nghĩa vụ tài chính khác do xã trực tiếp thu",
     ANNOUNCED, 30, 3, False, "Khi ban hành, khi thay đổi", 0),
    ("admin_procedures", 13, "Thủ tục hành chính, thủ tục giải quyết công việc do xã trực tiếp thực hiện",
     PERMANENT, 30, None, True, "Thường xuyên, cập nhật khi thay đổi", 0),
    ("other", 14, "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ ở xã",
     ["office_posting", "portal"], 30, None, False, "Khi phát sinh", 0),
]  # fmt: skip


def correct(apps, schema_editor):
    Kind = apps.get_model("democracy", "DisclosureKind")
    if not Kind.objects.exists():
        return  # an empty table is seeded with the right catalogue on post_migrate
    Kind.objects.filter(code__in=DROPPED, note=OLD_NOTE).update(is_active=False, note=DROPPED_NOTE, clause=None)
    for order, (code, clause, name, forms, days, loud, permanent, timing, per_year) in enumerate(CATALOGUE, 1):
        values = {
            "clause": clause,
            "name": name,
            "required_forms": forms,
            "min_days": days,
            "loudspeaker_days": loud,
            "permanent": permanent,
            "timing": timing,
            "per_year": per_year,
            "note": NOTE.format(clause=clause),
            "order": order,
        }
        row = Kind.objects.filter(code=code).first()
        if row is None:
            Kind.objects.create(code=code, **values)
        elif row.note == OLD_NOTE:  # untouched by the administrator
            Kind.objects.filter(pk=row.pk).update(**values)
    # Dropped kinds sort after the Law's 14.
    for i, code in enumerate(DROPPED, start=100):
        Kind.objects.filter(code=code, is_active=False).update(order=i)


class Migration(migrations.Migration):
    dependencies = [("democracy", "0005_disclosure_permanent_and_decided_on")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
