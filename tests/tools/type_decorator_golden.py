"""Writes crates/engine/tests/type_decorator/create_table.sql: the CREATE TABLE that real
SQLAlchemy compiles for SQLite from the TypeDecorator and Enum(PythonEnum) column types of
crates/engine/tests/type_decorator/types.py (which pylite runs in type_decorator.rs).

Run with the repository's venv: `.venv/bin/python tests/tools/type_decorator_golden.py`.
"""
import pathlib

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

here = pathlib.Path(__file__).resolve().parents[2] / "crates" / "engine" / "tests" / "type_decorator"
scope = {}
exec(compile((here / "types.py").read_text(), "types.py", "exec"), scope)
table = sa.Table("t", sa.MetaData(), *scope["COLUMNS"])
ddl = str(CreateTable(table).compile(dialect=sqlite.dialect())).strip()
(here / "create_table.sql").write_text(ddl + "\n")
print(ddl)
