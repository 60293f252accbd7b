"""The demo commune's minority languages: K'Ho, Mạ, M'Nông, and a K'Ho version of the week's bulletin
and of one post, honestly marked as a placeholder for the commune's translator."""

from io import StringIO

import pytest
from django.core.management import call_command

from danvan.announcements.loudspeaker import espeak_path
from danvan.announcements.models import BulletinVersion, Language, PostVersion
from danvan.geo.models import Commune

pytestmark = pytest.mark.django_db


def test_the_demo_bulletin_has_a_kho_version_the_resident_can_switch_to(client):
    call_command("setup_demo", stdout=StringIO())
    call_command("setup_demo", stdout=StringIO())  # a second start adds nothing
    commune = Commune.objects.get(is_active=True)
    assert sorted(Language.objects.values_list("code", flat=True)) == ["cma", "cmo", "kpm"]
    version = BulletinVersion.objects.get()
    assert version.language.code == "kpm" and "[Bản mẫu" in version.text
    assert bool(version.audio) == bool(espeak_path())
    assert PostVersion.objects.count() == 1
    page = client.get(f"/xa/{commune.slug}/loa/{version.bulletin_id}/?ngon-ngu=kpm").content.decode()
    assert "Bản mẫu của bản trình diễn" in page and "Người dịch của xã (bản mẫu)" in page
    if version.audio:
        assert "<audio" in page
