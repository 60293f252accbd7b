"""Field and unit suggestions: from the keyword list first, then from the commune's own model."""

from __future__ import annotations

import random

import pytest
from django.test import override_settings

from danvan.org.models import Unit
from danvan.petitions import suggestions, tasks
from danvan.petitions.models import Field, FieldKeyword, Petition, PetitionSuggestion, SuggestionModel
from tests.petitions.conftest import classify, submit

pytestmark = pytest.mark.django_db


def suggested(petition: Petition) -> Petition:
    """What the worker does after intake commits (`tasks.suggest_for_petition`): the suggestion stored."""
    tasks.suggest_for_petition.call(petition.pk)
    return petition


def test_the_keyword_list_is_seeded_for_the_national_fields():
    assert FieldKeyword.objects.filter(field__name="Đất đai", keyword="sổ đỏ").exists()
    assert FieldKeyword.objects.values("field").distinct().count() >= 9


def test_a_new_petition_gets_a_keyword_suggestion(commune, people):
    no_accents = "Đuong vao thon bi SAT LO, xe khong di duoc."
    p = suggested(submit(commune, "feedback", content=no_accents))
    s = PetitionSuggestion.objects.get(petition=p)
    assert s.source == "keywords" and s.field.name == "Giao thông, hạ tầng"
    assert s.unit.name == "Phòng Kinh tế" and "sạt lở" in s.reason


def test_without_a_keyword_no_field_is_suggested_but_the_kind_is(commune, people):
    p = suggested(submit(commune, "feedback", content="Xin gửi lời cảm ơn."))
    s = PetitionSuggestion.objects.get(petition=p)
    assert s.field is None and s.unit is None and s.alternatives == []
    assert s.kind == "feedback"


def test_a_keyword_edited_away_in_the_admin_no_longer_counts(commune, people):
    text = "Đường vào thôn có nhiều ổ gà."
    assert suggestions.suggest(commune, text).field.name == "Giao thông, hạ tầng"
    FieldKeyword.objects.filter(field__name="Giao thông, hạ tầng").delete()
    assert suggestions.suggest(commune, text).field is None


def test_below_the_confidence_threshold_nothing_is_prefilled_and_the_likely_fields_are_named(commune, people):
    # "cán bộ" alone is listed under two fields: it decides neither.
    found = suggestions.suggest(commune, "Gặp cán bộ xã để hỏi.")
    assert found.field is None
    assert "chưa đủ căn cứ" in found.reason
    assert {f.name for f in found.alternatives} >= {"Thái độ, trách nhiệm của cán bộ"}


def test_a_clear_text_is_suggested_with_its_confidence_reasons_and_kind(commune, people):
    text = "Tố cáo cán bộ xã nhận hối lộ khi xét hộ nghèo, hộ cận nghèo."
    p = suggested(submit(commune, "feedback", content=text))
    s = PetitionSuggestion.objects.get(petition=p)
    assert s.field.name == "Chính sách xã hội" and s.confidence >= 0.3
    assert "hộ nghèo" in s.reason
    assert s.kind == "denunciation" and "tố cáo" in s.kind_reason


def test_classifying_records_whether_the_suggestion_was_kept(commune, people, unit):
    traffic = Field.objects.get(commune=None, name="Giao thông, hạ tầng")
    land = Field.objects.get(commune=None, name="Đất đai")
    kept = classify(suggested(submit(commune, "feedback")), people, unit, "feedback", field=traffic)
    changed = classify(suggested(submit(commune, "feedback")), people, unit, "feedback", field=land)
    assert PetitionSuggestion.objects.get(petition=kept).field_accepted is True
    assert PetitionSuggestion.objects.get(petition=kept).unit_accepted is True
    assert PetitionSuggestion.objects.get(petition=changed).field_accepted is False


def test_the_classify_form_is_prefilled_and_marked_as_a_suggestion(client, commune, people):
    p = suggested(submit(commune, "feedback"))
    client.force_login(people.coordinator)
    html = client.get(f"/lam-viec/{commune.code}/don-thu/{p.pk}/").content.decode()
    traffic = Field.objects.get(commune=None, name="Giao thông, hạ tầng")
    assert "gợi ý" in html
    assert f'<option value="{traffic.pk}" selected>' in html


def test_an_unclassified_case_names_the_suggestion_beside_its_empty_field_and_unit(client, commune, people):
    """The suggestion sits in the folded "Phân loại đơn" panel; the case's facts say it too, so the officer
    opening the case sees "Chưa xác định – gợi ý: …" rather than nothing."""
    p = suggested(submit(commune, "feedback", content="Đường liên thôn có nhiều ổ gà, đề nghị sửa chữa."))
    client.force_login(people.coordinator)
    html = client.get(f"/lam-viec/{commune.code}/don-thu/{p.pk}/").content.decode()
    assert 'Chưa xác định <span class="muted">– gợi ý: Giao thông, hạ tầng (độ tin cậy' in html
    assert 'Chưa giao <span class="muted">– gợi ý: Phòng Kinh tế</span>' in html


