#!/usr/bin/env python3
"""Writes the graph test scenarios as real Alembic projects: read-only commands on graphs,
labels, dependencies and broken histories (tests/scenarios/ro_*), and upgrade, downgrade
and stamp on the same graphs with empty migrations (tests/scenarios/mg_*).
refresh_goldens.py then records what real Alembic does for each command. Rerun both after
changing a graph here."""
import pathlib
import shutil
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from project_template import ALEMBIC_INI, SCRIPT_PY_MAKO, env_py  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "scenarios"

VERSION_SQL = ("!sql CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
               "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)); DELETE FROM alembic_version; ")


def at(*revs):
    """A command that sets the database's alembic_version rows."""
    return VERSION_SQL + " ".join(f"INSERT INTO alembic_version VALUES ('{r}');" for r in revs)


def py_value(v):
    if v is None:
        return "None"
    if isinstance(v, str):
        return repr(v)
    if len(v) == 1 and isinstance(v, list):
        return repr(v[0])
    return repr(tuple(v))


def generic(rev, down=None, message="", labels=None, deps=None, doc=None):
    """A revision file as `alembic revision` writes it (generic template)."""
    doc = doc if doc is not None else f"{message}\n\nRevision ID: {rev}\nRevises: {', '.join(down or []) if isinstance(down, list) else down or ''}\nCreate Date: 2024-05-01 12:00:00.000000\n\n"
    return f'''"""{doc}"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = {rev!r}
down_revision: Union[str, Sequence[str], None] = {py_value(down)}
branch_labels: Union[str, Sequence[str], None] = {py_value(labels)}
depends_on: Union[str, Sequence[str], None] = {py_value(deps)}


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
'''


def classic(rev, down, body="pass"):
    """An older hand-written style: plain assignments, no docstring, comments."""
    return f'''# a hand-written revision without a docstring
from alembic import op
import sqlalchemy as sa

revision = "{rev}"  # the id
down_revision = {py_value(down)}
branch_labels = None
depends_on = None

def upgrade():
    {body}

def downgrade():
    {body}
'''


def write(name, files, commands, description, configure=None):
    root = OUT / name
    # Rewrite the project, keep the recorded transcript (refresh_goldens.py renews it).
    shutil.rmtree(root / "project", ignore_errors=True)
    versions = root / "project" / "migrations" / "versions"
    versions.mkdir(parents=True)
    (root / "project" / "alembic.ini").write_text(ALEMBIC_INI)
    (root / "project" / "migrations" / "env.py").write_text(env_py(configure or {}))
    (root / "project" / "migrations" / "script.py.mako").write_text(SCRIPT_PY_MAKO)
    for fname, text in files.items():
        (versions / fname).write_text(text)
    (root / "commands.txt").write_text(f"# {description}\n" + "\n".join(commands) + "\n")


HISTORY_FORMS = ["history", "history -v", "history --indicate-current", "history -v -i"]


def linear():
    revs = ["1a2b3c4d5e01", "1a2b3c4d5e02", "2f00d00d0003", "2f00d00d0004", "9c9c9c9c0005"]
    files = {}
    for i, r in enumerate(revs):
        down = revs[i - 1] if i else None
        files[f"{r}_step_{i + 1}.py"] = generic(r, down, f"step {i + 1}")
    files["9c9c9c9c0005_step_5.py"] = generic(
        revs[4], revs[3], doc="step 5: a long one\n\nwith a second paragraph\nand a third line\n")
    write("ro_linear", files, [
        "heads", "heads -v", "branches", "current", "current -v",
        *HISTORY_FORMS,
        "history -r 1a2b3c4d5e02:2f00d00d0004", "history -r :1a2b3c4d5e02", "history -r 2f00:",
        "history -r -2:", "history -r base:head", "history -r 2f00d00d0004:1a2b3c4d5e02",
        "history -r 1a2b3c4d5e02", "history -r zzzz:", "history -r 1a2b:",
        "show head", "show base", "show heads", "show 9c", "show 1a2b", "show zz", "show nope1234",
        "show -1", "show 1a2b3c4d5e02@head", "show head-1", "show current",
        at("2f00d00d0003"),
        "current", "current -v", "current --check-heads", "show current",
        "history -i", "history -r current:", "history -r :current", "history -r current:head -v",
        at("1a2b3c4d5e02", "2f00d00d0004"), "current",
        at("2f00"), "current",
        at("deadbeef0000"), "current", "history -i",
        at("9c9c9c9c0005"), "current --check-heads", "current -v",
    ], "A linear chain of five generic-template revisions; ranges, partial ids, current rows.")


