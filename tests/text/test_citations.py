"""Legal citations: numbers as written, dates, issuers, laws without numbers, one entry per document."""

from danvan.text.citations import extract_citations


def _by_number(text: str) -> dict:
    return {c["number"]: c for c in extract_citations(text)}


def test_decree_with_date_issuer_and_title():
    found = extract_citations(
        "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết một số điều;"
    )
    assert found == [
        {
            "type": "Nghị định",
            "number": "59/2023/NĐ-CP",
            "date": "2023-08-14",
            "issuer": "Chính phủ",
            "title": "quy định chi tiết một số điều",
        }
    ]


def test_party_document_numbers_keep_their_form():
    cites = _by_number(
        "Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư; Quyết định số 217-QĐ/TW ngày 12/12/2013 "
        "của Bộ Chính trị khóa XI về việc ban hành Quy chế giám sát; Kế hoạch số 06/KH-UBND ngày 13/01/2026."
    )
    assert cites["43-KL/TW"]["type"] == "Kết luận"
    assert cites["43-KL/TW"]["date"] == "2019-01-07"
    assert cites["217-QĐ/TW"]["issuer"] == "Bộ Chính trị"
    assert cites["217-QĐ/TW"]["title"].startswith("về việc ban hành Quy chế")
    assert cites["06/KH-UBND"]["type"] == "Kế hoạch"


def test_space_before_dash_is_removed_from_the_number():
    assert "114-KL/TW" in _by_number("Kết luận số 114 -KL/TW ngày 14/7/2015 của Ban Bí thư")


def test_law_with_and_without_number():
    cites = extract_citations(
        "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15; Luật Tiếp cận thông tin; "
        "Luật Thực hiện dân chủ ở cơ sở năm 2022."
    )
    assert [(c["type"], c["number"], c["title"]) for c in cites] == [
        ("Luật", "10/2022/QH15", "Luật Thực hiện dân chủ ở cơ sở"),
        ("Luật", None, "Luật Tiếp cận thông tin"),
    ]


def test_amending_law_is_one_citation():
    cites = extract_citations(
        "Luật sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam, Luật Công đoàn và "
        "Luật Thanh niên số 97/2025/QH15; Nghị định số 61/2023/NĐ-CP."
    )
    assert [c["number"] for c in cites] == ["97/2025/QH15", "61/2023/NĐ-CP"]
    assert cites[0]["title"].startswith("Luật sửa đổi, bổ sung")


def test_each_document_once_with_details_from_any_mention():
    cites = extract_citations(
        "Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ; sau đó Chỉ thị số 33/CT-TTg ngày 26/11/2021 nêu rõ."
    )
    assert len(cites) == 1
    assert cites[0]["date"] == "2021-11-26"


def test_plain_words_are_not_citations():
    assert extract_citations("Các cơ quan xây dựng kế hoạch thực hiện theo quy định của pháp luật.") == []
    assert extract_citations("Kế hoạch này thực hiện trong năm 2026.") == []


def test_uppercase_title_citation():
    cites = extract_citations("TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP NGÀY 23/7/2025")
    assert cites[0]["type"] == "Nghị quyết" and cites[0]["number"] == "214/NQ-CP"
