"""`danvan rebuild_aggregates [--commune CODE ...]`: recompute the petition tallies from the petitions.

Idempotent: the tallies afterwards are exactly what the petitions say, whatever they held before. Run it
after loading petitions with the database's triggers off (a bulk COPY under
`session_replication_role = replica`); in normal use the triggers keep the tallies right and this
changes nothing. One DELETE and one set-based INSERT…SELECT (`petitions.tallies.tallies_rebuild`).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from danvan.geo.models import Commune
from danvan.petitions.tallies import tallies_rebuild


class Command(BaseCommand):
    help = "Tính lại số liệu đơn thư cộng dồn (thống kê công khai, số liệu báo cáo) từ dữ liệu đơn thư."

    def add_arguments(self, parser):
        parser.add_argument(
            "--commune",
            action="append",
            metavar="CODE",
            help="mã xã/phường (5 chữ số); lặp lại để tính nhiều xã; bỏ trống: mọi xã",
        )

    def handle(self, *args, commune=None, **options):
        codes = None
        if commune:
            codes = sorted(set(commune))
            found = set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
            unknown = [c for c in codes if c not in found]
            if unknown:
                raise CommandError(f"không có xã/phường mã {', '.join(unknown)}")
        started = time.perf_counter()
        rows = tallies_rebuild(communes=codes)
        where = f"{len(codes)} xã" if codes else "mọi xã"
        self.stdout.write(
            f"Đã tính lại số liệu đơn thư ({where}): {rows} dòng, {time.perf_counter() - started:.1f} giây."
        )
