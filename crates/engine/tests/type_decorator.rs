#![cfg(feature = "stdlib")]
//! Column types built on SQLAlchemy's `TypeDecorator`, and `Enum` of Python enumerations, write the DDL real SQLAlchemy 2.1 does
//! on SQLite: `tests/type_decorator/types.py` run by pylite in a revision file, against
//! `create_table.sql` written by real SQLAlchemy (`tests/tools/type_decorator_golden.py`).

use engine::command::{self, CommandError, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const TYPES: &str = include_str!("type_decorator/types.py");
const GOLDEN: &str = include_str!("type_decorator/create_table.sql");

/// `upgrade head --sql` of one revision: `module` at its top, `upgrade()` running `body`.
fn upgrade(module: &str, body: &str) -> Result<Output, CommandError> {
    let text = format!(
        "\"\"\"r\"\"\"\nrevision = 'aaaa0001'\ndown_revision = None\nfrom alembic import op\n{module}\n\ndef upgrade():\n    {body}\n\ndef downgrade():\n    pass\n"
    );
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![("/v/aaaa0001.py".to_string(), text)])).unwrap();
    let mut db = OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"));
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = command::Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, "head", true)
}

#[test]
fn type_decorator_columns_write_sqlalchemys_ddl() {
    let out = upgrade(TYPES, "op.create_table('t', *COLUMNS)").unwrap();
    let create = out.statements.iter().map(|s| s.sql.trim().to_string()).find(|s| s.starts_with("CREATE TABLE t")).expect("a CREATE TABLE");
    assert_eq!(create, GOLDEN.trim());
}

#[test]
fn a_type_decorator_without_impl_fails_as_sqlalchemy_does() {
    let module = "from sqlalchemy.types import TypeDecorator\nclass NoImpl(TypeDecorator):\n    cache_ok = True\n";
    let e = upgrade(module, "NoImpl()").unwrap_err().to_string();
    assert!(e.contains("TypeDecorator implementations require a class-level variable 'impl'"), "{e}");
}

#[test]
fn load_dialect_impl_must_return_a_type() {
    let module = "import sqlalchemy as sa\nclass Odd(sa.TypeDecorator):\n    impl = sa.String\n    def load_dialect_impl(self, dialect):\n        return dialect.name\n";
    let e = upgrade(module, "op.create_table('t', sa.Column('a', Odd()))").unwrap_err().to_string();
    assert!(e.contains("load_dialect_impl() returned 'sqlite', not a type"), "{e}");
}

#[test]
fn compiles_decorates_the_functions_of_a_class_that_cannot_compile_here() {
    // airflow.utils.sqlalchemy: a FunctionElement subclass (a stand-in here) with a compiler
    // per dialect; the module goes on to define its column types.
    let module =
        "import sqlalchemy as sa\nfrom sqlalchemy.ext.compiler import compiles\nfrom sqlalchemy.sql.functions import FunctionElement\n\
                  class random_db_uuid(FunctionElement):\n    type = sa.String()\n\
                  @compiles(random_db_uuid, 'sqlite')\ndef _uuid(element, compiler, **kw):\n    return 'uuid4()'\n\
                  class UtcDateTime(sa.TypeDecorator):\n    impl = sa.TIMESTAMP(timezone=True)\n";
    let out = upgrade(module, "op.create_table('t', sa.Column('a', UtcDateTime()))").unwrap();
    assert!(out.statements.iter().any(|s| s.sql.contains("a TIMESTAMP")), "{:?}", out.statements);
    let e = upgrade(module, "op.create_table('t', sa.Column('a', sa.String(), server_default=random_db_uuid()))").unwrap_err().to_string();
    assert!(e.contains("class 'random_db_uuid' (this file) could not be created: its base 'sqlalchemy.sql.functions.FunctionElement' is not available here"), "{e}");
    // SQLAlchemy's own constructs compile as its defaults do: a compiler for one is refused.
    let e = upgrade("import sqlalchemy as sa\nfrom sqlalchemy.ext.compiler import compiles\n@compiles(sa.String, 'sqlite')\ndef f(e, c, **kw):\n    return 'X'\n", "pass")
        .unwrap_err()
        .to_string();
    assert!(e.contains("@compiles for"), "{e}");
}