# Synthetic history: each field has its own words, none of them in the keyword list.
TOPICS = {
    "Đất đai": ("Phòng Kinh tế", ["góc vườn", "lối đi chung", "ông hàng xóm", "dời cọc", "bờ rào"]),
    "Y tế": ("Phòng Văn hóa – Xã hội", ["sốt cao", "ho nhiều", "cô hộ sinh", "đau bụng", "xe cấp cứu"]),
    "An ninh, trật tự": ("Công an xã", ["thanh niên", "nửa đêm", "la hét", "cầm gậy", "đập phá"]),
}


def _history(commune, people, n_per_field: int, seed: int = 1):
    rng = random.Random(seed)
    for name, (unit_name, words) in TOPICS.items():
        field = Field.objects.get(commune=None, name=name)
        unit = Unit.objects.get(commune=commune, name=unit_name)
        for _ in range(n_per_field):
            text = "Phản ánh: " + ", ".join(rng.sample(words, 3)) + "."
            classify(submit(commune, "feedback", content=text), people, unit, "feedback", field=field)


@override_settings(DANVAN_HOTSPOT_MIN_PETITIONS=10_000)
def test_the_model_is_trained_on_the_communes_history_and_then_suggests(commune, people):
    assert suggestions.train(commune) is None  # too few cases yet
    _history(commune, people, 20)  # 60 cases >= SUGGESTION_MODEL_MIN_CASES
    model = suggestions.train(commune)
    assert model.cases == 60 and model.tested == 12  # 20% held back
    assert model.field_accuracy >= 0.9 and model.unit_accuracy >= 0.9
    # The keywords know none of these words: the model beat them on the same held-back cases.
    assert model.keyword_accuracy < model.field_accuracy and model.in_use
    p = suggested(submit(commune, "feedback", content="Tối qua có nhóm thanh niên tụ tập la hét nửa đêm."))
    s = PetitionSuggestion.objects.get(petition=p)
    assert s.source == "model" and s.field.name == "An ninh, trật tự" and s.unit.name == "Công an xã"


def test_training_is_enqueued_once_the_commune_has_enough_cases(commune, people, monkeypatch):
    calls = []

    def enqueue(task, *args):
        if task == suggestions.TRAIN_TASK:  # not each new petition's own suggestion job
            calls.append(args)

    monkeypatch.setattr(suggestions, "enqueue_on_commit", enqueue)
    _history(commune, people, 16)  # 48 cases: not yet
    assert calls == []
    _history(commune, people, 1, seed=2)  # 51
    assert calls and calls[-1] == (commune.pk,)


def test_the_admin_shows_the_accuracy(admin_client, commune, people):
    _history(commune, people, 20)
    suggestions.train(commune)
    html = admin_client.get("/quan-tri/petitions/suggestionmodel/").content.decode()
    assert "chính xác lĩnh vực" in html and "%" in html
    assert "chính xác của từ khóa" in html and "dùng (đúng hơn từ khóa)" in html
    assert SuggestionModel.objects.count() == 1
    assert Petition.objects.filter(commune=commune).count() == 60


def test_fields_and_keywords_come_back_into_an_emptied_database_and_edits_are_kept():
    from danvan.petitions.catalogue import FIELDS, ensure_reference_data

    FieldKeyword.objects.filter(keyword="sổ đỏ").delete()  # an administrator's edit...
    ensure_reference_data(sender=None)
    assert not FieldKeyword.objects.filter(keyword="sổ đỏ").exists()  # ...survives the next migrate

    FieldKeyword.objects.all().delete()  # what `flush` does
    Field.objects.all().delete()
    ensure_reference_data(sender=None)
    assert Field.objects.filter(commune__isnull=True).count() == len(FIELDS)
    assert FieldKeyword.objects.filter(field__name="Đất đai", keyword="sổ đỏ").exists()