def branches():
    files = {
        "a0_root.py": generic("aaaa00000001", None, "root"),
        "b1_left.py": generic("bbbb00000002", "aaaa00000001", "left", labels=["left"]),
        "b2_left_more.py": generic("bbbb00000003", "bbbb00000002", "left more"),
        "c1_right.py": generic("cccc00000002", "aaaa00000001", "right"),
        "c2_right_more.py": generic("cccc00000003", "cccc00000002", "right more", labels=["right", "rhs"]),
        "d1_merge.py": generic("dddd00000004", ["bbbb00000003", "cccc00000003"], "merge left and right"),
        "e1_after.py": generic("eeee00000005", "dddd00000004", "after merge"),
        "e2_fork.py": generic("ffff00000005", "dddd00000004", "fork after merge"),
        "x1_plugin.py": generic("9999aaaa0001", None, "plugin base", labels=["plugin"],
                                deps=["bbbb00000002"]),
        "x2_plugin.py": generic("9999aaaa0002", "9999aaaa0001", "plugin two"),
    }
    write("ro_branches", files, [
        "heads", "heads -v", "heads --resolve-dependencies", "branches", "branches -v",
        *HISTORY_FORMS,
        "history -r left@base:", "history -r bbbb00000002:dddd00000004", "history -r :dddd00000004",
        "history -r cccc00000002:eeee00000005", "history -r bbbb00000002:cccc00000003",
        "history -r plugin@base:plugin@head",
        "show head", "show heads", "show left@head", "show right@head", "show plugin@head",
        "show left@base", "show left", "show rhs", "show left@bbbb00000003", "show left@cccc00000003",
        "show nobranch@head", "show dddd", "show 9999", "show -1", "show left@-1",
        "show bbbb00000002 cccc00000002",
        at("bbbb00000003", "cccc00000002"), "current", "current -v", "history -i",
        at("dddd00000004"), "current", "history -r current:",
        at("eeee00000005", "9999aaaa0002"), "current", "current --check-heads", "history -i",
    ], "Two labelled branches merged, a fork after the merge, a plugin branch depending on the left one.")


def effective_head():
    files = {
        "01_c1.py": generic("c0de00000001", None, "core one"),
        "02_c2.py": generic("c0de00000002", "c0de00000001", "core two"),
        "03_p1.py": generic("9106000000a1", None, "plugin one", labels=["plugin"], deps=["c0de00000002"]),
    }
    write("ro_effective_head", files, [
        "heads", "heads --resolve-dependencies", "heads -v", *HISTORY_FORMS, "branches",
        "show heads", "show head", "show plugin@head",
        at("9106000000a1"), "current", "history -i",
    ], "A plugin base that depends on the core head: the core head becomes an effective head.")


def classic_files():
    files = {
        "001.py": classic("001", None),
        "002.py": classic("002", "001", "op.execute('select 1')"),
        "003.py": '''"""Third, with a docstring
that spans lines."""
revision = '003'
down_revision = "002"

def upgrade():
    pass
''',
        "004.py": """'''single-quoted docstring'''
from alembic import op
revision = '00400000'
down_revision = ('003',)
def upgrade():
    pass
""",
        "README": "not a revision file\n",
    }
    write("ro_classic", files, [
        "heads", *HISTORY_FORMS, "show 001", "show 002", "show 00", "show 0040", "show head",
        "history -r 002:", "show 0",
    ], "Hand-written revisions: short ids, no docstrings, tuple down_revision, a non-.py file.")


def broken(name, files, commands, description):
    write(name, files, commands, description)


