//! A failed command changes nothing, and a migration's own transaction control cannot break
//! the one-transaction-per-migration promise: every case compares the database FILE's bytes
//! before and after, and the version table with what was applied.

mod support;
use support::FileDb;

use engine::command::{self, CommandError, Environment};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const BASE: &str = "aaaa00000001";
const NEXT: &str = "bbbb00000002";

/// A root revision creating `t` with one row, and `NEXT` running `body`.
fn directory(body: &[&str]) -> ScriptDirectory {
    let body: String = body.iter().map(|l| format!("    {l}\n")).collect();
    let files = vec![
        (
            format!("/v/{BASE}_base.py"),
            format!(
                "\"\"\"base\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '{BASE}'\ndown_revision = None\n\n\
                 def upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))\n    \
                 op.execute('INSERT INTO t (id) VALUES (1)')\n\n\ndef downgrade():\n    op.drop_table('t')\n"
            ),
        ),
        (
            format!("/v/{NEXT}_next.py"),
            format!(
                "\"\"\"next\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '{NEXT}'\ndown_revision = '{BASE}'\n\n\
                 def upgrade():\n{body}\n\ndef downgrade():\n    pass\n"
            ),
        ),
    ];
    ScriptDirectory::load(&ScriptSource::single(files)).expect("the revisions load")
}

