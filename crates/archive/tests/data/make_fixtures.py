"""Regenerate the zip fixtures in this folder: zips made by other tools (Python's zipfile,
Info-ZIP `zip` when /usr/bin/zip exists) that tests/fixtures.rs reads. Python 3 stdlib only.

    python3 crates/archive/tests/data/make_fixtures.py

Then it checks our writer's committed output (ours.zip, written by the test
`ours_zip_is_current` with ARCHIVE_BLESS=1) with Python's zipfile.

Timestamps and attributes are fixed so reruns give the same bytes with the same zlib; the
encrypted fixture is the exception (Info-ZIP salts its encryption header).
"""
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJ = os.path.join(HERE, "proj")
WHEN = (2024, 5, 6, 7, 8, 10)
# The project files, as paths inside proj/ (sorted, ASCII so any checkout spells them alike).
FILES = [
    "alembic.ini",
    "migrations/env.py",
    "migrations/script.py.mako",
    "migrations/versions/1a2b3c4d5e6f_create_users.py",
]
UNICODE_NAME = "migrations/versions/ünïcødé_revisión.py"
UNICODE_DATA = "# ünïcødé ✓\n".encode()
# Mirrored in tests/fixtures.rs (big_sql).
BIG_SQL = "".join(f"INSERT INTO users VALUES ({i}, 'user {i}');\n" for i in range(5000)).encode()


def project(name):
    with open(os.path.join(PROJ, name), "rb") as f:
        return f.read()


def info(name, compress_type=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=WHEN)
    zi.compress_type = zipfile.ZIP_STORED if name.endswith("/") else compress_type
    zi.create_system = 3  # Unix, whatever machine runs this
    zi.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else (0o100644 << 16)
    return zi


def write(path, items, compress_type=zipfile.ZIP_DEFLATED, comment=b"", fileobj=None):
    """items: (name, bytes) pairs; a name ending in "/" is a directory entry."""
    target = fileobj if fileobj is not None else open(os.path.join(HERE, path), "wb")
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in items:
            zf.writestr(info(name, compress_type), data)
        zf.comment = comment
    if fileobj is None:
        target.close()


class Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors (flag bit 3)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def python_fixtures():
    proj = [(f, project(f)) for f in FILES]
    write("py_deflated.zip", proj + [("empty.txt", b""), ("data/big.sql", BIG_SQL)])
    write("py_stored.zip", proj + [(UNICODE_NAME, UNICODE_DATA)], zipfile.ZIP_STORED)

    stream = Unseekable()
    write(None, proj, fileobj=stream)
    with open(os.path.join(HERE, "py_descriptor.zip"), "wb") as f:
        f.write(stream.buf)

    # What macOS Finder's "Compress" makes: directory entries, AppleDouble twins under
    # __MACOSX/, a .DS_Store.
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(16)
    write("finder.zip", [
        ("proj/", b""),
        ("proj/alembic.ini", project("alembic.ini")),
        ("proj/.DS_Store", b"\x00\x00\x00\x01Bud1" + bytes(24)),
        ("proj/migrations/", b""),
        ("proj/migrations/env.py", project("migrations/env.py")),
        ("proj/migrations/._env.py", apple_double),
        ("__MACOSX/", b""),
        ("__MACOSX/proj/", b""),
        ("__MACOSX/proj/._alembic.ini", apple_double),
    ])

    # GitHub's "Download ZIP": one top folder, the commit id as the comment.
    write("github.zip", [("repo-main/", b"")] + [(f"repo-main/{f}", d) for f, d in proj],
          comment=b"0123456789abcdef0123456789abcdef01234567")

    # Bytes before the archive (a self-extractor stub); offsets inside stay as written.
    buf = io.BytesIO()
    write(None, proj[:2], fileobj=buf)
    with open(os.path.join(HERE, "prepended.zip"), "wb") as f:
        f.write(b"#!/bin/sh\necho 'self-extracting stub'\nexit 0\n" + buf.getvalue())

    write("bzip2.zip", [("alembic.ini", project("alembic.ini"))])
    with zipfile.ZipFile(os.path.join(HERE, "bzip2.zip"), "a") as zf:
        zf.writestr(info("migrations/env.py", zipfile.ZIP_BZIP2), project("migrations/env.py"))

    write("zip_slip.zip", [("alembic.ini", project("alembic.ini")), ("../evil.py", b"import os\n")])

    # Old Windows tools: `\` separators and CP437 names without the UTF-8 flag. zipfile
    # would write the name as UTF-8, so write a same-length ASCII stand-in and patch it.
    buf = io.BytesIO()
    write(None, [("proj\\alembic.ini", project("alembic.ini")),
                 ("proj\\migrations\\env.py", project("migrations/env.py")),
                 ("proj\\cafX.txt", b"caf\xe9\n")], fileobj=buf)
    data = buf.getvalue().replace(b"proj\\cafX.txt", b"proj\\caf\x82.txt")
    with open(os.path.join(HERE, "windows_cp437.zip"), "wb") as f:
        f.write(data)

    # ZIP64 without 4 GiB of data: lower zipfile's threshold so it writes ZIP64 records.
    saved = zipfile.ZIP64_LIMIT
    zipfile.ZIP64_LIMIT = 1000
    try:
        write("zip64.zip", proj)
    finally:
        zipfile.ZIP64_LIMIT = saved


