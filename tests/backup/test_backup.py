"""Backup, restore and move of one institution: a full round trip across databases, and every refusal."""

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from samverka.backup.archive import FORMAT, FORMAT_VERSION, MANIFEST
from samverka.backup.contents import LEFT_OUT, archived_kinds, label
from samverka.core.models import Institution
from samverka.search.models import SearchEntry
from samverka.search.registry import searchable_kinds
from tests import factories as f

SOURCE_EXTRAS = """
import datetime, decimal
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from samverka.access.models import Invitation, token_digest
from samverka.activities.models import Activity
from samverka.core.audit import record_event
from samverka.core.models import Institution
from samverka.directory.models import Organisation, Person, Unit
from samverka.partnerships.models import Agreement, PartnershipCriterion

umu = Institution.objects.get(slug="umu")
User = get_user_model()
author = User.objects.create_user("extern", email="extern@example.org", password="not-a-member")
samordnare = User.objects.get(username="samordnare")
samordnare.email = "samordnare@umu.example"
samordnare.save()
# A tree whose child was made before its parent (a lower id pointing at a higher one).
department = Unit.objects.create(
    institution=umu, kind="department", created_by=author,
    name_sv="Institutionen för datavetenskap", name_en="Department of Computing Science",
)
faculty = Unit.objects.create(
    institution=umu, kind="faculty", name_sv="Teknisk-naturvetenskaplig fakultet", name_en="Science"
)
department.parent = faculty
department.save()
organisations = list(Organisation.objects.filter(institution=umu).order_by("pk"))
organisations[0].parent = organisations[-1]
organisations[0].save()
person = Person.objects.filter(institution=umu, side="university").first() or Person.objects.first()
person.unit = department
person.save()
agreement = Agreement.objects.filter(institution=umu).order_by("pk").first()
agreement.signed_file.save("avtal.pdf", ContentFile(b"%PDF-1.4 signed by both parties\\n"), save=True)
agreement.signatories.add(person)
activities = list(Activity.objects.filter(institution=umu).order_by("pk"))
activities[0].parent = activities[-1]
activities[0].funding_sek = decimal.Decimal("1250000")
activities[0].student_count = 12
activities[0].save()
activities[1].units.add(department)
activities[1].people.add(person)
PartnershipCriterion.objects.create(
    institution=umu, partnership=agreement.partnership, criterion="benefit", status="met", comment="Båda."
)
Invitation.objects.create(
    institution=umu, partnership=agreement.partnership, organisation=organisations[0],
    email="inbjuden@example.org", token_digest=token_digest("a secret link"),
    expires_at=timezone.now() + datetime.timedelta(days=3), created_by=samordnare,
)
record_event(
    institution=umu, actor=author, action="partnerships.agreement.updated", obj=agreement,
    changes={"signed_file": {"before": None, "after": agreement.signed_file.name}},
)
gone = Activity.objects.create(institution=umu, type=activities[0].type, title_sv="Inställd", title_en="Off")
record_event(institution=umu, actor=samordnare, action="activities.activity.deleted", obj=gone)
gone.delete()
record_event(
    institution=umu, actor=samordnare, action="auth.user.logged_in", obj=samordnare, ip_address="192.0.2.1"
)
"""


# One worker runs the whole module: its installations (migrate, demo, export, each a subprocess)
# are built once per worker, and would be built twice if both workers took some of its tests.
pytestmark = pytest.mark.xdist_group("backup")