fn with_env<T>(dir: &ScriptDirectory, db: &std::path::Path, f: impl FnOnce(&mut Environment<'_>) -> T) -> T {
    let options = EnvOptions::default();
    let mut db = FileDb::new(db);
    let mut runner = Runner::default();
    let mut env = Environment { dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    f(&mut env)
}

fn upgrade(dir: &ScriptDirectory, db: &std::path::Path, target: &str) -> Result<(), CommandError> {
    with_env(dir, db, |env| command::upgrade(env, target, false).map(|_| ()))
}

fn stamp(dir: &ScriptDirectory, db: &std::path::Path, targets: &[&str], purge: bool) -> Result<(), CommandError> {
    let targets: Vec<String> = targets.iter().map(|s| s.to_string()).collect();
    with_env(dir, db, |env| command::stamp(env, &targets, false, purge).map(|_| ()))
}

fn query(db: &std::path::Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, rusqlite::types::Value>(0)).unwrap();
    rows.map(|v| format!("{:?}", v.unwrap())).collect()
}

fn versions(db: &std::path::Path) -> Vec<String> {
    query(db, "SELECT version_num FROM alembic_version")
}

fn tables(db: &std::path::Path) -> Vec<String> {
    query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
}

/// A fresh database file for one case, at `BASE`.
fn fresh(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("transaction-control-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&db);
    upgrade(&directory(&["pass"]), &db, BASE).expect("the base applies");
    db
}

/// Runs `upgrade head` with `body` in the second revision, expecting a failure whose message
/// contains `expected`; the file must be byte-identical afterwards, and the unmodified
/// revision must still apply.
fn fails_unchanged(name: &str, body: &[&str], expected: &str) -> String {
    let db = fresh(name);
    let before = std::fs::read(&db).unwrap();
    let err = upgrade(&directory(body), &db, "head").expect_err("the migration fails").to_string();
    assert!(err.contains(expected), "{name}: {err}");
    assert!(std::fs::read(&db).unwrap() == before, "{name}: the failed migration changed the database file ({err})");
    upgrade(&directory(&["op.execute('INSERT INTO t (id) VALUES (2)')"]), &db, "head").unwrap();
    assert_eq!(versions(&db), vec![format!("Text(\"{NEXT}\")")], "{name}");
    err
}

const REFUSAL: &str = "inside a migration is refused: each migration runs in one transaction together with its alembic_version update";

#[test]
fn commit_or_rollback_after_dml_is_refused_and_nothing_changes() {
    for (stmt, word) in [("COMMIT", "COMMIT"), ("ROLLBACK", "ROLLBACK"), ("end", "COMMIT"), ("rollback transaction", "ROLLBACK")] {
        let bodies: [&[&str]; 3] = [
            // The case: ROLLBACK, then a failure.
            &[
                "op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))",
                "op.execute('INSERT INTO t2 (id) VALUES (1)')",
                &format!("op.execute('{stmt}')"),
                "op.execute('INSERT INTO missing (id) VALUES (1)')",
            ],
            // And the same followed by statements that succeed.
            &[
                "op.execute('UPDATE t SET id = 5')",
                &format!("op.execute('{stmt}')"),
                "op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))",
            ],
            // Through the connection rather than `op.execute`.
            &["op.execute('DELETE FROM t')", &format!("op.get_bind().execute(sa.text('{stmt}'))")],
        ];
        for (n, body) in bodies.iter().enumerate() {
            let err = fails_unchanged(&format!("refused-{}-{n}", stmt.replace(' ', "_")), body, &format!("{word} {REFUSAL}"));
            // Names the revision, the file and the line.
            assert!(err.contains(&format!("(upgrade {BASE} -> {NEXT}, {NEXT}_next.py:")), "{err}");
        }
    }
}

#[test]
fn transaction_control_pysqlite_refuses_fails_with_its_message() {
    let cases: [(&str, &[&str], &str); 5] = [
        ("commit-first", &["op.execute('COMMIT')"], "(sqlite3.OperationalError) cannot commit - no transaction is active"),
        (
            "rollback-first",
            &["op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))", "op.execute('ROLLBACK')"],
            "(sqlite3.OperationalError) cannot rollback - no transaction is active",
        ),
        (
            "begin-after-dml",
            &["op.execute('INSERT INTO t (id) VALUES (7)')", "op.execute('BEGIN TRANSACTION')"],
            "(sqlite3.OperationalError) cannot start a transaction within a transaction",
        ),
        (
            "release-unknown",
            &["op.execute('INSERT INTO t (id) VALUES (7)')", "op.execute('RELEASE x')"],
            "(sqlite3.OperationalError) no such savepoint: x",
        ),
        ("rollback-to-unknown", &["op.execute('ROLLBACK TO x')"], "(sqlite3.OperationalError) no such savepoint: x"),
    ];
    for (name, body, expected) in cases {
        fails_unchanged(name, body, expected);
    }
}

#[test]
fn begin_before_dml_and_savepoints_run_in_the_migrations_transaction() {
    // BEGIN before any DML: pysqlite starts its transaction there; ours is already open.
    let db = fresh("begin-first");
    let body = [
        "op.execute('BEGIN')",
        "op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))",
        "op.execute('INSERT INTO t2 (id) VALUES (1)')",
    ];
    upgrade(&directory(&body), &db, "head").unwrap();
    assert_eq!(versions(&db), vec![format!("Text(\"{NEXT}\")")]);
    assert_eq!(query(&db, "SELECT id FROM t2"), vec!["Integer(1)"]);

    // Savepoints, released and rolled back to: the result pysqlite gives.
    let db = fresh("savepoints");
    let body = [
        "op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))",
        "op.execute('SAVEPOINT a')",
        "op.execute('INSERT INTO t2 (id) VALUES (1)')",
        "op.execute('ROLLBACK TO a')",
        "op.execute('INSERT INTO t2 (id) VALUES (2)')",
        "op.execute('RELEASE a')",
        "op.execute('INSERT INTO t2 (id) VALUES (3)')",
    ];
    upgrade(&directory(&body), &db, "head").unwrap();
    assert_eq!(query(&db, "SELECT id FROM t2 ORDER BY id"), vec!["Integer(2)", "Integer(3)"]);
    assert_eq!(versions(&db), vec![format!("Text(\"{NEXT}\")")]);

    // A released savepoint does not commit: a later failure still rolls back everything
    // (pysqlite commits at RELEASE of its outermost savepoint and keeps the part before).
    let body = [
        "op.create_table('t2', sa.Column('id', sa.Integer(), primary_key=True))",
        "op.execute('SAVEPOINT a')",
        "op.execute('INSERT INTO t2 (id) VALUES (1)')",
        "op.execute('RELEASE a')",
        "op.execute('INSERT INTO missing (id) VALUES (1)')",
    ];
    fails_unchanged("release-then-fail", &body, "no such table: missing");
    // And BEGIN before DML then a failure.
    fails_unchanged(
        "begin-then-fail",
        &["op.execute('BEGIN')", "op.execute('INSERT INTO missing (id) VALUES (1)')"],
        "no such table: missing",
    );
}

#[test]
fn stamp_purge_of_an_unknown_revision_changes_nothing() {
    let db = fresh("stamp-purge");
    let dir = directory(&["pass"]);
    let before = std::fs::read(&db).unwrap();
    let err = stamp(&dir, &db, &["nosuch"], true).expect_err("unknown revision").to_string();
    // Alembic's words (Alembic itself empties the table first).
    assert_eq!(err, "Can't locate revision identified by 'nosuch'");
    assert!(std::fs::read(&db).unwrap() == before, "stamp --purge emptied the version table before failing");
    assert_eq!(versions(&db), vec![format!("Text(\"{BASE}\")")]);
    // Still works with a known one, and purges an unknown row.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("INSERT INTO alembic_version VALUES ('feedfeedfeed')").unwrap();
    drop(conn);
    stamp(&dir, &db, &[NEXT], true).unwrap();
    assert_eq!(versions(&db), vec![format!("Text(\"{NEXT}\")")]);
    stamp(&dir, &db, &["base"], true).unwrap();
    assert!(versions(&db).is_empty());
}

#[test]
fn a_missing_version_table_is_created_only_by_a_command_that_succeeds() {
    let dir = std::env::temp_dir().join(format!("transaction-control-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("schema-without-version-table.db");
    let _ = std::fs::remove_file(&db);
    // The schema is there (created by hand, or the version table dropped), the version table not.
    rusqlite::Connection::open(&db).unwrap().execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);").unwrap();
    let before = std::fs::read(&db).unwrap();
    let scripts = directory(&["pass"]);
    let err = upgrade(&scripts, &db, "head").expect_err("table t already exists").to_string();
    assert!(err.contains("table t already exists"), "{err}");
    assert!(std::fs::read(&db).unwrap() == before, "the failed upgrade created the version table");
    assert_eq!(tables(&db), vec!["Text(\"t\")"]);
    // A planning failure, a failed stamp: nothing either.
    upgrade(&scripts, &db, "nosuch").expect_err("unknown revision");
    stamp(&scripts, &db, &["nosuch"], false).expect_err("unknown revision");
    stamp(&scripts, &db, &["nosuch"], true).expect_err("unknown revision");
    assert!(std::fs::read(&db).unwrap() == before, "a failed command created the version table");
    // A stamp that succeeds creates it, as Alembic's does.
    stamp(&scripts, &db, &[BASE], false).unwrap();
    assert_eq!(versions(&db), vec![format!("Text(\"{BASE}\")")]);
    upgrade(&scripts, &db, "head").unwrap();
    assert_eq!(versions(&db), vec![format!("Text(\"{NEXT}\")")]);
}
