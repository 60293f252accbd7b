"""Every legal rule the product encodes, each with its citation and the dates it was in force.

Add a new entry when the law changes (and close the old one with `in_force_until`); never edit the
value of an entry that records once applied. docs/LEGAL.md describes each rule in our own words.
"""

from __future__ import annotations

import datetime as dt

from danvan.law.rule import Rule, Use

D = dt.date

# When each text took effect (the day it says of itself).
TCD_2013 = D(2014, 7, 1)  # Luật Tiếp công dân 42/2013/QH13
KN_2011 = D(2012, 7, 1)  # Luật Khiếu nại 02/2011/QH13
TC_2018 = D(2019, 1, 1)  # Luật Tố cáo 25/2018/QH14
THDC_2022 = D(2023, 7, 1)  # Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15
ND59_2023 = D(2023, 8, 15)  # Nghị định 59/2023/NĐ-CP
TWO_LEVEL = D(2025, 7, 1)  # chính quyền địa phương hai cấp: no district from this day
L136_2025 = D(2026, 7, 1)  # Luật 136/2025/QH15 (amends Luật Tiếp công dân, Khiếu nại, Tố cáo)
BEFORE_L136 = L136_2025 - dt.timedelta(days=1)
BEFORE_TWO_LEVEL = TWO_LEVEL - dt.timedelta(days=1)
HGCS_2013 = D(2014, 1, 1)  # Luật Hòa giải ở cơ sở 35/2013/QH13

TCD = "Luật Tiếp công dân 2013"
KN = "Luật Khiếu nại 2011"
TC = "Luật Tố cáo 2018"
THDC = "Luật Thực hiện dân chủ ở cơ sở 2022"
ND59 = "Nghị định 59/2023/NĐ-CP"
L136 = "Luật 136/2025/QH15"
HGCS = "Luật Hòa giải ở cơ sở 2013"

SCHEDULE = Use("engagement:schedule", "Lịch tiếp công dân")
REGISTER = Use("engagement:register", "Sổ tiếp công dân")
PETITIONS = Use("petitions:list", "Đơn thư")
DEADLINES = Use("petitions:deadlines", "Hạn xử lý đơn thư")
DECISIONS = Use("decisions:list", "Bàn và quyết định")
DECISION_NEW = Use("decisions:create", "Tạo nội dung bàn và quyết định")
DISCLOSURES = Use("democracy:disclosures", "Công khai thông tin")
COMPLIANCE = Use("democracy:compliance", "Rà soát công khai")
SUPERVISION = Use("democracy:supervision", "Giám sát của Nhân dân")
MEDIATION = Use("mediation:list", "Hòa giải ở cơ sở")
FRONT = Use("front:list", "Kiến nghị, phản biện của Mặt trận")

