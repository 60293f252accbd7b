"""The suggested kind of a petition, on our own short texts."""

from __future__ import annotations

import pytest

from danvan.petitions.kinds import SEVERAL, suggest_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tôi khiếu nại Quyết định thu hồi đất của UBND xã vì bồi thường không thỏa đáng.", "complaint"),
        ("Tố cáo cán bộ địa chính nhận hối lộ khi làm sổ đỏ.", "denunciation"),
        ("Cử tri thôn 2 đề nghị nâng cấp đường liên thôn.", "recommendation"),
        ("Hiện nay tình trạng xe tải chở đất làm rơi vãi trên đường.", "feedback"),
        ("Đường vào thôn bị sạt lở.", "feedback"),
        ("Duong vao thon bi sat lo, de nghi sua gap.", "recommendation"),
    ],
)
def test_the_kind_follows_the_words_the_law_uses(text, kind):
    assert suggest_kind(text).kind == kind


def test_a_text_that_complains_and_denounces_is_several_contents():
    found = suggest_kind("Tôi khiếu nại quyết định xử phạt và tố cáo ông Chủ tịch xã bao che sai phạm.")
    assert found.kind == SEVERAL and "nhiều nội dung" in found.label


def test_having_reported_before_does_not_make_a_text_a_phan_anh():
    found = suggest_kind("Xóm tôi đã nhiều lần phản ánh. Đề nghị xã xử lý dứt điểm.")
    assert found.kind == "recommendation"


def test_the_reasons_are_the_words_that_decided():
    found = suggest_kind("Tố cáo ông A tham ô tiền hỗ trợ.")
    assert found.kind == "denunciation" and "tố cáo" in found.reasons and found.confidence >= 0.5
