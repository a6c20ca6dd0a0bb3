//! A version table named with a reserved word (`context.configure(version_table="order")`):
//! every statement on it is quoted as SQLAlchemy quotes it (`sqlschema::quoting`, the one
//! writer), online and with `--sql`, and the commands work on SQLite.

use engine::command::invoke::{self, Failure, Invocation};
use engine::command::{line, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const ENV_PY: &str = "from alembic import context\n\n\
def run_migrations_online():\n    context.configure(connection=None, target_metadata=None, version_table=\"order\")\n";

fn directory() -> ScriptDirectory {
    let revision = |id: &str, down: &str, body: &str| {
        let text = format!(
            "revision = '{id}'\ndown_revision = {down}\nfrom alembic import op\nimport sqlalchemy as sa\n\n\
             def upgrade():\n    {body}\n\ndef downgrade():\n    pass\n"
        );
        (format!("/v/{id}.py"), text)
    };
    ScriptDirectory::load(&ScriptSource::single(vec![
        revision("aaaa0001", "None", "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))"),
        revision("aaaa0002", "'aaaa0001'", "op.execute('INSERT INTO t (id) VALUES (1)')"),
    ]))
    .unwrap()
}

fn run(db: &mut OpenDatabase, options: &EnvOptions, text: &str) -> Result<Output, Failure> {
    let words: Vec<String> = text.split(' ').map(String::from).collect();
    let inv = line::parse(&words).unwrap();
    let mut runner = Runner::default();
    let context = Invocation { options: Ok(options), db, runner: &mut runner, record_applied_at: None };
    invoke::run(&inv.command, || Ok(directory()), context)
}

fn sql(out: &Output) -> Vec<&str> {
    out.statements.iter().map(|s| s.sql.as_str()).collect()
}

#[test]
fn a_reserved_version_table_name_is_quoted_everywhere_and_works() {
    let options = EnvOptions::from_env_py("migrations/env.py", ENV_PY).unwrap();
    assert_eq!(options.version_table, "order");
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let mut db = OpenDatabase(Database::new(conn, "sqlite://", options.version_table.clone()));

    let out = run(&mut db, &options, "upgrade head").unwrap();
    let created: String = db.0.conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'order'", [], |r| r.get(0)).unwrap();
    assert_eq!(
        created,
        "CREATE TABLE \"order\" (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT order_pkc PRIMARY KEY (version_num)\n)"
    );
    let statements = sql(&out);
    assert!(statements.contains(&"INSERT INTO \"order\" (version_num) VALUES ('aaaa0001')"), "{statements:?}");
    assert!(statements.contains(&"UPDATE \"order\" SET version_num='aaaa0002' WHERE \"order\".version_num = 'aaaa0001'"), "{statements:?}");

    let out = run(&mut db, &options, "current").unwrap();
    assert_eq!(out.stdout, "aaaa0002 (head)\n");

    let out = run(&mut db, &options, "downgrade -1").unwrap();
    assert_eq!(sql(&out), ["UPDATE \"order\" SET version_num='aaaa0001' WHERE \"order\".version_num = 'aaaa0002'"]);
    let out = run(&mut db, &options, "downgrade base").unwrap();
    assert_eq!(sql(&out), ["DELETE FROM \"order\" WHERE \"order\".version_num = 'aaaa0001'"]);
    assert_eq!(db.0.version_rows().unwrap(), Vec::<String>::new());

    let out = run(&mut db, &options, "stamp head").unwrap();
    assert_eq!(sql(&out), ["INSERT INTO \"order\" (version_num) VALUES ('aaaa0002')"]);
    assert_eq!(db.0.version_rows().unwrap(), ["aaaa0002"]);
    run(&mut db, &options, "stamp --purge aaaa0001").unwrap();
    assert_eq!(db.0.version_rows().unwrap(), ["aaaa0001"]);
    assert_eq!(run(&mut db, &options, "current").unwrap().stdout, "aaaa0001\n");
}

#[test]
fn offline_sql_quotes_the_reserved_version_table() {
    let options = EnvOptions::from_env_py("migrations/env.py", ENV_PY).unwrap();
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let mut db = OpenDatabase(Database::new(conn, "sqlite://", options.version_table.clone()));
    let out = run(&mut db, &options, "upgrade head --sql").unwrap();
    assert!(
        out.stdout.starts_with(
            "CREATE TABLE \"order\" (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT order_pkc PRIMARY KEY (version_num)\n);\n\n\
             -- Running upgrade  -> aaaa0001\n\n"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("INSERT INTO \"order\" (version_num) VALUES ('aaaa0001') RETURNING version_num;\n\n"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("UPDATE \"order\" SET version_num='aaaa0002' WHERE \"order\".version_num = 'aaaa0001';\n\n"),
        "{}",
        out.stdout
    );
    let out = run(&mut db, &options, "downgrade aaaa0002:base --sql").unwrap();
    assert!(out.stdout.contains("DELETE FROM \"order\" WHERE \"order\".version_num = 'aaaa0001';\n\n"), "{}", out.stdout);
    // Offline never touched the database.
    assert!(!db.0.has_version_table().unwrap());
}
