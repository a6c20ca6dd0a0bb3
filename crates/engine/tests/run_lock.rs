//! A migrating command holds SQLite's exclusive lock only while it runs: afterwards the same
//! long-lived connection (the browser's) and other connections can use the database again.

use engine::command::{self, Environment};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

fn revision(id: &str, down: &str, body: &str) -> (String, String) {
    let text = format!("revision = '{id}'\ndown_revision = {down}\nfrom alembic import op\nimport sqlalchemy as sa\n\ndef upgrade():\n    {body}\n\ndef downgrade():\n    pass\n");
    (format!("/v/{id}.py"), text)
}

#[test]
fn the_lock_is_released_when_the_command_ends() {
    let path = std::env::temp_dir().join(format!("run-lock-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![
        revision("aaaa0001", "None", "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))"),
        revision("aaaa0002", "'aaaa0001'", "op.execute('INSERT INTO t (id) VALUES (1)')"),
    ]))
    .unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut db = OpenDatabase(Database::new(conn, "sqlite:///run-lock.db", "alembic_version"));
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, "head", false).unwrap();

    // Another connection can write while the first one is still open.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute("INSERT INTO t (id) VALUES (2)", []).expect("the run's exclusive lock was released");
    let mode: String = db.0.conn.query_row("PRAGMA locking_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "normal");
    let count: i64 = db.0.conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 2);
    drop(other);
    drop(db);
    let _ = std::fs::remove_file(&path);
}