def installation_env(root: Path) -> dict:
    """The environment of a separate SQLite installation under ``root``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{root / 'samverka.sqlite3'}",
        "SAMVERKA_DATA_DIR": str(root),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "SAMVERKA_MEDIA_DIR", "REDIS_URL"):
        env.pop(name, None)
    return env


def samverka(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "samverka", *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# Session-scoped: pytest-django runs a module's transactional tests after the others, and xdist
# interleaves them with other modules' tests, so a module fixture was built again four times.
@pytest.fixture(scope="session")
def empty_installation(tmp_path_factory):
    """A migrated, empty SQLite installation, copied for each installation a test needs."""
    root = tmp_path_factory.mktemp("empty")
    samverka(installation_env(root), "migrate", "--noinput", "-v0")
    return root / "samverka.sqlite3"


def new_installation(empty: Path, root: Path) -> dict:
    root.mkdir(parents=True)
    shutil.copy(empty, root / "samverka.sqlite3")
    (root / "secret_key").write_text("backup-test-" + "x" * 50)
    return installation_env(root)


@pytest.fixture(scope="session")
def source_archive(empty_installation, tmp_path_factory):
    """The demo institution with a file, trees, an invitation and history, exported by subprocess."""
    root = tmp_path_factory.mktemp("source")
    env = new_installation(empty_installation, root / "installation")
    samverka(env, "demo")
    samverka(env, "shell", "-c", SOURCE_EXTRAS)
    archive = root / "umu.zip"
    out = samverka(env, "export-institution", "umu", str(archive), "--no-progress")
    assert "Exported umu" in out
    return archive


# -- comparing archives -------------------------------------------------------------------------------


def read_archive(path: Path) -> tuple[dict, dict[str, list[dict]], dict[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        records = {
            entry["model"]: [json.loads(line) for line in zf.read(entry["member"]).decode().splitlines()]
            for entry in manifest["models"]
        }
        files = {name[len("files/") :]: zf.read(name) for name in zf.namelist() if name.startswith("files/")}
    return manifest, records, files


def normalised(path: Path) -> dict:
    """Every record of an archive with its ids (and references) replaced by their rank within the model."""
    manifest, records, files = read_archive(path)
    ranks = {
        model: {record["id"]: rank for rank, record in enumerate(sorted(rows, key=lambda r: r["id"]), 1)}
        for model, rows in records.items()
    }
    out = {}
    for model_label, rows in records.items():
        model = apps.get_model(model_label)
        shown = []
        for record in sorted(rows, key=lambda r: r["id"]):
            row = {}
            for name, value in record.items():
                if name == "id":
                    value = ranks[model_label][value]
                elif name == "object_id" and model_label == "core.auditentry":
                    value = ranks.get(record["content_type"], {}).get(value)  # None: a record gone
                else:
                    field = model._meta.get_field(name)
                    if field.is_relation and field.related_model._meta.label_lower in ranks:
                        target = ranks[field.related_model._meta.label_lower]
                        value = sorted(target[v] for v in value) if field.many_to_many else target.get(value)
                row[name] = value
            shown.append(row)
        out[model_label] = shown
    counts = {entry["model"]: entry["count"] for entry in manifest["models"]}
    return {"institution": manifest["institution"], "counts": counts, "records": out, "files": files}


def database_snapshot() -> dict:
    """How many rows each archived kind (and the search index) has here."""
    counts = {kind.label: kind.model._base_manager.count() for kind in archived_kinds()}
    counts["search.searchentry"] = SearchEntry.objects.count()
    return counts


def media_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


# -- the round trip ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_round_trip_through_this_database_and_another_installation_changes_nothing(
    source_archive, empty_installation, tmp_path, settings
):
    """SQLite → this test's database (PostgreSQL in CI) → another SQLite installation, record by record."""
    call_command("import-institution", str(source_archive), "--no-progress", stdout=io.StringIO())
    umu = Institution.objects.get(slug="umu")
    searchable = sum(kind.model.objects.filter(institution=umu).count() for kind in searchable_kinds())
    assert SearchEntry.objects.filter(institution=umu).count() == searchable
    [stored] = media_files(settings)
    assert (Path(settings.MEDIA_ROOT) / stored).read_bytes() == b"%PDF-1.4 signed by both parties\n"
    second = tmp_path / "second.zip"
    call_command("export-institution", "umu", str(second), "--no-progress", stdout=io.StringIO())

    env = new_installation(empty_installation, tmp_path / "third-installation")
    samverka(env, "import-institution", str(second), "--no-progress")
    third = tmp_path / "third.zip"
    samverka(env, "export-institution", "umu", str(third), "--no-progress")

    first = normalised(source_archive)
    assert first["counts"]["partnerships.agreement"] >= 1
    # the extras' three, the demo's approved minutes, its assessments' 17 answers and 2 submissions,
    # and its approved annual report
    assert first["counts"]["core.auditentry"] == 24
    assert len(first["files"]) == 1
    assert normalised(second) == first
    assert normalised(third) == first