def infozip_fixtures(tmp):
    """Real Info-ZIP output. Explicit file lists (not -r) fix the order; -X drops uid/gid
    and extended timestamps; TZ=UTC fixes the DOS time."""
    zip_bin = "/usr/bin/zip"
    if not os.path.exists(zip_bin):
        print("skipped the Info-ZIP fixtures: no /usr/bin/zip")
        return
    shutil.copytree(PROJ, os.path.join(tmp, "proj"))
    with open(os.path.join(tmp, "proj", "migrations", "versions", "café.py"), "wb") as f:
        f.write(b"# caf\xc3\xa9\n")
    names = ["proj/", "proj/alembic.ini", "proj/migrations/", "proj/migrations/env.py",
             "proj/migrations/script.py.mako", "proj/migrations/versions/",
             "proj/migrations/versions/1a2b3c4d5e6f_create_users.py",
             "proj/migrations/versions/café.py"]
    stamp = 1715000000
    for root, dirs, files in os.walk(os.path.join(tmp, "proj")):
        for n in dirs + files:
            os.utime(os.path.join(root, n), (stamp, stamp))
    os.utime(os.path.join(tmp, "proj"), (stamp, stamp))
    env = dict(os.environ, TZ="UTC")

    def run(args, out_name):
        out = subprocess.run([zip_bin, "-q", "-X", *args], cwd=tmp, env=env,
                             stdout=subprocess.PIPE, check=True).stdout
        if out_name:
            with open(os.path.join(HERE, out_name), "wb") as f:
                f.write(out)

    target = os.path.join(HERE, "infozip.zip")
    if os.path.exists(target):
        os.remove(target)
    run([target, *names], None)
    # To a pipe, zip cannot seek back: data descriptors, as when it is used in a pipeline.
    run(["-", *names], "infozip_stream.zip")
    target = os.path.join(HERE, "infozip_encrypted.zip")
    if os.path.exists(target):
        os.remove(target)
    run(["-P", "secret", target, "proj/alembic.ini"], None)


def check_ours():
    """Our writer's output, read back by Python's zipfile."""
    path = os.path.join(HERE, "ours.zip")
    if not os.path.exists(path):
        print("no ours.zip yet: ARCHIVE_BLESS=1 cargo test -p archive --test fixtures")
        return
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None, "bad CRC in ours.zip"
        got = {i.filename: i for i in zf.infolist()}
        want = dict([(f, project(f)) for f in FILES] +
                    [(UNICODE_NAME, UNICODE_DATA), ("empty.txt", b""), ("data/big.sql", BIG_SQL)])
        assert list(got) == list(want), list(got)
        for name, data in want.items():
            i = got[name]
            assert zf.read(name) == data, name
            assert i.date_time == (1980, 1, 1, 0, 0, 0), (name, i.date_time)
            assert i.extra == b"", name
            assert bool(i.flag_bits & 0x800) == (not name.isascii()), name
            # DEFLATE exactly when it is smaller, else stored.
            deflated = i.compress_type == zipfile.ZIP_DEFLATED
            assert deflated or i.compress_type == zipfile.ZIP_STORED, name
            assert deflated == (i.compress_size < i.file_size), name
        assert got["data/big.sql"].compress_size < len(BIG_SQL) // 5
    print(f"ours.zip: Python's zipfile reads all {len(want)} entries, testzip() clean")


def main():
    python_fixtures()
    with tempfile.TemporaryDirectory() as tmp:
        infozip_fixtures(tmp)
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".zip") and name != "ours.zip":
            print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
    check_ours()


if __name__ == "__main__":
    sys.exit(main())