def errors():
    broken("ro_err_cycle", {
        "a.py": generic("aaaa0001", "cccc0003", "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
        "c.py": generic("cccc0003", "bbbb0002", "c"),
    }, ["history", "show aaaa0001", "current", "branches"],
        "A cycle through down_revision.")
    broken("ro_err_partial_cycle", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
        "c.py": generic("cccc0003", "dddd0004", "c"),
        "d.py": generic("dddd0004", "cccc0003", "d"),
    }, ["history", "current", "heads"], "A two-revision cycle beside a proper base and head.")
    broken("ro_err_self_loop", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "bbbb0002", "b"),
    }, ["history", "show head"], "A revision that names itself as down_revision.")
    broken("ro_err_dep_cycle", {
        "a.py": generic("aaaa0001", None, "a", deps=["cccc0003"]),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
        "c.py": generic("cccc0003", "bbbb0002", "c"),
    }, ["history", "current"], "A cycle through depends_on.")
    broken("ro_err_bad_chars", {
        "a.py": generic("aaaa-0001", None, "a"),
    }, ["heads", "history"], "A revision id with a character Alembic does not allow.")
    broken("ro_err_no_revision", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": '"""no revision variable: the legacy hex file name is the id"""\ndown_revision = "aaaa0001"\n',
        "x_norev.py": '"""no revision variable, no hex file name"""\ndown_revision = "aaaa0001"\n',
    }, ["heads", "current"], "Files without a revision variable.")
    broken("ro_err_syntax", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b").replace("    pass\n", "    op.create_table('t',\n        sa.Column('id', sa.Integer())\n\n", 1),
    }, ["heads", "history", "current", "history -i"], "A revision file with a syntax error.")
    broken("ro_err_missing_down", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "zzzz9999", "b"),
    }, ["heads", "history", "current"], "A down_revision naming a revision that does not exist.")
    broken("ro_dup_revision", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
        "c.py": generic("bbbb0002", "aaaa0001", "b again"),
        "d.py": generic("dddd0004", "bbbb0002", "d"),
    }, ["heads", "history", "show bbbb0002", "show head"], "The same revision id in two files.")
    broken("ro_err_dup_label", {
        "a.py": generic("aaaa0001", None, "a", labels=["same"]),
        "b.py": generic("bbbb0002", None, "b", labels=["same"]),
    }, ["heads"], "One branch label on two revisions (Alembic names them in set order: checked loosely).")
    broken("ro_empty", {}, [
        "heads", "history", "branches", "current", "show head", "show heads", "show base",
        "history -r base:heads",
    ], "An empty versions directory.")


def version_table():
    write("ro_version_table", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
    }, [
        "current", "history -i",
        "!sql INSERT INTO my_versions VALUES ('aaaa0001')",
        "current", "show current", "history -r current:",
    ], "env.py configures version_table='my_versions'.", configure={"version_table": "my_versions"})


def shoppingcart():
    """The branches example of Alembic's documentation."""
    files = {
        "1975ea83b712_create_account_table.py": generic("1975ea83b712", None, "create account table"),
        "27c6a30d7c24_add_shopping_cart_table.py": generic("27c6a30d7c24", "1975ea83b712", "add shopping cart table", labels=["shoppingcart"]),
        "ae1027a6acf_add_a_column.py": generic("ae1027a6acf", "1975ea83b712", "add a column"),
        "d747a8a8879_add_a_shopping_cart_column.py": generic("d747a8a8879", "27c6a30d7c24", "add a shopping cart column"),
        "55af2cb1c267_add_another_account_column.py": generic("55af2cb1c267", "ae1027a6acf", "add another account column", deps=["shoppingcart"]),
    }
    write("ro_shoppingcart", files, [
        "heads", "heads --resolve-dependencies", "branches", *HISTORY_FORMS,
        "history -r shoppingcart@base:", "history -r shoppingcart@27c6:shoppingcart@head", "history -r ae10:",
        "show shoppingcart@head", "show shoppingcart", "show shop", "show ae10@head", "show ae10@base",
        "show shoppingcart@ae1027a6acf", "show heads",
        at("ae1027a6acf", "27c6a30d7c24"), "current", "history -i", "history -r current:heads",
        "history -r :current",
    ], "Alembic's branching documentation: an account branch and a labelled shoppingcart branch.")


def linear_files():
    revs = ["1a2b3c4d5e01", "1a2b3c4d5e02", "2f00d00d0003", "2f00d00d0004", "9c9c9c9c0005"]
    return {f"{r}_step_{i + 1}.py": generic(r, revs[i - 1] if i else None, f"step {i + 1}") for i, r in enumerate(revs)}


def migrate_linear():
    write("mg_linear", linear_files(), [
        "upgrade +1", "current", "upgrade +2", "current", "upgrade head", "current",
        "downgrade -1", "current", "downgrade -2", "current", "downgrade base", "current",
        "upgrade 2f00d00d0004", "current", "upgrade 1a2b3c4d5e01", "current",
        "downgrade 9c9c9c9c0005", "upgrade 1a2b3c4d5e01+2", "current",
        "upgrade head+1", "upgrade -1", "upgrade +0", "downgrade +1", "downgrade -0", "downgrade 9c9c9c9c0005-2",
        "downgrade -9", "upgrade +9", "downgrade base-1", "downgrade base+0",
        "stamp head", "current", "stamp base", "current", "stamp 2f00d00d0003", "current",
        "stamp 1a2b3c4d5e02", "current", "stamp 9c9c9c9c0005 --purge", "current",
        "downgrade 2f00", "current", "upgrade 2f00", "downgrade 1a2b3c4d5e02", "current",
        "upgrade head --sql", "upgrade 1a2b3c4d5e01:head --sql", "upgrade 2f00d00d0003:+1 --sql",
        "downgrade head:base --sql", "downgrade -1 --sql", "downgrade head:1a2b3c4d5e02 --sql",
        "downgrade 2f00d00d0004:-1 --sql", "upgrade base:1a2b3c4d5e02 --sql",
        "stamp head --sql", "stamp base:2f00d00d0003 --sql", "stamp 1a2b3c4d5e02:head --sql",
        "upgrade 1a2b3c4d5e01:2f00d00d0003", "current",
        at("deadbeef0000"), "upgrade head", "stamp head", "stamp --purge head", "current",
        "downgrade base", "current",
    ], "Upgrade, downgrade and stamp on a linear chain of empty migrations, online and --sql.")


def migrate_branches():
    files = {
        "a0_root.py": generic("aaaa00000001", None, "root"),
        "b1_left.py": generic("bbbb00000002", "aaaa00000001", "left", labels=["left"]),
        "b2_left_more.py": generic("bbbb00000003", "bbbb00000002", "left more"),
        "c1_right.py": generic("cccc00000002", "aaaa00000001", "right"),
        "c2_right_more.py": generic("cccc00000003", "cccc00000002", "right more", labels=["right"]),
        "d1_merge.py": generic("dddd00000004", ["bbbb00000003", "cccc00000003"], "merge left and right"),
        "x1_plugin.py": generic("9999aaaa0001", None, "plugin base", labels=["plugin"], deps=["bbbb00000002"]),
        "x2_plugin.py": generic("9999aaaa0002", "9999aaaa0001", "plugin two"),
    }
    write("mg_branches", files, [
        "upgrade head", "upgrade heads", "current", "downgrade -1", "current",
        "downgrade base", "current",
        "upgrade bbbb00000003", "current", "upgrade right@+1", "current", "upgrade right@+1", "current",
        "upgrade dddd00000004", "current", "downgrade cccc00000002", "current",
        "downgrade left@-1", "current", "downgrade base", "current",
        "upgrade plugin@head", "current", "downgrade left@base", "current", "downgrade plugin@base", "current",
        "upgrade plugin@+1", "current", "upgrade +1", "downgrade base",
        "stamp bbbb00000003 cccc00000002", "current", "stamp dddd00000004", "current",
        "stamp heads", "current", "stamp base", "current", "stamp plugin@head", "current",
        "upgrade dddd00000004", "current", "downgrade bbbb00000003", "current",
        "upgrade heads --sql", "upgrade dddd00000004:heads --sql", "downgrade dddd00000004:aaaa00000001 --sql",
        "downgrade heads:base --sql", "stamp heads --sql",
        "downgrade base", "current",
    ], "Upgrade, downgrade and stamp across labelled branches, a merge and a dependency.")


def migrate_effective_head():
    files = {
        "01_c1.py": generic("c0de00000001", None, "core one"),
        "02_c2.py": generic("c0de00000002", "c0de00000001", "core two"),
        "03_p1.py": generic("9106000000a1", None, "plugin one", labels=["plugin"], deps=["c0de00000002"]),
    }
    write("mg_effective_head", files, [
        "upgrade head", "upgrade heads", "current", "downgrade plugin@base", "current",
        "downgrade base", "upgrade plugin@head", "current", "downgrade -1", "current", "downgrade base", "current",
    ], "Upgrading and downgrading across a dependency on the core head.")


def migrate_version_table():
    write("mg_version_table", {
        "a.py": generic("aaaa0001", None, "a"),
        "b.py": generic("bbbb0002", "aaaa0001", "b"),
    }, ["upgrade head", "current", "downgrade -1", "current", "upgrade head --sql", "downgrade base", "current"],
        "env.py configures version_table='my_versions'.", configure={"version_table": "my_versions"})


if __name__ == "__main__":
    migrate_linear()
    migrate_branches()
    migrate_effective_head()
    migrate_version_table()
    version_table()
    shoppingcart()
    linear()
    branches()
    effective_head()
    classic_files()
    errors()
