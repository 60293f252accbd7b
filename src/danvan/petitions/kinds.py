"""Suggested kind of a petition (phản ánh, kiến nghị, khiếu nại, tố cáo) from its words: a hint only.

The kinds as the law defines them, which is what the cues below look for:
- khiếu nại (Luật Khiếu nại 2011, Điều 2(1)): a person asks to review an administrative decision or act
  that infringes their own rights ("khiếu nại", "quyết định … của UBND", "không đồng ý với quyết định");
- tố cáo (Luật Tố cáo 2018, Điều 2(1)): a person reports someone's violation of the law ("tố cáo",
  "sai phạm", "tham nhũng", "nhận hối lộ");
- kiến nghị, phản ánh (Luật Tiếp công dân 2013, Điều 2(2)): a citizen gives information, an opinion,
  a wish or a proposed solution ("đề nghị", "kiến nghị", "đề xuất"; "phản ánh", "tình trạng"). The law
  defines the two together; we call a text that asks for something a kiến nghị and one that only tells
  what happens a phản ánh.
The words a sender uses for the kind ("đơn khiếu nại") are strong cues but not proof: people call many
things a complaint. A text with cues of both a complaint and a denunciation is "several contents",
which the officer splits (tách đơn).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.petitions.keywords import is_typed_without_diacritics, keyword_matches, match_key

FEEDBACK, RECOMMENDATION, COMPLAINT, DENUNCIATION = "feedback", "recommendation", "complaint", "denunciation"
SEVERAL = "several"  # several contents of different kinds: to be split
LABELS = {
    FEEDBACK: "phản ánh",
    RECOMMENDATION: "kiến nghị",
    COMPLAINT: "khiếu nại",
    DENUNCIATION: "tố cáo",
    SEVERAL: "nhiều nội dung (cần tách đơn)",
}

# (cue, weight) per kind; our own list, matched like the field keywords.
CUES: dict[str, list[tuple[str, float]]] = {
    DENUNCIATION: [
        ("tố cáo", 6), ("đơn tố cáo", 6), ("tham nhũng", 3), ("tham ô", 3), ("nhận hối lộ", 3),
        ("hối lộ", 2), ("sai phạm", 2), ("làm sai", 1), ("lợi dụng chức vụ", 3), ("bao che", 2),
        ("chiếm đoạt", 2), ("biển thủ", 3), ("lạm quyền", 3), ("trục lợi", 2), ("vòi tiền", 3),
        ("ăn chặn", 3), ("cố tình vi phạm", 2),
    ],
    COMPLAINT: [
        ("khiếu nại", 6), ("đơn khiếu nại", 6), ("không đồng ý với quyết định", 4),
        ("quyết định hành chính", 3), ("hành vi hành chính", 3), ("xem xét lại quyết định", 4),
        ("hủy quyết định", 3), ("thu hồi đất của gia đình", 3), ("đất của gia đình", 1),
        ("bồi thường không thỏa đáng", 3), ("bồi thường, hỗ trợ bổ sung", 3), ("còn thiếu", 1),
        ("quyền lợi hợp pháp của gia đình", 2), ("quyết định giải quyết", 2), ("cấp giấy chứng nhận cho", 1),
        ("trên diện tích đất của", 2),
    ],
    RECOMMENDATION: [
        ("kiến nghị", 3), ("đề nghị", 3), ("đề xuất", 3), ("mong muốn", 2), ("mong", 1),
        ("cần", 1), ("xem xét", 1), ("sớm", 1), ("đầu tư", 1), ("hỗ trợ", 1), ("nâng cấp", 1),
        ("có giải pháp", 2), ("quan tâm", 1), ("nghiên cứu", 1), ("tiếp tục", 1), ("đẩy nhanh", 2),
        ("kính đề nghị", 3), ("cử tri", 2),
    ],
    FEEDBACK: [
        ("phản ánh", 3), ("tình trạng", 2), ("hiện nay", 1), ("hiện tại", 1), ("bị hư hỏng", 2),
        ("chưa đáp ứng", 2), ("bất cập", 2), ("gây", 1), ("không ổn định", 2), ("thường xuyên", 1),
        ("nhiều lần", 1), ("xuống cấp", 1), ("chưa được xử lý", 2), ("báo tin", 2),
    ],
}  # fmt: skip

# Words that only describe the sender's earlier steps, not this text's kind ("đã nhiều lần phản ánh").
_REPORTED_BEFORE = re.compile(
    r"\b(?:đã|từng|nhiều lần)\s+(?:\w+\s+){0,2}(?:phản ánh|kiến nghị)", re.IGNORECASE
)


@dataclass
class KindSuggestion:
    kind: str
    confidence: float
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def suggest_kind(text: str) -> KindSuggestion:
    """The most likely kind with a 0..1 confidence and the words that decided it."""
    folded = is_typed_without_diacritics(text)
    key = match_key(_REPORTED_BEFORE.sub(" ", text), folded)
    scores: dict[str, float] = {}
    words: dict[str, list[str]] = {}
    for kind, cues in CUES.items():
        for cue, weight in cues:
            if keyword_matches(cue, key, folded):
                scores[kind] = scores.get(kind, 0) + weight
                words.setdefault(kind, []).append(cue)
    strong = {k: scores.get(k, 0) for k in (COMPLAINT, DENUNCIATION)}
    if strong[COMPLAINT] >= 6 and strong[DENUNCIATION] >= 6:
        reasons = words[COMPLAINT][:2] + words[DENUNCIATION][:2]
        return KindSuggestion(SEVERAL, 0.6, reasons)
    if not scores:
        # Nothing asked, nothing alleged: a citizen telling what happens is a phản ánh.
        return KindSuggestion(FEEDBACK, 0.3, [])
    # A complaint or denunciation needs its own cues; a request that merely mentions a decision stays
    # a kiến nghị. Denunciation cues are rarer and weigh more than requests.
    order = sorted(scores, key=lambda k: -(scores[k] * (1.4 if k in strong else 1)))
    best = order[0]
    total = sum(scores.values())
    share = scores[best] / total
    conf = round(min(1.0, share * min(1.0, scores[best] / 4) + 0.15), 2)
    return KindSuggestion(best, conf, words[best][:4])
