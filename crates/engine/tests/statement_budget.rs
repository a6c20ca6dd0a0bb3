//! Every statement of a migration has a budget of SQLite instructions: a revision whose
//! `upgrade()` runs an endless recursive query is interrupted with a clear error naming the
//! revision and the statement, and its migration is rolled back (the file is unchanged).
//! Counted, not timed: nothing here measures time.

mod support;
use support::FileDb;

use engine::command::{self, CommandError, Environment};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const ENDLESS: &str = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

fn directory(second_upgrade: &str) -> ScriptDirectory {
    let first = "\"\"\"first\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = 'aaaa00000001'\ndown_revision = None\n\n\
                 def upgrade():\n    op.create_table('t', sa.Column('x', sa.Integer()))\n    op.execute('INSERT INTO t VALUES (1)')\n\n\
                 def downgrade():\n    op.drop_table('t')\n";
    let second = format!(
        "\"\"\"second\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = 'bbbb00000002'\ndown_revision = 'aaaa00000001'\n\n\
         def upgrade():\n    op.create_table('u', sa.Column('x', sa.Integer()))\n    op.execute('INSERT INTO t VALUES (2)')\n{second_upgrade}\n\n\
         def downgrade():\n    op.drop_table('u')\n"
    );
    let files = vec![("/v/aaaa00000001_first.py".to_string(), first.to_string()), ("/v/bbbb00000002_second.py".to_string(), second)];
    ScriptDirectory::load(&ScriptSource::single(files)).expect("the chain loads")
}

fn upgrade(dir: &ScriptDirectory, db: &mut FileDb, target: &str) -> Result<(), CommandError> {
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = Environment { dir, options: &options, db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, target, false).map(|_| ())
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("statement-budget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn an_endless_query_is_interrupted_and_its_migration_rolled_back() {
    let path = temp("endless.db");
    let dir = directory(&format!("    op.execute(\"{ENDLESS}\")"));
    // A small budget keeps the unoptimised test quick; the default is the same mechanism.
    let mut db = FileDb::with_statement_budget(&path, 5_000_000);
    upgrade(&dir, &mut db, "aaaa00000001").expect("the first revision applies");
    let before = std::fs::read(&path).unwrap();

    let err = upgrade(&dir, &mut db, "head").expect_err("the endless query is stopped");
    assert_eq!(
        err.to_string(),
        format!(
            "(sqlite3.OperationalError) interrupted: the statement exceeded its budget of 5000000 SQLite instructions \
             (a query that never ends?) [SQL: {ENDLESS}] (upgrade aaaa00000001 -> bbbb00000002, bbbb00000002_second.py:11:5)"
        )
    );
    // Nothing of the failed migration remains: same bytes, same version row, no table `u`.
    assert!(std::fs::read(&path).unwrap() == before, "the database file changed");
    let conn = &db.database().unwrap().conn;
    let version: String = conn.query_row("SELECT version_num FROM alembic_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, "aaaa00000001");
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'u'", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0);
    // The budget belongs to the command: afterwards the connection runs a longer query freely.
    let n: i64 = conn
        .query_row("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 1000000) SELECT count(*) FROM c", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1_000_000);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn each_statement_has_its_own_budget() {
    // Twenty statements of about a million instructions each: within a 5 million budget each,
    // far beyond it together.
    let finite = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 50000) INSERT INTO t SELECT x FROM c";
    let body: String = (0..20).map(|_| format!("    op.execute('{finite}')\n")).collect();
    let path = temp("finite.db");
    let mut db = FileDb::with_statement_budget(&path, 5_000_000);
    upgrade(&directory(&body), &mut db, "head").expect("every statement stays within its budget");
    let n: i64 = db.database().unwrap().conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2 + 20 * 50_000);
    let _ = std::fs::remove_file(&path);
}