# --- matching that respects Vietnamese (our own short texts) ----------------------------------------


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("cắp", "Xin cấp lại giấy chứng nhận."),
        ("cống", "Đề nghị công khai danh sách."),
        ("thuốc", "Thửa đất thuộc thôn 3."),
        ("xả thải", "Người dân xã Thái Hòa đề nghị."),
        ("tiêm", "Tiệm tạp hóa mở cửa đến khuya."),
    ],
)
def test_a_keyword_with_diacritics_does_not_match_a_different_word(keyword, text):
    folded = suggestions.is_typed_without_diacritics(text)
    assert not folded
    assert not suggestions.keyword_matches(keyword, suggestions.match_key(text, folded), folded)


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("cắp", "Nhà tôi bị trộm cắp xe máy."),
        ("xả thải", "Cơ sở XẢ THẢI ra kênh."),
        ("ổ gà", "Đường có nhiều ổ gà."),
        ("ổ gà", "Duong co nhieu o ga."),
        ("xả thải", "co so xa thai ra kenh"),
    ],
)
def test_a_keyword_matches_its_own_word_with_or_without_diacritics(keyword, text):
    folded = suggestions.is_typed_without_diacritics(text)
    assert suggestions.keyword_matches(keyword, suggestions.match_key(text, folded), folded)


def test_a_keyword_matches_whole_syllables_only():
    text = "Đề nghị cấp điện cho khu dân cư."  # "cư" holds "c", "dân cư" is not "cư trú"
    assert not suggestions.keyword_matches("cư trú", suggestions.match_key(text, False), False)
    assert not suggestions.keyword_matches("rác", suggestions.match_key("Dọn dẹp rạch nước.", False), False)
    assert suggestions.keyword_matches("điện", suggestions.match_key(text, False), False)


def test_text_typed_without_diacritics_is_told_apart_from_text_with_them():
    assert suggestions.is_typed_without_diacritics("Duong vao thon bi sat lo")
    assert suggestions.is_typed_without_diacritics("Đuong vao thon bi sat lo, xe khong di duoc")
    assert not suggestions.is_typed_without_diacritics("Đường vào thôn bị sạt lở")


def test_an_accented_text_is_not_given_a_field_by_a_look_alike_word(commune, people):
    # "cấp" (issue) is not "cắp" (theft): no security suggestion for a certificate request.
    found = suggestions.keyword_suggestion(commune, "Xin cấp bản sao giấy khai sinh cho con.")
    assert found.field.name == "Thủ tục hành chính" and "cắp" not in found.matched
    found = suggestions.keyword_suggestion(commune, "Người dân xã Thái Hòa cảm ơn.")
    assert found.field is None


@override_settings(DANVAN_HOTSPOT_MIN_PETITIONS=10_000)
def test_a_model_that_does_not_beat_the_keywords_is_not_used(commune, people):
    # A history whose words are the keywords' own: the model is no better than them, so it stays off.
    road = Field.objects.get(commune=None, name="Giao thông, hạ tầng")
    health = Field.objects.get(commune=None, name="Y tế")
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    for i in range(30):
        classify(
            submit(commune, "feedback", content=f"Đường thôn {i} có ổ gà."),
            people,
            unit,
            "feedback",
            field=road,
        )
        classify(
            submit(commune, "feedback", content=f"Trạm y tế số {i} thiếu bác sĩ."),
            people,
            unit,
            "feedback",
            field=health,
        )
    model = suggestions.train(commune)
    assert model.keyword_accuracy == 1.0 and not model.in_use
    p = suggested(submit(commune, "feedback", content="Trạm y tế thiếu thuốc."))
    assert PetitionSuggestion.objects.get(petition=p).source == "keywords"


def test_the_classify_page_shows_confidence_reasons_and_the_kind(client, commune, people):
    p = suggested(submit(commune, "feedback", content="Đường liên thôn có nhiều ổ gà, đề nghị sửa chữa."))
    client.force_login(people.coordinator)
    html = client.get(f"/lam-viec/{commune.code}/don-thu/{p.pk}/").content.decode()
    assert "độ tin cậy" in html and "“ổ gà”" in html
    assert "Loại đơn: <strong>kiến nghị</strong>" in html


def test_the_suggest_command_reads_lines_and_prints_json(commune, people, capsys, monkeypatch):
    import io
    import json

    from django.core.management import call_command

    lines = '{"text": "Trạm y tế thiếu bác sĩ."}\nDuong vao thon nhieu o ga\n\n'
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    call_command("suggest", "--commune", commune.code)
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["field"] for o in out] == ["Y tế", "Giao thông, hạ tầng"]
    assert out[0]["unit"] == "Phòng Văn hóa – Xã hội" and out[0]["kind"] == "phản ánh"
    assert 0 < out[0]["confidence"] <= 1 and out[0]["field_top3"][0] == "Y tế" and out[0]["reason"]


def test_the_suggest_command_refuses_an_unknown_commune_and_a_bad_line(commune, monkeypatch):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không có xã"):
        call_command("suggest", "--commune", "99999")
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": 5}\n'))
    with pytest.raises(CommandError, match="text"):
        call_command("suggest", "--commune", commune.code)