ENTRIES: tuple[Rule, ...] = (
    # --- citizen reception -------------------------------------------------------------------------
    Rule(
        key="reception.chairman_days",
        value={"days": 1, "per": "week"},
        citation=f"{TCD}, Điều 15 khoản 2 điểm d",
        in_force_from=TCD_2013,
        in_force_until=BEFORE_L136,
        title="Chủ tịch UBND xã trực tiếp tiếp công dân tại trụ sở ít nhất 01 ngày trong 01 tuần",
        uses=(SCHEDULE,),
    ),
    Rule(
        key="reception.chairman_days",
        value={"days": 2, "per": "month"},
        citation=f"{TCD}, Điều 15 khoản 2 điểm d, sửa đổi bởi {L136}",
        in_force_from=L136_2025,
        title="Chủ tịch UBND xã trực tiếp tiếp công dân ít nhất 02 ngày trong 01 tháng, "
        "không ủy quyền cho cấp phó",
        uses=(SCHEDULE,),
    ),
    Rule(
        key="reception.answer_days",
        value={"days": 10, "working": True},
        citation=f"{TCD}, Điều 28 khoản 1",
        in_force_from=TCD_2013,
        title="Trả lời người đến khiếu nại, tố cáo, kiến nghị, phản ánh (đã thụ lý, cần thêm thời gian, "
        "từ chối, đã chuyển) trong 10 ngày làm việc kể từ ngày tiếp nhận",
        uses=(REGISTER,),
    ),
    Rule(
        key="reception.group_representatives",
        value={"from_people": 5, "representatives_up_to_10": 2, "representatives_max": 5},
        citation=f"{TCD}, Điều 29",
        in_force_from=TCD_2013,
        title="Nhiều người cùng đến về một nội dung cử người đại diện: từ 5 đến 10 người cử 1–2 người, "
        "trên 10 người không quá 5 người (luật không định nghĩa “đông người”)",
        uses=(REGISTER,),
    ),
    # --- petitions (đơn thư) ---------------------------------------------------------------------------
    Rule(
        key="petition.process_days",
        value={"days": 10, "working": True},
        citation="Thông tư 05/2021/TT-TTCP (xử lý đơn); quy trình xử lý đơn thư cấp xã",
        in_force_from=D(2021, 10, 1),
        confirmed=False,
        title="Xử lý đơn (phân loại, chuyển, hướng dẫn, trả lại hoặc thụ lý) trong 10 ngày kể từ ngày nhận",
        settings={"working": "DANVAN_PETITION_PROCESS_WORKING_DAYS"},
        uses=(DEADLINES,),
    ),
    Rule(
        key="petition.required_steps",
        value={
            "required": {"complaint": ["accept", "verify"], "denunciation": ["accept", "verify"]},
            "default_kept": {"feedback": ["accept", "verify"], "recommendation": ["accept", "verify"]},
        },
        citation=f"{KN}, Điều 27 (thụ lý), Điều 29 (xác minh); {TC}, Điều 28 khoản 1, 2 (thụ lý, xác minh); "
        "Thông tư 07/2014/TT-TTCP, Điều 21 khoản 1 và Thông tư 06/2014/TT-TTCP, Điều 31 khoản 1 "
        "(kiến nghị, phản ánh: đề xuất thủ trưởng xem xét, giải quyết, không có thủ tục xác minh bắt buộc)",
        in_force_from=TC_2018,
        title="Khiếu nại, tố cáo phải qua thụ lý và xác minh; kiến nghị, phản ánh không bắt buộc các bước "
        "này: xã có thể bỏ (mặc định giữ quy trình đề xuất thụ lý của Thông tư 07/2014/TT-TTCP)",
        uses=(PETITIONS,),
    ),
    # --- complaints (Luật Khiếu nại 2011) ------------------------------------------------------------------
    Rule(
        key="complaint.filing_days",
        value={"days": 90},
        citation=f"{KN}, Điều 9",
        in_force_from=KN_2011,
        title="Thời hiệu khiếu nại: 90 ngày kể từ ngày nhận được quyết định hoặc biết được hành vi "
        "hành chính",
        uses=(PETITIONS,),
    ),
    Rule(
        key="complaint.days_are_working",
        value={"working": False},
        citation=f"{KN}, Điều 9, 28, 33, 37 (“ngày” không nói rõ ngày làm việc)",
        in_force_from=KN_2011,
        confirmed=False,
        title="Các thời hạn “ngày” của Luật Khiếu nại tính theo ngày lịch (trừ khi cài đặt khác)",
        settings={"working": "DANVAN_COMPLAINT_DAYS_ARE_WORKING"},
        uses=(DEADLINES,),
    ),
    Rule(
        key="complaint.accept_days",
        value={"days": 10, "working": True},
        citation=f"{KN}, Điều 27; Thông tư 07/2013/TT-TTCP, Điều 5 khoản 1 (10 ngày làm việc)",
        in_force_from=KN_2011,
        in_force_until=BEFORE_L136,
        title="Thụ lý hoặc thông báo không thụ lý khiếu nại trong 10 ngày (làm việc) kể từ ngày nhận",
        uses=(DEADLINES,),
    ),
    Rule(
        key="complaint.accept_days",
        value={"days": 10, "working": True},
        citation=f"{KN}, Điều 27, sửa đổi bởi {L136}; nghị định hướng dẫn năm 2026 có thể quy định "
        "07 ngày làm việc (chưa kiểm chứng)",
        in_force_from=L136_2025,
        confirmed=False,
        title="Thụ lý hoặc thông báo không thụ lý khiếu nại: 10 ngày làm việc theo Luật; 07 ngày làm việc "
        "nếu nghị định năm 2026 được xác nhận (cài đặt)",
        settings={"days": "DANVAN_COMPLAINT_ACCEPT_DAYS", "working": "DANVAN_COMPLAINT_ACCEPT_WORKING"},
        uses=(DEADLINES,),
    ),
    Rule(
        key="complaint.resolve_days.first",
        value={"normal": 30, "complex": 45, "remote": 45, "remote_complex": 60},
        citation=f"{KN}, Điều 28",
        in_force_from=KN_2011,
        title="Giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý (phức tạp 45; vùng sâu, vùng xa 45, "
        "phức tạp 60)",
        uses=(DEADLINES,),
    ),
    Rule(
        key="complaint.resolve_days.second",
        value={"normal": 45, "complex": 60, "remote": 60, "remote_complex": 70},
        citation=f"{KN}, Điều 37",
        in_force_from=KN_2011,
        title="Giải quyết khiếu nại lần hai: 45 ngày (phức tạp 60; vùng sâu, vùng xa 60, phức tạp 70)",
        uses=(DEADLINES,),
    ),
    Rule(
        key="complaint.second_filing_days",
        value={"days": 30, "remote_days": 45, "from": "receipt_or_deadline"},
        citation=f"{KN}, Điều 33 khoản 1",
        in_force_from=KN_2011,
        title="Khiếu nại lần hai trong 30 ngày (vùng sâu, vùng xa 45) kể từ ngày nhận được quyết định "
        "giải quyết lần đầu, hoặc kể từ ngày hết thời hạn giải quyết lần đầu mà chưa được giải quyết",
        uses=(PETITIONS,),
    ),
    Rule(
        key="complaint.suspension",
        value={"allowed": False},
        citation=f"{KN} (trước khi sửa đổi: không quy định tạm đình chỉ việc giải quyết)",
        in_force_from=KN_2011,
        in_force_until=BEFORE_L136,
        title="Chưa có quy định tạm đình chỉ, rút một phần khiếu nại",
        uses=(PETITIONS,),
    ),
    Rule(
        key="complaint.suspension",
        value={
            "allowed": True,
            "clock_paused": True,
            "partial_withdrawal": True,
            "dialogue_absence": "continue",
        },
        citation=f"{KN} sửa đổi bởi {L136} (tạm đình chỉ, tiếp tục giải quyết; rút một phần; "
        "Điều 30 khoản 6)",
        in_force_from=L136_2025,
        title="Tạm đình chỉ và tiếp tục giải quyết khiếu nại (thời gian tạm đình chỉ không tính vào thời "
        "hạn); rút một phần khiếu nại; người khiếu nại vắng mặt đối thoại không có lý do chính đáng thì "
        "vẫn tiếp tục giải quyết",
        uses=(PETITIONS,),
    ),
    Rule(
        key="complaint.dialogue",
        value={"first_round": "when_request_differs", "second_round": "always", "written_notice": True},
        citation=f"{KN}, Điều 30 (lần đầu: khi yêu cầu của người khiếu nại và kết quả xác minh còn khác "
        "nhau; thông báo bằng văn bản; lập biên bản), Điều 39 (lần hai: phải đối thoại)",
        in_force_from=KN_2011,
        title="Đối thoại trong giải quyết khiếu nại: lần đầu khi yêu cầu và kết quả xác minh còn khác nhau, "
        "lần hai bắt buộc; thông báo bằng văn bản thời gian, địa điểm, nội dung; biên bản có chữ ký hoặc "
        "điểm chỉ, không ký thì ghi rõ lý do",
        uses=(PETITIONS,),
    ),
    Rule(
        key="escalation.above_commune",
        value={"level": "district", "label": "Chủ tịch UBND cấp huyện"},
        citation=f"{KN}, Điều 18 (Chủ tịch UBND cấp huyện giải quyết lần hai khiếu nại đối với Chủ tịch "
        "UBND cấp xã)",
        in_force_from=KN_2011,
        in_force_until=BEFORE_TWO_LEVEL,
        title="Cấp trên của xã giải quyết khiếu nại lần hai: Chủ tịch UBND cấp huyện",
        uses=(PETITIONS,),
    ),
    Rule(
        key="escalation.above_commune",
        value={"level": "province", "label": "Chủ tịch UBND cấp tỉnh"},
        citation="Luật Tổ chức chính quyền địa phương 2025 (không còn cấp huyện từ 01/7/2025); "
        "Nghị định 141/2025/NĐ-CP",
        in_force_from=TWO_LEVEL,
        title="Cấp trên của xã giải quyết khiếu nại lần hai: Chủ tịch UBND cấp tỉnh",
        uses=(PETITIONS,),
    ),
    # --- denunciations (Luật Tố cáo 2018) -----------------------------------------------------------------
    Rule(
        key="denunciation.classify_days",
        value={"days": 7, "several_places_days": 10, "working": True},
        citation=f"{TC}, Điều 24 khoản 1",
        in_force_from=TC_2018,
        title="Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo: 7 ngày làm việc (10 nếu phải kiểm tra "
        "ở nhiều nơi)",
        uses=(DEADLINES,),
    ),
    Rule(
        key="denunciation.forward_days",
        value={"days": 5, "working": True},
        citation=f"{TC}, Điều 24 khoản 2",
        in_force_from=TC_2018,
        title="Tố cáo không thuộc thẩm quyền: chuyển và báo người tố cáo trong 5 ngày làm việc",
        uses=(DEADLINES,),
    ),
    Rule(
        key="denunciation.notify_days",
        value={"days": 5, "working": True},
        citation=f"{TC}, Điều 29",
        in_force_from=TC_2018,
        title="Thông báo thụ lý tố cáo cho người tố cáo và người bị tố cáo trong 5 ngày làm việc",
        uses=(DEADLINES,),
    ),
    Rule(
        key="denunciation.resolve_days",
        value={
            "days": 30,
            "working": False,
            "extension_days": 30,
            "extensions_complex": 1,
            "extensions_especially_complex": 2,
        },
        citation=f"{TC}, Điều 30",
        in_force_from=TC_2018,
        title="Giải quyết tố cáo: 30 ngày kể từ ngày thụ lý; phức tạp gia hạn 1 lần, đặc biệt phức tạp "
        "2 lần, mỗi lần không quá 30 ngày",
        uses=(DEADLINES,),
    ),
    # --- village decisions (Luật THDC 2022, Điều 15–21; NĐ 59/2023) ---------------------------------------
    Rule(
        key="decision.pass.contributions",
        value={"share": "2/3", "inclusive": True},
        citation=f"{THDC}, Điều 21 khoản 1 (nội dung khoản 1, 2 Điều 15)",
        in_force_from=THDC_2022,
        title="Chủ trương, mức đóng góp và thu, chi các khoản đóng góp thông qua khi có từ hai phần ba tổng "
        "số đại diện hộ gia đình trở lên tán thành (toàn xã: từ hai phần ba tổng số thôn)",
        uses=(DECISIONS,),
    ),
    Rule(
        key="decision.pass.commune_wide",
        value={"share": "2/3", "inclusive": True, "of": "villages"},
        citation=f"{THDC}, Điều 21 khoản 1 (đoạn 2; nội dung khoản 1, 2 Điều 15 thực hiện trên địa bàn xã)",
        in_force_from=THDC_2022,
        title="Chủ trương, mức đóng góp và thu, chi các khoản đóng góp thực hiện trên địa bàn cả xã "
        "thông qua khi có từ hai phần ba tổng số thôn, tổ dân phố trở lên tán thành",
        uses=(DECISIONS,),
    ),
    Rule(
        key="decision.pass.other",
        value={"share": "1/2", "inclusive": False},
        citation=f"{THDC}, Điều 21 khoản 1 (nội dung khoản 3–6 Điều 15)",
        in_force_from=THDC_2022,
        title="Hương ước, bầu và cho thôi, công việc tự quản khác thông qua khi có trên 50% tổng số đại "
        "diện hộ gia đình tán thành",
        uses=(DECISIONS,),
    ),
    Rule(
        key="decision.methods",
        value={"meeting_only_khoan": [3, 4, 5], "online_khoan": [6], "ballot_when_meeting_short": True},
        citation=f"{THDC}, Điều 17 khoản 2, Điều 19 khoản 1 điểm b",
        in_force_from=THDC_2022,
        title="Khoản 3–5 Điều 15 quyết định tại cuộc họp; không có tỷ lệ tham dự cố định: cuộc họp không "
        "đủ đại diện hộ để đạt tỷ lệ tán thành thì phát phiếu lấy ý kiến hộ gia đình; biểu quyết trực "
        "tuyến chỉ cho khoản 6",
        uses=(DECISION_NEW, DECISIONS),
    ),
    Rule(
        key="decision.counting_team",
        value={"min": 3, "max": 5},
        citation=f"{THDC}, Điều 19 khoản 2; {ND59}, Điều 3 khoản 5 điểm c, Điều 5 khoản 2 điểm b",
        in_force_from=ND59_2023,
        title="Tổ kiểm phiếu, tổ phát phiếu có từ 3 đến 5 người",
        uses=(DECISION_NEW,),
    ),
    Rule(
        key="decision.notice_days",
        value={"days": 2, "working": False},
        citation=f"{THDC}, Điều 19 khoản 2; {ND59}, Điều 3 khoản 3–4",
        in_force_from=ND59_2023,
        title="Thông báo nội dung, tài liệu cuộc họp hoặc đợt phát phiếu chậm nhất 02 ngày trước "
        "(hội nghị cộng đồng dân cư hằng năm: 05 ngày)",
        uses=(DECISION_NEW,),
    ),
    Rule(
        key="decision.report_days",
        value={"days": 5, "working": True},
        citation=f"{THDC}, Điều 20 khoản 3",
        in_force_from=THDC_2022,
        title="Gửi quyết định của cộng đồng dân cư đến UBND xã, UBMTTQ xã chậm nhất 05 ngày làm việc",
        uses=(DECISIONS,),
    ),
    Rule(
        key="decision.cluster_meeting",
        value={"households": 200},
        citation=f"{THDC}, Điều 18 khoản 3",
        in_force_from=THDC_2022,
        title="Thôn từ 200 hộ trở lên (hoặc dân cư không tập trung) có thể họp theo cụm dân cư",
        uses=(DECISIONS,),
    ),
    # --- disclosures (Luật THDC 2022, Điều 11–13) ---------------------------------------------------------
    Rule(
        key="disclosure.posting",
        value={
            "days": 30,
            "consecutive": True,
            "khoan": [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12],
            "permanent_khoan": [4, 13],
            "places": ["office", "village_cultural_houses"],
        },
        citation=f"{THDC}, Điều 13 khoản 2",
        in_force_from=THDC_2022,
        title="Niêm yết tại trụ sở xã và nhà văn hóa thôn ít nhất 30 ngày liên tục (khoản 1–3, 5–12 "
        "Điều 11); khoản 4 và 13 niêm yết thường xuyên; danh sách đã công khai lập theo quý",
        uses=(DISCLOSURES, COMPLIANCE),
    ),
    Rule(
        key="disclosure.loudspeaker",
        value={"days": 3, "consecutive": True, "khoan": [7, 8, 9, 10, 11, 12]},
        citation=f"{THDC}, Điều 13 khoản 3",
        in_force_from=THDC_2022,
        title="Khoản 7–12 Điều 11 phát trên hệ thống truyền thanh của xã ít nhất 03 ngày liên tục",
        uses=(DISCLOSURES,),
    ),
    Rule(
        key="disclosure.portal",
        value={"khoan": "all"},
        citation=f"{THDC}, Điều 13 khoản 1",
        in_force_from=THDC_2022,
        title="Nơi có cổng, trang thông tin điện tử: đăng tải mọi nội dung của Điều 11",
        uses=(DISCLOSURES,),
    ),
    Rule(
        key="disclosure.start_days",
        value={"days": 5, "working": True},
        citation=f"{THDC}, Điều 12 khoản 3",
        in_force_from=THDC_2022,
        title="Chậm nhất 05 ngày làm việc kể từ ngày có quyết định, văn bản phải tổ chức công khai "
        "(khi luật chuyên ngành không quy định khác)",
        uses=(DISCLOSURES,),
    ),
    # --- supervision (Luật THDC 2022, Điều 35–45) --------------------------------------------------------
    Rule(
        key="supervision.answer_days",
        value={"days": 15, "working": False},
        citation=f"{THDC}, Điều 40 khoản 1 điểm c, Điều 45 khoản 2 điểm c",
        in_force_from=THDC_2022,
        title="Trả lời kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng trong "
        "15 ngày kể từ ngày nhận",
        uses=(SUPERVISION,),
    ),
    Rule(
        key="supervision.board_members",
        value={"peoples_inspection_min": 5, "investment_resident_max": 5},
        citation=f"{THDC}, Điều 36, Điều 41 khoản 1; {ND59}, Điều 13, Điều 17 khoản 2",
        in_force_from=ND59_2023,
        title="Ban Thanh tra nhân dân ít nhất 5 người; Ban Giám sát đầu tư của cộng đồng không quá 5 "
        "thành viên là người dân",
        uses=(SUPERVISION,),
    ),
    # --- grassroots mediation (Luật Hòa giải ở cơ sở 2013) -----------------------------------------------
    Rule(
        key="mediation.team",
        value={"min_mediators": 3, "woman_required": True, "minority_in_minority_area": True},
        citation=f"{HGCS}, Điều 12 khoản 1",
        in_force_from=HGCS_2013,
        title="Mỗi tổ hòa giải có từ 03 hòa giải viên trở lên, trong đó có hòa giải viên nữ; vùng có nhiều "
        "đồng bào dân tộc thiểu số phải có hòa giải viên là người dân tộc thiểu số",
        uses=(MEDIATION,),
    ),
    Rule(
        key="mediation.start_days",
        value={"days": 3, "working": False},
        citation=f"{HGCS}, Điều 20 khoản 2",
        in_force_from=HGCS_2013,
        title="Trong thời hạn 03 ngày kể từ ngày được phân công, hòa giải viên bắt đầu tiến hành hòa giải "
        "(trừ khi phải hòa giải ngay hoặc các bên thỏa thuận thời gian khác)",
        uses=(MEDIATION,),
    ),
    # --- the Mặt trận's recommendations and social criticism ----------------------------------------------
    Rule(
        key="front.answer_days",
        value={"days": 15, "working": True},
        citation=f"{THDC}, Điều 35 khoản 2 điểm b (trả lời “kịp thời” kiến nghị của Ủy ban MTTQ và các tổ "
        "chức thành viên cấp xã; luật không nêu số ngày)",
        in_force_from=THDC_2022,
        confirmed=False,
        title="Trả lời kiến nghị, phản biện xã hội của Mặt trận và các đoàn thể trong 15 ngày làm việc "
        "(mặc định của phần mềm; quy chế phối hợp của xã có thể quy định khác)",
        settings={"days": "DANVAN_FRONT_ANSWER_DAYS", "working": "DANVAN_FRONT_ANSWER_WORKING_DAYS"},
        uses=(FRONT,),
    ),
)
