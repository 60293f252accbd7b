"""The official letters and decisions of the petition workflow, as the content of an ND 30 document
numbered in the commune's register of outgoing documents (`outgoing`).

Each letter names the form it follows and where the legal texts in `../shared/legal-texts/` say so
(`form`, `confirmed`: True when the article naming the form was found in those texts and is in force;
docs/LEGAL.md lists them). The sender is never written into the stored text: the placeholder `SENDER`
stands for them and is filled per reader when the document is opened (`fill_sender`), with the name
only for those entitled to it (`may_read_identity`, the read logged by `identity_for`). A
denunciation's letters open only for those who may see its content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from danvan.petitions.models import Petition

K = Petition.Kind
S = Petition.Status
SENDER = "⟦người gửi⟧"  # name and address
SENDER_NAME = "⟦tên người gửi⟧"  # name only, for a title
KN = "Luật Khiếu nại năm 2011"
TC = "Luật Tố cáo năm 2018"
TCD = "Luật Tiếp công dân năm 2013"

# The inputs a letter may ask for, with their default labels (a letter may relabel them).
INPUTS = {
    "agency": "Cơ quan, người có thẩm quyền",
    "reason": "Lý do",
    "respondent": "Người bị khiếu nại / bị tố cáo",
    "findings": "Kết quả xác minh",
    "legal_basis": "Căn cứ pháp luật",
    "conclusion": "Kết luận",
    "measures": "Quyết định, biện pháp xử lý",
    "compensation": "Bồi thường thiệt hại (nếu có)",
}


@dataclass(frozen=True)
class Letter:
    key: str
    name: str  # what the staff page lists: "Phiếu chuyển đơn"
    type_name: str  # register's "tên loại": "Phiếu chuyển", "Thông báo", "Quyết định"
    title: str  # "PHIẾU CHUYỂN ĐƠN"
    symbol: str  # "PC-UBND"
    kinds: frozenset
    statuses: frozenset
    form: str
    confirmed: bool
    required: tuple[str, ...]
    build: Callable[[Petition, dict], tuple[str, list[str], list[str]]]  # subtitle, paragraphs, recipients
    optional: tuple[str, ...] = ()
    labels: dict = field(default_factory=dict)
    chairman: bool = False  # signed by the Chairman in person (competence of the Chairman), not "TM. UBND"

    def label(self, name: str) -> str:
        return self.labels.get(name, INPUTS[name])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _received(p: Petition) -> str:
    day = f" ngày {p.received_on:%d/%m/%Y}" if p.received_on else ""
    return f"đơn mã {p.tracking_code}{day}"


def _content(p: Petition) -> list[str]:
    return [f"Nội dung đơn: {line}" for line in _lines(p.content)[:1]] + _lines(p.content)[1:]


def _forward(p: Petition, v: dict):
    kind = p.get_kind_display().lower()
    return (
        f"Về việc chuyển đơn {kind}",
        [
            f"Kính gửi: {v['agency']}.",
            f"Ngày {p.received_on:%d/%m/%Y}, Ủy ban nhân dân {p.commune.name} nhận được đơn {kind} (mã "
            f"{p.tracking_code}) của {SENDER}.",
            *([] if p.kind == K.DENUNCIATION else _content(p)),
            "Căn cứ quy định của pháp luật, nội dung đơn không thuộc thẩm quyền giải quyết của Ủy "
            "ban nhân dân "
            f"{p.commune.name}. Ủy ban nhân dân xã chuyển đơn và các tài liệu kèm theo (nếu có) đến "
            f"{v['agency']} để xem xét, giải quyết theo thẩm quyền.",
            *(_lines(v.get("reason"))),
            "Việc chuyển đơn chỉ thực hiện một lần đối với đơn có cùng nội dung.",
        ],
        [
            f"{v['agency']};",
            *([] if p.kind == K.DENUNCIATION else [f"{SENDER} (để biết);"]),
            "Lưu: VT, hồ sơ.",
        ],
    )


def _guide(p: Petition, v: dict):
    return (
        "V/v hướng dẫn gửi đơn khiếu nại đến cơ quan có thẩm quyền",
        [
            f"Kính gửi: {SENDER}.",
            f"Ủy ban nhân dân {p.commune.name} nhận được {_received(p)} khiếu nại của Ông/Bà.",
            *_content(p),
            f"Căn cứ quy định của {KN}, nội dung khiếu nại không thuộc thẩm quyền giải quyết của "
            "Chủ tịch Ủy ban "
            f"nhân dân {p.commune.name}. Đề nghị Ông/Bà gửi đơn khiếu nại đến {v['agency']} để được xem xét, "
            "giải quyết theo quy định của pháp luật.",
            *_lines(v.get("reason")),
            "Việc hướng dẫn chỉ thực hiện một lần đối với đơn có cùng nội dung.",
        ],
        ["Như trên;", "Lưu: VT, hồ sơ."],
    )


def _return(p: Petition, v: dict):
    return (
        f"V/v trả lại đơn {p.get_kind_display().lower()}",
        [
            f"Kính gửi: {v['agency']}.",
            f"Ủy ban nhân dân {p.commune.name} nhận được đơn (mã {p.tracking_code}) của {SENDER} do "
            f"{v['agency']} chuyển đến.",
            *_content(p),
            "Nội dung đơn không thuộc thẩm quyền, trách nhiệm giải quyết của Ủy ban nhân dân "
            f"{p.commune.name}, vì: " + " ".join(_lines(v["reason"])),
            "Ủy ban nhân dân xã gửi trả lại đơn và các giấy tờ, tài liệu kèm theo (nếu có) để quý "
            "cơ quan xem xét, "
            "xử lý theo quy định.",
        ],
        ["Như trên;", "Lưu: VT, hồ sơ."],
    )


def _accept_complaint(p: Petition, v: dict):
    accepted = f"{p.accepted_on:%d/%m/%Y}" if p.accepted_on else ""
    due = f" Thời hạn giải quyết: đến ngày {p.resolve_due:%d/%m/%Y}." if p.resolve_due else ""
    return (
        "Về việc thụ lý giải quyết khiếu nại",
        [
            f"Kính gửi: {SENDER}.",
            f"Ngày {p.received_on:%d/%m/%Y}, Chủ tịch Ủy ban nhân dân {p.commune.name} nhận được "
            "đơn khiếu nại "
            f"(mã {p.tracking_code}).",
            *_content(p),
            f"Sau khi xem xét nội dung đơn khiếu nại, căn cứ Điều 27 {KN}, đơn khiếu nại đủ điều "
            "kiện thụ lý. "
            f"Chủ tịch Ủy ban nhân dân {p.commune.name} thông báo đã thụ lý giải quyết khiếu nại"
            + (f" từ ngày {accepted}." if accepted else ".")
            + due,
        ],
        [
            "Như trên;",
            "Người bị khiếu nại;",
            "Cơ quan, tổ chức, cá nhân đã chuyển đơn (nếu có);",
            "Lưu: VT, hồ sơ.",
        ],
    )


def _refuse_complaint(p: Petition, v: dict):
    return (
        "Về việc không thụ lý giải quyết khiếu nại",
        [
            f"Kính gửi: {SENDER}.",
            f"Ngày {p.received_on:%d/%m/%Y}, Chủ tịch Ủy ban nhân dân {p.commune.name} nhận được "
            "đơn khiếu nại "
            f"(mã {p.tracking_code}).",
            *_content(p),
            f"Sau khi xem xét nội dung đơn khiếu nại, căn cứ Điều 11 {KN}, đơn khiếu nại không đủ "
            "điều kiện thụ lý "
            "giải quyết, vì lý do sau:",
            *_lines(v["reason"]),
            f"Vậy, Chủ tịch Ủy ban nhân dân {p.commune.name} thông báo để Ông/Bà được biết.",
        ],
        ["Như trên;", "Cơ quan, tổ chức, cá nhân đã chuyển đơn (nếu có);", "Lưu: VT, hồ sơ."],
    )


def _dialogue_results(p: Petition) -> list[str]:
    held = [d for d in p.complaint_dialogues.all() if d.held_on]
    if not held:
        return ["Không tổ chức đối thoại."]
    return [f"Đối thoại ngày {d.held_on:%d/%m/%Y}: " + " ".join(_lines(d.outcome)) for d in held]


def _decide_complaint(p: Petition, v: dict):
    paragraphs = [
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN {p.commune.name.upper()}",
        f"Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ {KN} (Điều 18, Điều 31);",
        *[f"Căn cứ {line.rstrip(';')};" for line in _lines(v["legal_basis"])],
        f"Xét {_received(p)} khiếu nại của {SENDER}.",
        f"Người bị khiếu nại: {v['respondent']}.",
        "I. Nội dung khiếu nại",
        *_lines(p.content),
        "II. Kết quả xác minh nội dung khiếu nại",
        *_lines(v["findings"]),
        "III. Kết quả đối thoại",
        *_dialogue_results(p),
        "IV. Kết luận",
        *_lines(v["conclusion"]),
        "Từ những nhận định và căn cứ trên,",
        "QUYẾT ĐỊNH:",
        "Điều 1. " + " ".join(_lines(v["measures"])),
        "Điều 2. " + (" ".join(_lines(v.get("compensation"))) or "Không có việc bồi thường thiệt hại."),
        "Điều 3. Trong thời hạn 30 ngày, kể từ ngày nhận được quyết định này (vùng sâu, vùng xa đi "
        "lại khó khăn "
        "thì không quá 45 ngày), nếu không đồng ý với quyết định giải quyết khiếu nại thì người "
        "khiếu nại có quyền "
        "khiếu nại đến Chủ tịch Ủy ban nhân dân cấp tỉnh hoặc khởi kiện vụ án hành chính tại Tòa "
        "án theo quy định "
        f"của Luật Tố tụng hành chính (Điều 33 {KN}).",
        "Điều 4. Người khiếu nại, người bị khiếu nại và các cơ quan, tổ chức, cá nhân có liên quan "
        "chịu trách "
        "nhiệm thi hành quyết định này.",
    ]
    recipients = [
        f"{SENDER};",
        f"{v['respondent']};",
        "Chủ tịch UBND tỉnh (để báo cáo);",
        "Người có quyền, nghĩa vụ liên quan;",
        "Lưu: VT, hồ sơ.",
    ]
    return (f"Về việc giải quyết khiếu nại của {SENDER_NAME} (lần đầu)", paragraphs, recipients)


def _accept_denunciation(p: Petition, v: dict):
    accepted = f"{p.accepted_on:%d/%m/%Y}" if p.accepted_on else ""
    return (
        "Về việc thụ lý tố cáo",
        [
            f"Kính gửi: {SENDER}.",
            f"Ngày {p.received_on:%d/%m/%Y}, Chủ tịch Ủy ban nhân dân {p.commune.name} nhận được đơn tố cáo "
            f"(mã {p.tracking_code}).",
            f"Căn cứ Điều 29 {TC} và Điều 9 Nghị định số 31/2019/NĐ-CP, Chủ tịch Ủy ban nhân dân "
            f"{p.commune.name} "
            "đã thụ lý tố cáo" + (f" từ ngày {accepted}" if accepted else "") + ".",
            f"Người tố cáo có các quyền và nghĩa vụ quy định tại Điều 9 {TC}; thông tin về người tố "
            "cáo được giữ "
            "bí mật theo quy định của pháp luật.",
        ],
        ["Như trên;", "Lưu: VT, hồ sơ (mật)."],
    )


def _conclude_denunciation(p: Petition, v: dict):
    return (
        "Kết luận nội dung tố cáo",
        [
            (f"Ngày {p.accepted_on:%d/%m/%Y}, c" if p.accepted_on else "C")
            + f"hủ tịch Ủy ban nhân dân {p.commune.name} thụ lý giải quyết tố cáo "
            f"(đơn mã {p.tracking_code}) đối với "
            f"{v['respondent']}.",
            "Căn cứ nội dung tố cáo, giải trình của người bị tố cáo, kết quả xác minh nội dung tố "
            "cáo, tài liệu, "
            f"chứng cứ có liên quan, Chủ tịch Ủy ban nhân dân {p.commune.name} kết luận như sau "
            f"(Điều 35 {TC}):",
            "1. Kết quả xác minh nội dung tố cáo",
            *_lines(v["findings"]),
            "2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật",
            *_lines(v["legal_basis"]),
            "3. Kết luận về nội dung tố cáo; trách nhiệm của cơ quan, tổ chức, cá nhân liên quan",
            *_lines(v["conclusion"]),
            "4. Biện pháp xử lý theo thẩm quyền; kiến nghị",
            *_lines(v["measures"]),
        ],
        [
            f"{v['respondent']} (người bị tố cáo);",
            "Cơ quan, tổ chức quản lý người bị tố cáo;",
            "Người tố cáo (thông báo kết luận);",
            "Lưu: VT, hồ sơ (mật).",
        ],
    )


def _answer_feedback(p: Petition, v: dict):
    kind = p.get_kind_display().lower()
    answered = f" ngày {p.answered_on:%d/%m/%Y}" if p.answered_on else ""
    return (
        f"Về kết quả giải quyết {kind}",
        [
            f"Kính gửi: {SENDER}.",
            f"Ủy ban nhân dân {p.commune.name} nhận được {_received(p)} {kind} của Ông/Bà.",
            *_content(p),
            f"Căn cứ Điều 28 {TCD}, Ủy ban nhân dân xã thông báo kết quả giải quyết{answered} như sau:",
            *_lines(p.answer),
            *_lines(v.get("reason")),
            f"Mọi ý kiến khác, đề nghị Ông/Bà liên hệ Ủy ban nhân dân {p.commune.name} để được giải đáp.",
        ],
        ["Như trên;", "Lưu: VT, hồ sơ."],
    )


OPEN_INTAKE = frozenset({S.RECEIVED, S.CLASSIFIED})
LETTERS: dict[str, Letter] = {
    letter.key: letter
    for letter in (
        Letter(
            key="chuyen-don",
            name="Phiếu chuyển đơn",
            type_name="Phiếu chuyển",
            title="PHIẾU CHUYỂN ĐƠN",
            symbol="PC-UBND",
            kinds=frozenset({K.FEEDBACK, K.RECOMMENDATION, K.DENUNCIATION}),
            statuses=OPEN_INTAKE | {S.FORWARDED},
            form="Tố cáo: Mẫu số 03, Thông tư 05/2021/TT-TTCP (Điều 14 khoản 1); phản ánh, kiến nghị: Mẫu số "
            "06-XLĐ, Thông tư 07/2014/TT-TTCP (đã được thay thế, chưa đối chiếu mẫu của Thông tư 05/2021)",
            confirmed=False,
            required=("agency",),
            optional=("reason",),
            labels={"agency": "Cơ quan, người có thẩm quyền nhận đơn", "reason": "Ghi chú thêm (nếu có)"},
            build=_forward,
        ),
        Letter(
            key="huong-dan",
            name="Văn bản hướng dẫn (khiếu nại không thuộc thẩm quyền)",
            type_name="Công văn",
            title="",
            symbol="UBND",
            kinds=frozenset({K.COMPLAINT}),
            statuses=OPEN_INTAKE | {S.GUIDED},
            form="Mẫu số 03-XLĐ, Thông tư 07/2014/TT-TTCP (Điều 8 khoản 1; thay thế bởi "
            "Thông tư 05/2021/TT-TTCP, "
            "số mẫu hiện hành chưa đối chiếu)",
            confirmed=False,
            required=("agency",),
            optional=("reason",),
            labels={"agency": "Cơ quan, người có thẩm quyền giải quyết", "reason": "Hướng dẫn thêm (nếu có)"},
            build=_guide,
        ),
        Letter(
            key="tra-lai-don",
            name="Văn bản trả lại đơn (cơ quan chuyển đến, không thuộc thẩm quyền)",
            type_name="Công văn",
            title="",
            symbol="UBND",
            kinds=frozenset({K.COMPLAINT, K.FEEDBACK, K.RECOMMENDATION}),
            statuses=OPEN_INTAKE | {S.RETURNED},
            form="Mẫu số 04-XLĐ, Thông tư 07/2014/TT-TTCP (Điều 8 khoản 2; thay thế bởi "
            "Thông tư 05/2021/TT-TTCP, "
            "số mẫu hiện hành chưa đối chiếu)",
            confirmed=False,
            required=("agency", "reason"),
            labels={"agency": "Cơ quan, tổ chức đã chuyển đơn đến", "reason": "Lý do không thuộc thẩm quyền"},
            build=_return,
        ),
        Letter(
            key="thu-ly-khieu-nai",
            name="Thông báo thụ lý giải quyết khiếu nại",
            type_name="Thông báo",
            title="THÔNG BÁO",
            symbol="TB-UBND",
            kinds=frozenset({K.COMPLAINT}),
            statuses=frozenset({S.ACCEPTED, S.VERIFYING, S.SUSPENDED, S.RESOLVED}),
            form="Mẫu số 01-KN, Thông tư 07/2013/TT-TTCP (Điều 5); Luật Khiếu nại Điều 27",
            confirmed=True,
            required=(),
            build=_accept_complaint,
            chairman=True,
        ),
        Letter(
            key="khong-thu-ly-khieu-nai",
            name="Thông báo không thụ lý giải quyết khiếu nại",
            type_name="Thông báo",
            title="THÔNG BÁO",
            symbol="TB-UBND",
            kinds=frozenset({K.COMPLAINT}),
            statuses=OPEN_INTAKE | {S.RETURNED, S.GUIDED},
            form="Mẫu số 02-KN, Thông tư 07/2013/TT-TTCP (Điều 5); Luật Khiếu nại Điều 11",
            confirmed=True,
            required=("reason",),
            labels={"reason": "Lý do không thụ lý (Điều 11 Luật Khiếu nại)"},
            build=_refuse_complaint,
            chairman=True,
        ),
        Letter(
            key="quyet-dinh-giai-quyet-khieu-nai",
            name="Quyết định giải quyết khiếu nại (lần đầu)",
            type_name="Quyết định",
            title="QUYẾT ĐỊNH",
            symbol="QĐ-UBND",
            kinds=frozenset({K.COMPLAINT}),
            statuses=frozenset({S.ACCEPTED, S.VERIFYING, S.RESOLVED}),
            form="Mẫu số 15-KN, Thông tư 07/2013/TT-TTCP; nội dung bắt buộc: Luật Khiếu nại Điều 31 khoản 2",
            confirmed=True,
            required=("respondent", "findings", "legal_basis", "conclusion", "measures"),
            optional=("compensation",),
            labels={
                "respondent": "Người bị khiếu nại",
                "legal_basis": "Căn cứ pháp luật để giải quyết (mỗi văn bản một dòng)",
                "measures": "Giữ nguyên, sửa đổi, bổ sung hoặc hủy bỏ quyết định, hành vi bị khiếu nại",
            },
            build=_decide_complaint,
            chairman=True,
        ),
        Letter(
            key="thu-ly-to-cao",
            name="Thông báo việc thụ lý tố cáo",
            type_name="Thông báo",
            title="THÔNG BÁO",
            symbol="TB-UBND",
            kinds=frozenset({K.DENUNCIATION}),
            statuses=frozenset({S.ACCEPTED, S.VERIFYING, S.SUSPENDED, S.RESOLVED}),
            form="Mẫu số 05, Nghị định 31/2019/NĐ-CP (Điều 9 khoản 2)",
            confirmed=True,
            required=(),
            build=_accept_denunciation,
            chairman=True,
        ),
        Letter(
            key="ket-luan-to-cao",
            name="Kết luận nội dung tố cáo",
            type_name="Kết luận",
            title="KẾT LUẬN",
            symbol="KL-UBND",
            kinds=frozenset({K.DENUNCIATION}),
            statuses=frozenset({S.VERIFYING, S.RESOLVED}),
            form="Mẫu số 12, Nghị định 31/2019/NĐ-CP (Điều 17); nội dung: Luật Tố cáo Điều 35 khoản 2",
            confirmed=True,
            required=("respondent", "findings", "legal_basis", "conclusion", "measures"),
            labels={
                "respondent": "Người bị tố cáo (họ tên, chức vụ)",
                "conclusion": "Kết luận: tố cáo đúng, đúng một phần hay sai sự thật; trách nhiệm",
                "measures": "Biện pháp xử lý theo thẩm quyền; kiến nghị",
            },
            build=_conclude_denunciation,
            chairman=True,
        ),
        Letter(
            key="ket-qua-phan-anh-kien-nghi",
            name="Thông báo kết quả giải quyết phản ánh, kiến nghị",
            type_name="Thông báo",
            title="THÔNG BÁO",
            symbol="TB-UBND",
            kinds=frozenset({K.FEEDBACK, K.RECOMMENDATION}),
            statuses=frozenset({S.RESOLVED, S.CLOSED}),
            form="Luật Tiếp công dân Điều 28 (không có mẫu quy định)",
            confirmed=False,
            required=(),
            optional=("reason",),
            labels={"reason": "Nội dung bổ sung (nếu có)"},
            build=_answer_feedback,
        ),
    )
}


def letters_for(petition: Petition) -> list[Letter]:
    """The letters this case may issue now (its kind and status)."""
    return [x for x in LETTERS.values() if petition.kind in x.kinds and petition.status in x.statuses]


def signature_lines(letter: Letter, deputy: bool) -> list[str]:
    """The Chairman signs decisions and notices in their own competence ("CHỦ TỊCH"); the Committee's
    letters are signed on its behalf ("TM. ỦY BAN NHÂN DÂN"). A Vice-Chairman signs "KT. CHỦ TỊCH"
    (ND 30/2020, Phụ lục I)."""
    if deputy:
        return (["KT. CHỦ TỊCH"] if letter.chairman else ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]) + [
            "PHÓ CHỦ TỊCH"
        ]
    return ["CHỦ TỊCH"] if letter.chairman else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
