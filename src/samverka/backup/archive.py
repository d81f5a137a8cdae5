"""The archive's format (docs/backup.md): one zip of a manifest, the records as JSON Lines and the files.

Writing is atomic (a temporary file beside the target, renamed at the end);
reading checks everything before anything is used: a zip, our format, a
version we read, safe member names, sizes under a cap, every checksum.
"""

import datetime
import hashlib
import json
import os
import tempfile
import time
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.db import models

FORMAT = "samverka-institution"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records/"
FILES = "files/"

MiB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * 1024 * MiB  # all members unpacked; ``import-institution --max-size`` changes it
MAX_MANIFEST_BYTES = 4 * MiB
MAX_LINE_BYTES = 16 * MiB  # one record
MAX_RATIO = 200  # unpacked : packed, for members over a mebibyte; JSON Lines pack about 1 : 10
CHUNK = MiB


class ArchiveError(Exception):
    """The archive cannot be read or used as it is; the message says why, for people."""


# Field values in a form no database decides: ISO dates and times (UTC), decimals as strings.
TYPED = (models.DateField, models.TimeField, models.DecimalField, models.DurationField, models.UUIDField)


def encode(field: models.Field, value):
    """A column's value as the archive writes it (references are written by the caller)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(field, TYPED):
        return str(value)
    return value


def decode(field: models.Field, value):
    """A value from the archive as the field holds it."""
    if value is None:
        return None
    if isinstance(field, TYPED):
        return field.to_python(value)
    return value


def safe_member_name(name: str) -> bool:
    """A relative path inside the archive that unpacks nowhere else (no ``..``, no absolute path)."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return all(part not in ("", ".", "..") and ":" not in part for part in parts)


class ArchiveWriter:
    """Writes an archive member by member, each with its sha256, and the manifest last."""

    def __init__(self, path: Path):
        self.path = Path(path)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        os.close(handle)
        self.zip = zipfile.ZipFile(self.temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.members: dict[str, dict] = {}

    @contextmanager
    def member(self, name: str):
        """A binary stream into one member; its size and checksum go into the manifest."""
        if not safe_member_name(name) or name in self.members:
            raise ArchiveError(f"Cannot write an archive member named {name!r}.")
        digest, size = hashlib.sha256(), 0
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        with self.zip.open(info, "w", force_zip64=True) as stream:

            class Counting:
                def write(self, data: bytes) -> None:
                    nonlocal size
                    digest.update(data)
                    size += len(data)
                    stream.write(data)

            yield Counting()
        self.members[name] = {"sha256": digest.hexdigest(), "size": size}

    def finish(self, manifest: dict) -> None:
        """Write the manifest and put the archive in its place (replacing an older one at once)."""
        manifest = {**manifest, "members": dict(sorted(self.members.items()))}
        self.zip.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        self.zip.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.zip.close()
        Path(self.temporary).unlink(missing_ok=True)


class ArchiveReader:
    """An archive checked whole before anything is read from it (``ArchiveError`` says what is wrong)."""

    def __init__(self, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES):
        self.path = Path(path)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ArchiveError(f"{self.path} is not a zip file ({exc}).") from exc
        try:
            self.infos = self._check_members(max_bytes)
            self.manifest = self._read_manifest()
            self._check_checksums()
        except BaseException:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    def _check_members(self, max_bytes: int) -> dict[str, zipfile.ZipInfo]:
        infos: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in self.zip.infolist():
            if not safe_member_name(info.filename) or info.is_dir():
                raise ArchiveError(f"The archive has an unsafe member name {info.filename!r}: refused.")
            if info.filename in infos:
                raise ArchiveError(f"The archive has the member {info.filename!r} twice: refused.")
            if info.flag_bits & 0x1:
                raise ArchiveError(f"The archive member {info.filename!r} is encrypted: refused.")
            total += info.file_size
            if total > max_bytes:
                raise ArchiveError(
                    f"The archive would unpack to more than {max_bytes // MiB} MiB: refused "
                    "(import-institution --max-size raises the limit)."
                )
            if info.file_size > MiB and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ArchiveError(
                    f"The archive member {info.filename!r} unpacks to {info.file_size // MiB} MiB from "
                    f"{info.compress_size} bytes, over {MAX_RATIO} times its size: refused as a zip bomb."
                )
            infos[info.filename] = info
        return infos

    def _read_manifest(self) -> dict:
        info = self.infos.get(MANIFEST)
        if info is None:
            raise ArchiveError(f"{self.path} is not a Samverka institution archive (it has no {MANIFEST}).")
        if info.file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError(f"The archive's {MANIFEST} is too large: refused.")
        try:
            manifest = json.loads(self._read(info, MAX_MANIFEST_BYTES))
        except ValueError as exc:
            raise ArchiveError(f"The archive's {MANIFEST} is not valid JSON ({exc}).") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(f"{self.path} is not a Samverka institution archive (format {FORMAT!r}).")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise ArchiveError(f"The archive's format version {version!r} is not one Samverka knows.")
        if version > FORMAT_VERSION:
            raise ArchiveError(
                f"The archive has format version {version}, made by a newer Samverka; this one reads "
                f"versions up to {FORMAT_VERSION}. Upgrade Samverka to import it."
            )
        members = manifest.get("members")
        if not isinstance(members, dict) or set(members) != set(self.infos) - {MANIFEST}:
            raise ArchiveError("The archive's members are not the ones its manifest lists: refused.")
        return manifest

    def _read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        data = self._stream(info, limit, hashlib.sha256())
        return b"".join(data)

    def _stream(self, info: zipfile.ZipInfo, limit: int, digest):
        """The member's bytes in chunks, refusing more than ``limit`` or than it declares."""
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > min(limit, info.file_size):
                        raise ArchiveError(
                            f"The archive member {info.filename!r} is larger than it says: refused."
                        )
                    digest.update(chunk)
                    yield chunk
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise ArchiveError(f"The archive member {info.filename!r} is damaged ({exc}).") from exc

    def _check_checksums(self) -> None:
        for name, expected in self.manifest["members"].items():
            digest = hashlib.sha256()
            for _chunk in self._stream(self.infos[name], self.infos[name].file_size, digest):
                pass
            if not isinstance(expected, dict) or digest.hexdigest() != expected.get("sha256"):
                raise ArchiveError(f"The archive member {name!r} does not match its checksum: refused.")

    def records(self, member: str):
        """The records of one member, one dict per line, in the order written."""
        if member not in self.infos:
            raise ArchiveError(f"The archive lacks {member!r}, which its manifest names.")
        with self.zip.open(self.infos[member]) as stream:
            number = 0
            while line := stream.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(line) > MAX_LINE_BYTES:
                    raise ArchiveError(
                        f"Record {number} of {member!r} is longer than {MAX_LINE_BYTES // MiB} MiB."
                    )
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    raise ArchiveError(f"Record {number} of {member!r} is not valid JSON ({exc}).") from exc
                if not isinstance(record, dict):
                    raise ArchiveError(f"Record {number} of {member!r} is not a JSON object.")
                yield record

    def file_bytes(self, name: str) -> bytes:
        """An uploaded file's content (``files/`` + its storage name)."""
        member = FILES + name
        if member not in self.infos:
            raise ArchiveError(f"The archive lacks the uploaded file {name!r}.")
        return self._read(self.infos[member], self.infos[member].file_size)
