//! A migrating command's output groups its statements by step: the step's title as the log
//! names it, its statements, and its failure.

use engine::command::{self, CommandError, Environment, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

fn revision(id: &str, down: &str, doc: &str, body: &str) -> (String, String) {
    let text = format!(
        "\"\"\"{doc}\"\"\"\nrevision = '{id}'\ndown_revision = {down}\nfrom alembic import op\nimport sqlalchemy as sa\n\n\
         def upgrade():\n    {body}\n\ndef downgrade():\n    op.execute('DELETE FROM t')\n"
    );
    (format!("/v/{id}.py"), text)
}

/// Three revisions; the third fails at its second statement when `failing`.
fn directory(failing: bool) -> ScriptDirectory {
    let third = if failing {
        "op.execute('INSERT INTO t (id) VALUES (3)')\n    op.execute('INSERT INTO nowhere (id) VALUES (1)')"
    } else {
        "op.execute('INSERT INTO t (id) VALUES (3)')"
    };
    ScriptDirectory::load(&ScriptSource::single(vec![
        revision("aaaa0001", "None", "create t", "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))"),
        revision("aaaa0002", "'aaaa0001'", "first row", "op.execute('INSERT INTO t (id) VALUES (2)')"),
        revision("aaaa0003", "'aaaa0002'", "second row", third),
    ]))
    .unwrap()
}

fn database() -> OpenDatabase {
    OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"))
}

fn run(
    dir: &ScriptDirectory,
    db: &mut OpenDatabase,
    f: impl FnOnce(&mut Environment<'_>) -> Result<Output, CommandError>,
) -> Result<Output, CommandError> {
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = Environment { dir, options: &options, db, runner: &mut runner, record_applied_at: None };
    f(&mut env)
}

/// Each step as (title, its statements' first words, failed).
fn grouped(out: &Output) -> Vec<(String, Vec<String>, bool)> {
    out.steps
        .iter()
        .map(|step| {
            let sql = out.statements_of(step).iter().map(|s| s.sql.split('(').next().unwrap().trim().to_string()).collect();
            (step.title.clone(), sql, step.failure.is_some())
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_upgrade_of_several_revisions_groups_its_statements_by_step() {
    let dir = directory(false);
    let mut db = database();
    let out = run(&dir, &mut db, |env| command::upgrade(env, "head", false)).unwrap();
    assert_eq!(
        grouped(&out),
        [
            ("upgrade  -> aaaa0001, create t".to_string(), strings(&["CREATE TABLE t", "INSERT INTO alembic_version"]), false),
            (
                "upgrade aaaa0001 -> aaaa0002, first row".to_string(),
                strings(&[
                    "INSERT INTO t",
                    "UPDATE alembic_version SET version_num='aaaa0002' WHERE alembic_version.version_num = 'aaaa0001'"
                ]),
                false
            ),
            (
                "upgrade aaaa0002 -> aaaa0003, second row".to_string(),
                strings(&[
                    "INSERT INTO t",
                    "UPDATE alembic_version SET version_num='aaaa0003' WHERE alembic_version.version_num = 'aaaa0002'"
                ]),
                false
            ),
        ]
    );
    // The steps cover the flat list, in order.
    assert_eq!(out.steps.last().unwrap().statements.end, out.statements.len());
    // The log names the same steps.
    let running: Vec<&str> = out.log.iter().filter_map(|r| r.message.strip_prefix("Running ")).collect();
    assert_eq!(running, out.steps.iter().map(|s| s.title.as_str()).collect::<Vec<_>>());

    let out = run(&dir, &mut db, |env| command::downgrade(env, "aaaa0002", false)).unwrap();
    assert_eq!(
        grouped(&out),
        [(
            "downgrade aaaa0003 -> aaaa0002, second row".to_string(),
            strings(&["DELETE FROM t", "UPDATE alembic_version SET version_num='aaaa0002' WHERE alembic_version.version_num = 'aaaa0003'"]),
            false
        )]
    );
}

#[test]
fn a_failing_step_has_its_statements_and_its_failure_and_is_rolled_back() {
    let dir = directory(true);
    let mut db = database();
    let Err(CommandError::Migration(error, out)) = run(&dir, &mut db, |env| command::upgrade(env, "head", false)) else {
        panic!("the third migration fails")
    };
    let steps = grouped(&out);
    assert_eq!(steps.len(), 3);
    assert_eq!(
        steps[2],
        ("upgrade aaaa0002 -> aaaa0003, second row".to_string(), strings(&["INSERT INTO t", "INSERT INTO nowhere"]), true)
    );
    assert!(!steps[0].2 && !steps[1].2);
    let failure = out.steps[2].failure.as_deref().unwrap();
    assert_eq!(failure, &*error);
    assert_eq!(failure.message, "(sqlite3.OperationalError) no such table: nowhere");
    assert_eq!(failure.statement.as_deref(), Some("INSERT INTO nowhere (id) VALUES (1)"));
    assert_eq!(failure.step.as_deref(), Some("upgrade aaaa0002 -> aaaa0003"));
    // The failed migration was rolled back: its first INSERT is gone, the version is the second.
    assert_eq!(db.0.version_rows().unwrap(), ["aaaa0002"]);
    let ids: Vec<i64> =
        db.0.conn.prepare("SELECT id FROM t ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(ids, [2]);

    // Through `invoke` (the CLI's and the page's path) the partial output keeps the steps.
    let inv = engine::command::line::parse(&strings(&["upgrade", "head"])).unwrap();
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let context = engine::command::invoke::Invocation { options: Ok(&options), db: &mut db, runner: &mut runner, record_applied_at: None };
    let (error, partial) = engine::command::invoke::run(&inv.command, || Ok(directory(true)), context).unwrap_err();
    let partial = partial.unwrap();
    assert_eq!(partial.steps.len(), 1);
    assert_eq!(partial.statements_of(&partial.steps[0]).len(), 2);
    assert_eq!(partial.steps[0].failure.as_ref().unwrap().to_string(), error.to_string());
}

#[test]
fn a_stamp_is_one_step_with_its_version_table_statement() {
    let dir = directory(false);
    let mut db = database();
    let out = run(&dir, &mut db, |env| command::stamp(env, &strings(&["aaaa0002"]), false, false)).unwrap();
    assert_eq!(grouped(&out), [("stamp_revision  -> aaaa0002".to_string(), strings(&["INSERT INTO alembic_version"]), false)]);
    let out = run(&dir, &mut db, |env| command::stamp(env, &strings(&["base"]), false, false)).unwrap();
    assert_eq!(
        grouped(&out),
        [(
            "stamp_revision aaaa0002 -> ".to_string(),
            strings(&["DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa0002'"]),
            false
        )]
    );
}

#[test]
fn offline_sql_is_grouped_the_same_way() {
    let dir = directory(false);
    let mut db = database();
    let out = run(&dir, &mut db, |env| command::upgrade(env, "aaaa0002", true)).unwrap();
    assert_eq!(
        grouped(&out),
        [
            (
                "upgrade  -> aaaa0001, create t".to_string(),
                strings(&["CREATE TABLE alembic_version", "CREATE TABLE t", "INSERT INTO alembic_version"]),
                false
            ),
            (
                "upgrade aaaa0001 -> aaaa0002, first row".to_string(),
                strings(&[
                    "INSERT INTO t",
                    "UPDATE alembic_version SET version_num='aaaa0002' WHERE alembic_version.version_num = 'aaaa0001'"
                ]),
                false
            ),
        ]
    );
    // Offline, nothing touched the database.
    assert!(!db.0.has_version_table().unwrap());
    let out = run(&dir, &mut db, |env| command::stamp(env, &strings(&["aaaa0001:aaaa0003"]), true, false)).unwrap();
    assert_eq!(out.steps.len(), 1);
    assert_eq!(out.steps[0].title, "stamp_revision aaaa0001 -> aaaa0003");
}
