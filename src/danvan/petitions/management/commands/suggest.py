"""`danvan suggest --commune CODE`: field, unit and kind for each petition text on standard input.

Input: JSON lines `{"text": ...}` or plain lines. Output: one JSON line per input, from exactly the code
path a new petition takes (`petitions.suggestions.suggest`: the commune's model where it is in use, else
the keywords). Nothing is written to the database.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from danvan.geo.models import Commune
from danvan.petitions.suggestions import suggest


def _text_of(line: str) -> str:
    line = line.strip()
    if line.startswith("{"):
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommandError(f"dòng JSON không đọc được ({exc.msg}): {line[:60]}") from exc
        text = value.get("text") if isinstance(value, dict) else None
        if not isinstance(text, str):
            raise CommandError(f'dòng JSON thiếu trường "text" kiểu chuỗi: {line[:60]}')
        return text
    return line


class Command(BaseCommand):
    help = "Gợi ý lĩnh vực, đơn vị, loại đơn cho từng nội dung đơn đọc từ đầu vào chuẩn (mỗi dòng một đơn)."

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help="mã xã/phường (5 chữ số), ví dụ 24637")

    def handle(self, *args, commune, **options):
        found = Commune.objects.filter(code=commune).first()
        if found is None:
            raise CommandError(f"không có xã/phường mã {commune}")
        for line in sys.stdin:
            if not line.strip():
                continue
            text = _text_of(line)
            s = suggest(found, text)
            kind = s.kind
            reasons = [s.reason] if s.reason else []
            if kind and kind.reasons:
                reasons.append(f"loại đơn: {', '.join(kind.reasons)}")
            row = {
                "field": s.field.name if s.field else None,
                "field_top3": [f.name for f in s.alternatives],
                "unit": s.unit.name if s.unit else None,
                "kind": kind.label if kind else None,
                "confidence": s.confidence,
                "kind_confidence": kind.confidence if kind else None,
                "reason": [
                    s.reason,
                    *([f"loại đơn: {', '.join(kind.reasons)}"] if kind and kind.reasons else []),
                ],
                "source": s.source,
            }
            self.stdout.write(json.dumps(row, ensure_ascii=False))
