//! Nothing is lost: in a 20-revision chain, a failing statement injected before every
//! statement of every migration leaves the database file byte-identical to its state before
//! the failing migration, with earlier migrations of the same command still applied.

mod support;
use support::FileDb;

use engine::command::{self, CommandError, Environment};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const REVISIONS: usize = 20;

fn rev_id(i: usize) -> String {
    format!("{i:04}aaaa{i:04}")
}

/// The statements of revision `i`'s `upgrade()`, one per line.
fn upgrade_body(i: usize) -> Vec<String> {
    let mut body = vec![
        format!(
            "op.create_table('t{i}', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('name', sa.String(20), nullable=False))"
        ),
        format!("op.execute(\"INSERT INTO t{i} (id, name) VALUES (1, 'a'), (2, 'b')\")"),
        format!("op.create_index('ix_t{i}_name', 't{i}', ['name'])"),
    ];
    if i > 0 {
        let p = i - 1;
        body.push(format!("op.add_column('t{p}', sa.Column('c{i}', sa.Integer(), nullable=True))"));
        body.push(format!("op.execute('UPDATE t{p} SET c{i} = id * {i}')"));
    }
    body
}

fn revision_file(i: usize, body: &[String]) -> String {
    let down = if i == 0 { "None".to_string() } else { format!("'{}'", rev_id(i - 1)) };
    let body: String = body.iter().map(|l| format!("    {l}\n")).collect();
    format!(
        "\"\"\"step {i}\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '{}'\ndown_revision = {down}\n\n\
         def upgrade():\n{body}\n\ndef downgrade():\n    op.drop_table('t{i}')\n",
        rev_id(i)
    )
}

fn directory(failing: Option<(usize, usize)>) -> ScriptDirectory {
    let files = (0..REVISIONS)
        .map(|i| {
            let mut body = upgrade_body(i);
            if let Some((_rev, at)) = failing.filter(|(rev, _)| *rev == i) {
                body.insert(at, "op.execute('INSERT INTO no_such_table VALUES (1)')".to_string());
            }
            (format!("/v/{}_step.py", rev_id(i)), revision_file(i, &body))
        })
        .collect();
    ScriptDirectory::load(&ScriptSource::single(files)).expect("the chain loads")
}

fn upgrade(dir: &ScriptDirectory, db_path: &std::path::Path, target: &str) -> Result<(), CommandError> {
    let options = EnvOptions::default();
    let mut db = FileDb::new(db_path);
    let mut runner = Runner::default();
    let mut env =
        Environment { dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: Some("2026-01-01T00:00:00Z".into()) };
    command::upgrade(&mut env, target, false).map(|_| ())
}

#[test]
fn a_failing_statement_anywhere_leaves_the_database_as_before_its_migration() {
    let tmp = std::env::temp_dir().join(format!("failure-injection-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut cases = 0;
    for rev in 0..REVISIONS {
        for at in 0..=upgrade_body(rev).len() {
            let dir = directory(Some((rev, at)));
            let db = tmp.join(format!("r{rev}-s{at}.db"));
            let _ = std::fs::remove_file(&db);
            // The state before the failing migration, reached by the same command path.
            if rev > 0 {
                upgrade(&dir, &db, &rev_id(rev - 1)).expect("the revisions before the failing one apply");
            } else {
                // An empty database file with the version table, as `upgrade` leaves it.
                upgrade(&dir, &db, "base").expect("upgrade base is a no-op");
            }
            let before = std::fs::read(&db).unwrap();
            let err = upgrade(&dir, &db, "head").expect_err("the injected statement fails");
            let message = err.to_string();
            assert!(message.contains("no such table: no_such_table"), "r{rev} s{at}: {message}");
            let after = std::fs::read(&db).unwrap();
            assert!(before == after, "r{rev} s{at}: database file changed by the failed migration ({message})");
            // And it still works afterwards: the unmodified chain applies cleanly.
            upgrade(&directory(None), &db, "head").unwrap_or_else(|e| panic!("r{rev} s{at}: re-run failed: {e}"));
            let _ = std::fs::remove_file(&db);
            cases += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    // 3 statements in the first revision, 5 in each later one, plus the position after the last.
    assert_eq!(cases, 4 + (REVISIONS - 1) * 6, "every revision and statement position was tried");
}
