"""Upgrading: a database made by the previous release, with its demo data, is migrated by this
version and keeps its records (docs/install.md, "Upgrading")."""

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def previous_release() -> tuple[str, str]:
    """(version, git revision) of the latest release in CHANGELOG.md: its tag ``v<version>``, or
    the commit the entry names (a clone without tags still has the commit)."""
    releases = re.findall(
        r"^## (\d+\.\d+\.\d+) \(\d{4}-\d\d-\d\d, commit ([0-9a-f]{7,40})\)",
        (ROOT / "CHANGELOG.md").read_text(),
        re.M,
    )
    assert releases, "CHANGELOG.md names each release: '## 0.1.0 (2026-12-06, commit abc1234)'"
    version, commit = releases[0]
    tagged = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"v{version}^{{commit}}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if tagged.returncode == 0:
        assert tagged.stdout.strip().startswith(commit), (
            f"the tag v{version} is not the commit CHANGELOG.md names"
        )
    return version, commit


def source_of(revision: str, folder: Path) -> Path:
    """The release's ``src`` folder, unpacked from git (the repository is not touched)."""
    folder.mkdir(parents=True)
    archive = folder / "release.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", f"--output={archive}", revision, "src"],
        check=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "samverka", *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


COUNT = (
    "from django.apps import apps; "
    "print(sum(m.objects.count() for m in apps.get_models() if m._meta.app_label in "
    "('core', 'partnerships', 'directory', 'activities', 'governance', 'followup', 'ideas') "
    "and m._meta.label_lower != 'directory.affiliation'))"
)
# People with an organisation, and those of them with the affiliation it stands for (0.2: a person's
# organisations over time); the affiliations are new records the upgrade makes, not counted above.
AFFILIATED = (
    "from samverka.directory.models import Affiliation, Person; "
    "people = Person.objects.exclude(organisation=None); "
    "print(people.count(), Affiliation.objects.filter(ends_on=None, person__organisation=F('organisation'), "
    "role=Coalesce('person__title_sv', Value(''))).count())"
)


@pytest.mark.own_installation  # an SQLite installation of its own: run once, in the SQLite pass (.ci/run)
@pytest.mark.xdist_group("backup")  # subprocesses of whole installations: one worker runs them
def test_a_database_of_the_previous_release_is_upgraded_with_its_records(tmp_path):
    _version, commit = previous_release()
    old_source = source_of(commit, tmp_path / "release")
    data = tmp_path / "data"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'samverka.sqlite3'}",
        "SAMVERKA_DATA_DIR": str(data),
    }
    for name in ("DJANGO_SETTINGS_MODULE", "SAMVERKA_MEDIA_DIR", "REDIS_URL"):
        env.pop(name, None)
    old = {**env, "PYTHONPATH": str(old_source)}
    assert str(old_source) in run(
        old, "shell", "--verbosity", "0", "-c", "import samverka; print(samverka.__file__)"
    )
    run(old, "migrate", "-v0")
    run(old, "demo")
    before = int(run(old, "shell", "--verbosity", "0", "-c", COUNT).split()[-1])
    assert before > 100, "the previous release's demo made the records to upgrade"

    run(env, "migrate", "-v0")  # this version
    assert "No planned migration operations" in run(env, "migrate", "--plan")
    after = int(run(env, "shell", "--verbosity", "0", "-c", COUNT).split()[-1])
    assert after == before
    affiliated = "from django.db.models import F, Value; from django.db.models.functions import Coalesce; "
    people, with_affiliation = run(env, "shell", "--verbosity", "0", "-c", affiliated + AFFILIATED).split()[
        -2:
    ]
    assert int(people) > 0 and with_affiliation == people  # each person's organisation kept, as it was
    assert run(env, "check").strip().endswith("System check identified no issues (0 silenced).")
