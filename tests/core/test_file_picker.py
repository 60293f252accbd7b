"""Every file input of the portal and the workspace is the Vietnamese picker (core.forms.FilePicker):
"Chọn tệp" tied to the input by its label, "Chưa chọn tệp" until a file is chosen; the native control,
which speaks the phone's language, is only the fallback without script (tests/browser/test_file_picker.py)."""

import importlib
import pkgutil
import re
from pathlib import Path

from django import forms

import danvan
from danvan.core.forms import FilePicker, MultipleFilePicker
from danvan.petitions.forms import MultipleFileField


class _Upload(forms.Form):
    evidence = forms.FileField(label="Tệp minh chứng", widget=FilePicker(attrs={"accept": "image/*"}))
    photos = MultipleFileField(label="Ảnh", required=False)


def test_the_picker_is_a_vietnamese_label_tied_to_the_input():
    html = str(_Upload()["evidence"])
    assert re.search(r'<input type="file" name="evidence"[^>]* accept="image/\*"[^>]* id="id_evidence"', html)
    assert '<label for="id_evidence" class="button secondary file-picker-button">Chọn tệp</label>' in html
    assert 'aria-live="polite" data-empty="Chưa chọn tệp">Chưa chọn tệp</span>' in html


def test_several_files_in_one_picker_still_arrive_as_several():
    html = str(_Upload()["photos"])
    assert re.search(r'<input type="file" name="photos" multiple', html)
    form = _Upload(files=_files())
    assert form.is_valid(), form.errors
    assert [f.name for f in form.cleaned_data["photos"]] == ["a.png", "b.png"]


def _files():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils.datastructures import MultiValueDict

    def png(name):
        return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n", content_type="image/png")

    return MultiValueDict({"evidence": [png("e.png")], "photos": [png("a.png"), png("b.png")]})


def _all_forms():
    for info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if info.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(info.name)
    seen, todo = set(), [forms.Form]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [f for f in seen if f.__module__.startswith("danvan.")]


def test_every_file_field_of_the_projects_forms_is_the_picker():
    found = {
        f"{form.__module__}.{form.__name__}.{name}": type(field.widget).__name__
        for form in _all_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.FileField)
    }
    assert len(found) >= 15  # the plans, petitions, announcements, democracy … uploads
    assert {k: v for k, v in found.items() if v not in ("FilePicker", "MultipleFilePicker")} == {}
    assert issubclass(MultipleFilePicker, FilePicker)


def test_a_file_input_written_in_a_template_is_inside_a_picker():
    templates = [p for p in Path(danvan.__file__).parent.rglob("*.html") if "templates" in p.parts]
    bare = [
        f"{path.name}: {line.strip()[:80]}"
        for path in templates
        for line in path.read_text(encoding="utf-8").splitlines()
        if 'type="file"' in line and "web/_file_picker_button.html" not in line
    ]
    assert bare == []
