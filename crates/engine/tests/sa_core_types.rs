#![cfg(feature = "sa-core")]
//! SQLAlchemy pieces the scenario goldens cannot pin (real Alembic's message carries an
//! object address, or the module is not installed next to it): sqlmodel's `AutoString`,
//! other databases' types SQLite cannot render, Core statements' errors, `with_variant`.

use engine::command::{self, CommandError, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

/// Runs `upgrade head` (online, or `--sql`) of one revision whose `upgrade()` is `body`.
fn upgrade(body: &str, sql: bool) -> Result<Output, CommandError> {
    let text = format!(
        "\"\"\"r\"\"\"\nrevision = 'aaaa0001'\ndown_revision = None\nfrom alembic import op\nimport sqlalchemy as sa\n\
         from sqlalchemy.dialects import mysql, postgresql\nimport sqlmodel\n\n\
         def upgrade():\n{}\n\ndef downgrade():\n    pass\n",
        body.lines().map(|l| format!("    {l}\n")).collect::<String>()
    );
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![("/v/aaaa0001.py".to_string(), text)])).unwrap();
    let mut db = OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"));
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = command::Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, "head", sql)
}

fn sql_of(out: &Output) -> Vec<String> {
    out.statements.iter().map(|s| s.sql.clone()).collect()
}

fn failure(r: Result<Output, CommandError>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(out) => panic!("expected a failure, got {:?}", sql_of(&out)),
    }
}

#[test]
fn sqlmodel_autostring_is_a_varchar() {
    let out = upgrade(
        "op.create_table('t', sa.Column('a', sqlmodel.sql.sqltypes.AutoString()), sa.Column('b', sqlmodel.sql.sqltypes.AutoString(length=40)))",
        true,
    )
    .unwrap();
    let create = sql_of(&out).into_iter().find(|s| s.starts_with("CREATE TABLE t")).unwrap();
    assert!(create.contains("a VARCHAR, ") && create.contains("b VARCHAR(40)"), "{create}");
}

#[test]
fn sqlmodel_names_it_does_not_provide_are_refused() {
    let msg = failure(upgrade("sqlmodel.SQLModel", false));
    assert!(msg.contains("sqlmodel.SQLModel"), "{msg}");
}

#[test]
fn a_type_sqlite_cannot_render_fails_when_its_ddl_is_written() {
    for (ty, name) in [("mysql.LONGTEXT()", "LONGTEXT"), ("postgresql.ARRAY(sa.String)", "ARRAY"), ("postgresql.BYTEA()", "BYTEA")] {
        let msg = failure(upgrade(&format!("op.create_table('t', sa.Column('a', {ty}))"), true));
        assert!(
            msg.contains("(in table 't', column 'a'): Compiler") && msg.contains(&format!("can't render element of type {name}")),
            "{msg}"
        );
    }
    // Built, then replaced by the SQLite variant: no error.
    let out = upgrade("op.create_table('t', sa.Column('a', mysql.LONGTEXT().with_variant(sa.Text(), 'sqlite')))", true).unwrap();
    assert!(sql_of(&out).iter().any(|s| s.contains("a TEXT")));
}

#[test]
fn with_variant_for_other_databases_keeps_the_type() {
    let out = upgrade("op.create_table('t', sa.Column('a', sa.String(3).with_variant(sa.Text(), 'postgresql', 'mysql')))", true).unwrap();
    assert!(sql_of(&out).iter().any(|s| s.contains("a VARCHAR(3)")), "{:?}", sql_of(&out));
}

#[test]
fn core_insert_of_a_column_the_table_lacks_is_sqlalchemys_compile_error() {
    let body = "t = sa.table('t', sa.column('id', sa.Integer))\nop.execute(t.insert().values(id=1, nope=2))";
    let msg = failure(upgrade(body, false));
    assert!(msg.contains("Unconsumed column names: nope"), "{msg}");
}

#[test]
fn a_missing_bindparam_value_is_named() {
    let body = "op.create_table('t', sa.Column('id', sa.Integer))\nt = sa.table('t', sa.column('id', sa.Integer))\n\
                op.get_bind().execute(t.delete().where(t.c.id == sa.bindparam('x')))";
    let msg = failure(upgrade(body, false));
    assert!(msg.contains("A value is required for bind parameter 'x'"), "{msg}");
}

#[test]
fn select_of_a_list_is_the_argument_error_of_sqlalchemy_2() {
    let body = "t = sa.table('t', sa.column('id'))\nsa.select([t.c.id])";
    let msg = failure(upgrade(body, false));
    assert!(msg.contains("Did you mean to say select(...)?"), "{msg}");
}

#[test]
fn online_core_statements_bind_parameters() {
    let body = "op.create_table('t', sa.Column('id', sa.Integer), sa.Column('name', sa.String(9)))\n\
                t = sa.table('t', sa.column('id', sa.Integer), sa.column('name', sa.String))\n\
                op.execute(t.insert().values(id=1, name=\"o'k\"))\n\
                op.execute(t.update().where(t.c.id.in_([1, 2])).values(name=t.c.name + '!'))";
    let out = upgrade(body, false).unwrap();
    let stmts: Vec<_> = out.statements.iter().filter(|s| s.sql.starts_with("INSERT INTO t") || s.sql.starts_with("UPDATE t")).collect();
    assert_eq!(stmts[0].sql, "INSERT INTO t (id, name) VALUES (?, ?)");
    assert_eq!(stmts[0].params, vec![engine::runtime::SqlValue::Integer(1), engine::runtime::SqlValue::Text("o'k".into())]);
    assert_eq!(stmts[1].sql, "UPDATE t SET name=(t.name || ?) WHERE t.id IN (?, ?)");
    assert_eq!(stmts[1].params.len(), 3);
}

#[test]
fn offline_bulk_insert_into_an_untyped_column_fails_as_alembic_does() {
    // Real Alembic 1.20.1 / SQLAlchemy 2.1.9 on the same call: this CompileError.
    let body = "t = sa.table('t', sa.column('a'), sa.column('b', sa.Integer))\nop.bulk_insert(t, [{'a': 1, 'b': 2}])";
    let msg = failure(upgrade(body, true));
    assert!(msg.contains("No literal value renderer is available for literal value \"1\" with datatype NULL"), "{msg}");
    let ok = upgrade("t = sa.table('t', sa.column('b', sa.Integer))\nop.bulk_insert(t, [{'b': 2.7}, {'b': None}])", true).unwrap();
    let inserts: Vec<_> = sql_of(&ok).into_iter().filter(|s| s.starts_with("INSERT INTO t")).collect();
    assert_eq!(inserts, ["INSERT INTO t (b) VALUES (2)", "INSERT INTO t (b) VALUES (NULL)"]);
}