def test_the_archive_is_documented_json_with_checksums(source_archive):
    manifest, records, files = read_archive(source_archive)
    assert (manifest["format"], manifest["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert manifest["institution"] == {"slug": "umu", "name": "Umeå universitet"}
    [(name, content)] = files.items()
    assert content == b"%PDF-1.4 signed by both parties\n"
    assert set(manifest["members"]) == {entry["member"] for entry in manifest["models"]} | {f"files/{name}"}
    with zipfile.ZipFile(source_archive) as zf:
        assert {
            member: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for member in manifest["members"]
            for data in [zf.read(member)]
        } == manifest["members"]
    assert (manifest["files"], manifest["missing_files"]) == (1, [])
    # In load order: the audit trail, which points at records of every kind, comes last.
    loaded = [entry["model"] for entry in manifest["models"]]
    assert loaded[0] == "core.institution"
    assert loaded[-1] == "core.auditentry"
    assert stat.S_IMODE(source_archive.stat().st_mode) == 0o600  # personal data and password hashes
    [agreement] = [r for r in records["partnerships.agreement"] if r["signed_file"]]
    assert agreement["signed_file"] == name
    activity = next(r for r in records["activities.activity"] if r["funding_sek"])
    assert activity["funding_sek"] == "1250000"
    assert "title_sv" in activity and "title_en" in activity and "title" not in activity
    entry = next(r for r in records["core.auditentry"] if r["action"] == "auth.user.logged_in")
    assert entry["content_type"] == "auth.user"
    users = {r["username"]: r for r in records["auth.user"]}
    assert users["extern"]["password"] == ""  # an author, not a member: no way in
    assert users["samordnare"]["password"].startswith(("argon2", "pbkdf2"))
    assert "is_superuser" not in users["admin"]


# -- importing beside others ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_beside_another_institution_renumbers_and_leaves_it_alone(
    source_archive, institution, other_institution, settings
):
    f.ActivityFactory.create_batch(3, institution=institution)
    f.OrganisationFactory(institution=other_institution)
    User = get_user_model()
    existing = User.objects.create_user("samordnare", email="Samordnare@umu.example")
    others = {
        inst.slug: {
            kind.label: kind.model._base_manager.filter(**{kind.institution_field: inst}).count()
            for kind in archived_kinds()
            if kind.institution_field
        }
        for inst in (institution, other_institution)
    }
    out = io.StringIO()
    call_command(
        "import-institution", str(source_archive), "--slug", "umu-kopia", "--no-progress", stdout=out
    )

    copy = Institution.objects.get(slug="umu-kopia")
    assert copy.name_sv == "Umeå universitet"
    _, records, _ = read_archive(source_archive)
    for kind in archived_kinds():
        if kind.institution_field:
            assert kind.model._base_manager.filter(**{kind.institution_field: copy}).count() == len(
                records[kind.label]
            ), kind.label
    for inst in (institution, other_institution):
        assert {
            kind.label: kind.model._base_manager.filter(**{kind.institution_field: inst}).count()
            for kind in archived_kinds()
            if kind.institution_field
        } == others[inst.slug]
    # The same user name and e-mail address: the existing account, now also a member of the copy.
    assert "Linked to existing users (same user name and e-mail): samordnare" in out.getvalue()
    assert copy.memberships.get(user__username="samordnare").user == existing
    # A sub-activity points at its parent in the copy, by the copy's ids.
    child = next(
        a for a in apps.get_model("activities.activity").objects.filter(institution=copy) if a.parent_id
    )
    assert child.parent.institution == copy
    assert SearchEntry.objects.filter(institution=copy).count() > 0
    assert SearchEntry.objects.filter(institution=copy).count() == sum(
        kind.model.objects.filter(institution=copy).count() for kind in searchable_kinds()
    )


@pytest.mark.django_db
def test_the_same_archive_twice_gives_the_copy_fresh_invitation_links(source_archive, settings):
    call_command("import-institution", str(source_archive), "--no-progress", stdout=io.StringIO())
    User = get_user_model()
    User.objects.exclude(email="samordnare@umu.example").delete()  # only the linked account stays
    out = io.StringIO()
    call_command("import-institution", str(source_archive), "--slug", "umu2", "--no-progress", stdout=out)
    Invitation = apps.get_model("access.invitation")
    original, copy = Invitation.objects.order_by("pk")
    assert original.institution.slug == "umu" and copy.institution.slug == "umu2"
    assert original.token_digest != copy.token_digest
    assert "1 invitation links renewed" in out.getvalue()


# -- refusals: a clear message and nothing changed --------------------------------------------------------


def rewritten(source: Path, target: Path, *, change=None, add=(), manifest=None) -> Path:
    """A copy of an archive with members changed (``change(name, data)``), added, or another manifest."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == MANIFEST and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            elif change is not None:
                data = change(info.filename, data)
            zout.writestr(info.filename, data)
        for name, data in add:
            zout.writestr(name, data)
    return target


def refused(archive: Path, settings, *args: str) -> str:
    before, files = database_snapshot(), media_files(settings)
    with pytest.raises(CommandError) as raised:
        call_command("import-institution", str(archive), "--no-progress", *args, stdout=io.StringIO())
    assert database_snapshot() == before
    assert media_files(settings) == files
    return str(raised.value)


@pytest.mark.django_db
def test_refuses_a_short_name_that_exists(source_archive, institution, settings):
    message = refused(source_archive, settings)
    assert message == (
        "An institution with the short name 'umu' already exists here. "
        "Import it under another one with --slug NEW-SLUG. Nothing was imported."
    )


@pytest.mark.django_db
def test_refuses_a_bad_short_name(source_archive, settings):
    assert "'not a slug' cannot be an institution's short name" in refused(
        source_archive, settings, "--slug", "not a slug"
    )


@pytest.mark.django_db
def test_refuses_a_file_that_is_not_a_zip(tmp_path, settings):
    path = tmp_path / "umu.zip"
    path.write_text("name;title\n")
    assert "is not a zip file" in refused(path, settings)


@pytest.mark.django_db
def test_refuses_a_zip_of_another_format(tmp_path, source_archive, settings):
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("data.json", "{}")
    assert "is not a Samverka institution archive (it has no manifest.json)" in refused(other, settings)
    foreign = rewritten(source_archive, tmp_path / "foreign.zip", manifest=lambda m: {**m, "format": "x"})
    assert "is not a Samverka institution archive (format 'samverka-institution')" in refused(
        foreign, settings
    )


@pytest.mark.django_db
def test_refuses_a_newer_format_version(tmp_path, source_archive, settings):
    newer = rewritten(source_archive, tmp_path / "newer.zip", manifest=lambda m: {**m, "format_version": 2})
    assert refused(newer, settings) == (
        "The archive has format version 2, made by a newer Samverka; this one reads versions up to 1. "
        "Upgrade Samverka to import it. Nothing was imported."
    )


@pytest.mark.django_db
def test_refuses_a_member_that_does_not_match_its_checksum(tmp_path, source_archive, settings):
    def change(name, data):
        return data.replace(b"Region V", b"Region X") if name.endswith("partnership.jsonl") else data

    tampered = rewritten(source_archive, tmp_path / "tampered.zip", change=change)
    assert "'records/partnerships.partnership.jsonl' does not match its checksum" in refused(
        tampered, settings
    )


@pytest.mark.django_db
def test_refuses_a_damaged_member(tmp_path, source_archive, settings):
    data = bytearray(source_archive.read_bytes())
    with zipfile.ZipFile(source_archive) as zf:
        info = zf.getinfo("records/activities.activity.jsonl")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 10, start + 40):
        data[at] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    assert "'records/activities.activity.jsonl' is damaged" in refused(damaged, settings)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["../outside.txt", "/etc/samverka.txt", "files/../../outside.txt", "C:\\x.txt"]
)
def test_refuses_unsafe_member_names(tmp_path, source_archive, settings, name):
    unsafe = rewritten(source_archive, tmp_path / "unsafe.zip", add=[(name, b"x")])
    assert f"unsafe member name {name!r}" in refused(unsafe, settings)


@pytest.mark.django_db
def test_refuses_an_archive_that_unpacks_too_large(tmp_path, source_archive, settings):
    message = refused(source_archive, settings, "--max-size", "0")
    assert message.startswith("The archive would unpack to more than 0 MiB: refused")


@pytest.mark.django_db
def test_refuses_a_zip_bomb(tmp_path, source_archive, settings):
    bomb = rewritten(
        source_archive, tmp_path / "bomb.zip", add=[("files/zeros.pdf", bytes(64 * 1024 * 1024))]
    )
    assert "over 200 times its size: refused as a zip bomb" in refused(bomb, settings)


@pytest.mark.django_db
def test_refuses_user_names_of_other_people(source_archive, settings):
    User = get_user_model()
    User.objects.create_user("samordnare", email="someone.else@example.org")
    User.objects.create_user("ledning")  # no e-mail address: not shown to be the same person
    message = refused(source_archive, settings)
    assert message == (
        "These user names already belong to other people here (a different e-mail address): ledning, "
        "samordnare. Rename or remove those users first. Nothing was imported."
    )


@pytest.mark.django_db
def test_a_record_that_does_not_fit_rolls_everything_back(tmp_path, source_archive, settings):
    def change(name, data):
        if name.endswith("activity.jsonl"):
            return data.replace(b'"status":"ongoing"', b'"status":null', 1)
        return data

    bad = rewritten(source_archive, tmp_path / "bad.zip", change=change)
    manifest = json.loads(zipfile.ZipFile(bad).read(MANIFEST))
    with zipfile.ZipFile(bad) as zf:
        members = {
            name: {"sha256": hashlib.sha256(zf.read(name)).hexdigest()} for name in manifest["members"]
        }
    resigned = rewritten(bad, tmp_path / "resigned.zip", manifest=lambda m: {**m, "members": members})
    assert "The archive's records do not fit this database" in refused(resigned, settings)


# -- nothing is silently left out -------------------------------------------------------------------------


def test_every_model_that_belongs_to_an_institution_is_archived_or_left_out_with_a_reason():
    """A new model that refers to an institution, its users or its records must be moved or named in
    ``LEFT_OUT``; ``archived_kinds`` refuses models it cannot carry."""
    archived = {kind.label for kind in archived_kinds()}
    User = get_user_model()
    belonging = {Institution, User} | {apps.get_model(name) for name in archived}

    def refers_to_belonging(model) -> bool:
        return any(
            field.related_model in belonging
            for field in model._meta.get_fields()
            if field.is_relation and field.concrete
        )

    for model in apps.get_models():
        if refers_to_belonging(model) and not model._meta.auto_created:
            assert label(model) in archived or label(model) in LEFT_OUT, label(model)
    for name in LEFT_OUT:
        # No stale entries: a model that exists (else LookupError) and would otherwise be moved.
        assert refers_to_belonging(apps.get_model(name)), name
        assert name not in archived
    assert {
        "core.institution",
        "auth.user",
        "core.auditentry",
        "core.membership",
        "activities.activity",
    } <= archived
