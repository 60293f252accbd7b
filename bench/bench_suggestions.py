"""Petition suggestions (issue 19): field, kind and the learning curve, on real labelled petitions.

Run from the repository root (no database needed: the scorer and the model are plain functions; the
keywords are the starting list of `petitions.catalogue`, as a new commune has them):
    .venv/bin/python bench/bench_suggestions.py [--json]
Reads `../shared/samples/petitions/petitions.jsonl` (real petitions from public pages, labelled with a
neutral field vocabulary) and maps each label to the product's field(s); never copies their text.
Reports: field top-1 / top-3 accuracy of the keywords (a new commune's first day), kind accuracy, the
baseline "most frequent field", the learning curve of the commune's model and of the combined
suggestion (model + keywords) trained on 25/50/75 % of the cases (5 random splits), and the time a
suggestion takes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SAMPLES = ROOT.parent / "shared" / "samples" / "petitions" / "petitions.jsonl"

# The samples' neutral labels -> the product's national fields (any of them counts as right).
FIELD_MAP = {
    "giao thông": {"Giao thông, hạ tầng"},
    "hạ tầng điện nước": {"Giao thông, hạ tầng"},
    "đất đai": {"Đất đai"},
    "môi trường": {"Môi trường"},
    "xây dựng - đô thị": {"Xây dựng, trật tự đô thị"},
    "giáo dục": {"Giáo dục"},
    "y tế": {"Y tế"},
    "chính sách xã hội": {"Chính sách xã hội"},
    "nông nghiệp": {"Nông nghiệp, thủy lợi"},
    "an ninh trật tự": {"An ninh, trật tự"},
    "hành chính - cán bộ": {
        "Thủ tục hành chính",
        "Tổ chức bộ máy, chế độ cán bộ",
        "Thái độ, trách nhiệm của cán bộ",
    },
    "văn hóa - tôn giáo": {"Văn hóa, thông tin, tôn giáo"},
    "khác": {"Khác"},
}
KIND_MAP = {
    "phản ánh": "feedback",
    "kiến nghị": "recommendation",
    "khiếu nại": "complaint",
    "tố cáo": "denunciation",
}


def load() -> list[dict]:
    return [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print each miss (label and answer, no text)")
    args = parser.parse_args()
    if not SAMPLES.exists():
        print(f"bỏ qua: không có {SAMPLES}")
        return
    import os
    import tempfile

    # Django is set up only to import the duplicates module; no database is opened.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("DANVAN_DATA_DIR", tempfile.mkdtemp(prefix="bench-suggest-"))
    import django

    django.setup()
    from danvan.petitions import catalogue, learning
    from danvan.petitions.keywords import KeywordEntry, confidence, score_fields
    from danvan.petitions.kinds import suggest_kind

    names = [name for name, _order in catalogue.FIELDS]
    ids = {name: i for i, name in enumerate(names)}
    entries = [
        KeywordEntry(ids[name], word, weight, unit)
        for name in names
        for word, weight, unit in catalogue.keyword_rows(name)
    ]
    rows = load()
    right = [{ids[n] for n in FIELD_MAP[r["field"]]} for r in rows]
    out: dict = {"cases": len(rows)}

    # A new commune's first day: keywords only.
    top1 = top3 = kind_ok = 0
    confs_right, confs_wrong, times = [], [], []
    misses = []
    for i, row in enumerate(rows):
        start = time.perf_counter()
        ranked = score_fields(row["text"], entries)
        kind = suggest_kind(row["text"])
        times.append(time.perf_counter() - start)
        answer = [r.field_id for r in ranked]
        ok = bool(answer) and answer[0] in right[i]
        top1 += ok
        top3 += bool(set(answer[:3]) & right[i])
        (confs_right if ok else confs_wrong).append(confidence(ranked))
        kind_ok += kind.kind == KIND_MAP[row["kind"]]
        if not ok or kind.kind != KIND_MAP[row["kind"]]:
            misses.append((i, row["field"], names[answer[0]] if answer else None, row["kind"], kind.kind))
    n = len(rows)
    most = Counter(min(r) for r in right).most_common(1)[0][1]
    threshold = 0.3  # petitions.rules.SUGGESTION_MIN_CONFIDENCE (not imported: no settings needed here)
    prefilled = [c for c in confs_right if c >= threshold], [c for c in confs_wrong if c >= threshold]
    out["keywords"] = {
        "prefilled_share": (len(prefilled[0]) + len(prefilled[1])) / n,
        "prefilled_right": len(prefilled[0]) / max(1, len(prefilled[0]) + len(prefilled[1])),
        "field_top1": top1 / n,
        "field_top3": top3 / n,
        "kind": kind_ok / n,
        "baseline_most_frequent_field": most / n,
        "median_confidence_right": statistics.median(confs_right) if confs_right else None,
        "median_confidence_wrong": statistics.median(confs_wrong) if confs_wrong else None,
        "ms_per_suggestion_median": 1000 * statistics.median(times),
        "ms_per_suggestion_max": 1000 * max(times),
    }

    # Learning curve: the commune's model alone, and combined with the keywords as the product does.
    curve = {}
    for share in (0.25, 0.5, 0.75):
        model_acc, combined_acc, kw_acc = [], [], []
        for seed in range(5):
            order = list(range(n))
            random.Random(seed).shuffle(order)
            cut = int(n * share)
            train, test = order[:cut], order[cut:]
            labels = [min(right[i]) for i in train]
            if len(set(labels)) < 2:
                continue
            model = learning.pipeline().fit([rows[i]["text"] for i in train], labels)
            m_ok = c_ok = k_ok = 0
            for i in test:
                probs = learning.probabilities(model, rows[i]["text"])
                ranked = score_fields(rows[i]["text"], entries)
                total = sum(r.score for r in ranked) or 1.0
                kw = {r.field_id: r.score / total for r in ranked}
                w = 0.6 if ranked else 1.0
                combined = {f: w * probs.get(f, 0) + (1 - w) * kw.get(f, 0) for f in set(probs) | set(kw)}
                m_ok += max(probs, key=probs.get) in right[i]
                c_ok += max(combined, key=combined.get) in right[i]
                k_ok += bool(ranked) and ranked[0].field_id in right[i]
            model_acc.append(m_ok / len(test))
            combined_acc.append(c_ok / len(test))
            kw_acc.append(k_ok / len(test))
        curve[f"{int(share * 100)}%"] = {
            "model_mean": statistics.mean(model_acc),
            "model_sd": statistics.pstdev(model_acc),
            "combined_mean": statistics.mean(combined_acc),
            "combined_sd": statistics.pstdev(combined_acc),
            "keywords_mean": statistics.mean(kw_acc),
        }
    out["learning_curve"] = curve

    # Duplicates, scored with the same reading (`petitions.duplicates.similarity`). No labelled pairs
    # exist, so two proxies: each petition against itself retyped without diacritics and with its
    # second half cut (the same case sent again in a hurry), which should reach the threshold; and
    # every pair of different petitions, which should not.
    from danvan.petitions.duplicates import similarity
    from danvan.text.normalize import strip_accents

    threshold = 0.35  # petitions.rules.DUPLICATE_MIN_SIMILARITY
    same = []
    for row in rows:
        words_ = row["text"].split()
        retyped = strip_accents(" ".join(words_[: max(8, len(words_) * 2 // 3)]))
        same.append(similarity(row["text"], retyped))
    different = [similarity(rows[i]["text"], rows[j]["text"]) for i in range(n) for j in range(i + 1, n)]
    out["duplicates"] = {
        "retyped_found": sum(s >= threshold for s in same) / n,
        "different_pairs": len(different),
        "different_flagged": sum(s >= threshold for s in different) / len(different),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        k = out["keywords"]
        print(f"{n} labelled petitions")
        print(
            f"keywords: field top-1 {k['field_top1']:.0%}, top-3 {k['field_top3']:.0%}, "
            f"kind {k['kind']:.0%}; "
            f"most-frequent-field baseline {k['baseline_most_frequent_field']:.0%}"
        )
        print(
            f"pre-filled (confidence >= 0.3): {k['prefilled_share']:.0%} of cases, "
            f"right {k['prefilled_right']:.0%} of those"
        )
        print(
            f"confidence median right {k['median_confidence_right']}, wrong {k['median_confidence_wrong']}; "
            f"{k['ms_per_suggestion_median']:.2f} ms median, {k['ms_per_suggestion_max']:.2f} ms max"
        )
        for share, c in curve.items():
            print(
                f"trained on {share}: model {c['model_mean']:.0%} ± {c['model_sd']:.0%}, "
                f"model+keywords {c['combined_mean']:.0%} ± {c['combined_sd']:.0%}, "
                f"keywords {c['keywords_mean']:.0%} (same test cases)"
            )
        d = out["duplicates"]
        print(
            f"duplicates: the same case retyped without diacritics found {d['retyped_found']:.0%}; "
            f"{d['different_pairs']} pairs of different cases flagged {d['different_flagged']:.1%}"
        )
    if args.verbose:
        for miss in misses:
            print("miss", miss)


if __name__ == "__main__":
    main()
