#!/usr/bin/env python3
"""Real Alembic runs the page's export of a project that `alembic init` wrote elsewhere.

1. `alembic init` run from another folder writes an absolute script_location; the blog's
   revisions go in its versions/, beside files the engine does not use (README.md with CRLF
   line endings, transcript.json, setup.cfg, a package folder).
2. The page's import and export, natively (crates/playground/examples/export_project.rs):
   the zip, and the lines the page shows about what the export changed.
3. The folder where `alembic init` ran is deleted, the zip unpacked somewhere else, and real
   `alembic upgrade head` and `alembic current` run in it: the database is the exported
   `<name>.sqlite` beside alembic.ini, at the blog's head.
Also checked: the exported alembic.ini differs from the original in the changed lines only,
every other file is the same byte for byte, and the original alembic.ini fails in the
unpacked folder (its absolute path is gone), so the rewrite is what makes it run.

usage: tests/tools/export_with_alembic.py   (uses the repository's .venv for alembic)
"""
import difflib
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

REPO = pathlib.Path(__file__).resolve().parents[2]
ALEMBIC = REPO / ".venv/bin/alembic"
BLOG = REPO / "migrations/blog"
OTHERS = {
    "README.md": b"# Blog\r\n\r\nKept byte for byte: CRLF, no newline at the end",
    "transcript.json": b'{"commands": ["upgrade head"]}\n',
    "setup.cfg": b"[metadata]\nname = blog\n",
    "blog/__init__.py": b"",
    "blog/models.py": b"class Post: ...\n",
}


def alembic(cwd, *args, check=True):
    run = subprocess.run([str(ALEMBIC), *args], cwd=cwd, capture_output=True, text=True)
    if check and run.returncode != 0:
        sys.exit(f"alembic {' '.join(args)} failed in {cwd}:\n{run.stdout}{run.stderr}")
    return run


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="export-alembic-"))
    try:
        # 1. The project as `alembic init` on another machine left it.
        elsewhere = work / "home/ana/work/blog"
        project = work / "picked/blog"
        project.mkdir(parents=True)
        alembic(project, "init", str(elsewhere / "alembic"))
        ini = (project / "alembic.ini").read_text()
        assert f"script_location = {elsewhere / 'alembic'}\n" in ini, ini
        shutil.copytree(elsewhere / "alembic", project / "alembic")
        for f in sorted((BLOG / "alembic/versions").glob("*.py")):
            shutil.copy(f, project / "alembic/versions" / f.name)
        shutil.copy(BLOG / "alembic/env.py", project / "alembic/env.py")
        for path, data in OTHERS.items():
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_bytes(data)

        # 2. Imported and exported by the page's code.
        zip_path = work / "blog.zip"
        export = subprocess.run(
            ["cargo", "run", "-q", "-p", "playground", "--example", "export_project", "--", str(project), str(zip_path)],
            cwd=REPO, capture_output=True, text=True)
        if export.returncode != 0:
            sys.exit(f"the export failed:\n{export.stderr}")
        said = export.stdout.splitlines()
        expected = [
            f"alembic.ini script_location: {elsewhere / 'alembic'} → %(here)s/alembic",
            "alembic.ini sqlalchemy.url: driver://user:pass@localhost/dbname → sqlite:///%(here)s/blog.sqlite",
        ]
        assert said == expected, said

        # 3. Where alembic init ran is gone; the zip unpacked elsewhere.
        shutil.rmtree(work / "home")
        out = work / "unzipped"
        zipfile.ZipFile(zip_path).extractall(out)
        unpacked = out / "blog"
        for path, data in OTHERS.items():
            assert (unpacked / path).read_bytes() == data, path
        for f in project.rglob("*"):
            if f.is_file() and f.name != "alembic.ini" and "__pycache__" not in f.parts:
                assert (unpacked / f.relative_to(project)).read_bytes() == f.read_bytes(), f
        exported_ini = (unpacked / "alembic.ini").read_text()
        diff = [l for l in difflib.unified_diff(ini.splitlines(), exported_ini.splitlines(), lineterm="", n=0)
                if l[:1] in "+-" and not l.startswith(("+++", "---"))]
        assert diff == [
            f"-script_location = {elsewhere / 'alembic'}",
            "+script_location = %(here)s/alembic",
            "-sqlalchemy.url = driver://user:pass@localhost/dbname",
            "+sqlalchemy.url = sqlite:///%(here)s/blog.sqlite",
        ], diff

        # The ini as imported does not run there: its absolute path is gone.
        (out / "original.ini").write_text(ini)
        refused = alembic(unpacked, "-c", str(out / "original.ini"), "current", check=False)
        assert refused.returncode != 0, refused.stdout + refused.stderr

        # 4. Real Alembic in the unpacked folder.
        alembic(unpacked, "upgrade", "head")
        current = alembic(unpacked, "current").stdout.strip()
        assert current == "b10900000004 (head)", current
        db = sqlite3.connect(unpacked / "blog.sqlite")
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("b10900000004",)]
        print("\n".join(said))
        print(f"ok: real alembic upgrade head / current ran in the unpacked export: {current}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
