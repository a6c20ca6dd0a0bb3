#![cfg(all(feature = "stdlib", feature = "generators"))]
//! Revision files using their project's `@contextmanager` helpers, as Apache Airflow's do
//! (`airflow/migrations/utils.py`, verbatim from apache-airflow-core 3.3.2 with its licence
//! notice): the generator runs lazily around the `with` body, so the SQL comes out in the
//! order real Alembic runs it.

use engine::command::{self, CommandError, Environment, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

const AIRFLOW_UTILS: &str = include_str!("project_modules/airflow_migrations_utils.py");

fn revision(id: &str, down: &str, upgrade: &str) -> (String, String) {
    let text = format!(
        "\"\"\"{id}\"\"\"\nrevision = '{id}'\ndown_revision = {down}\nfrom alembic import op\nimport sqlalchemy as sa\n\
         from airflow.migrations.utils import disable_sqlite_fkeys, ignore_sqlite_value_error\n\n\
         def upgrade():\n{upgrade}\n\ndef downgrade():\n    pass\n"
    );
    (format!("/v/{id}.py"), text)
}

fn upgrade(third: &str) -> Result<Output, CommandError> {
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![
        revision(
            "aaaa0001",
            "None",
            "    op.create_table('dag', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('allowed_run_types', sa.Text()))",
        ),
        revision(
            "aaaa0002",
            "'aaaa0001'",
            "    with disable_sqlite_fkeys(op):\n        with op.batch_alter_table('dag', schema=None) as batch_op:\n            batch_op.drop_column('allowed_run_types')",
        ),
        revision("aaaa0003", "'aaaa0002'", third),
    ]))
    .unwrap();
    let modules = ProjectModules::new(
        &[".".to_string()],
        vec![
            ("airflow/__init__.py".to_string(), String::new()),
            ("airflow/migrations/__init__.py".to_string(), String::new()),
            ("airflow/migrations/utils.py".to_string(), AIRFLOW_UTILS.to_string()),
        ],
    );
    let mut db = OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"));
    let options = EnvOptions::default();
    let mut runner = Runner::new(modules);
    let mut env = Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, "head", false)
}

/// The SQL of the step titled `... -> id`, each statement's first line, without batch mode's
/// reads of the table's definition.
fn step_sql(out: &Output, id: &str) -> Vec<String> {
    let step = out.steps.iter().find(|s| s.title.contains(&format!("-> {id}"))).expect("the step ran");
    let reads = ["SELECT sql FROM sqlite_master", "PRAGMA table_info", "PRAGMA index_list", "PRAGMA foreign_key_list"];
    out.statements_of(step)
        .iter()
        .map(|s| s.sql.trim().lines().next().unwrap_or("").trim().to_string())
        .filter(|sql| !reads.iter().any(|r| sql.starts_with(r)))
        .collect()
}

#[test]
fn the_helper_switches_foreign_keys_off_around_the_with_body() {
    let out = upgrade("    with ignore_sqlite_value_error():\n        int('x')\n    op.execute('DELETE FROM dag')").unwrap();
    assert_eq!(
        step_sql(&out, "aaaa0002"),
        [
            "PRAGMA foreign_keys=off",
            "CREATE TABLE _alembic_tmp_dag (",
            "INSERT INTO _alembic_tmp_dag (id) SELECT dag.id",
            "DROP TABLE dag",
            "ALTER TABLE _alembic_tmp_dag RENAME TO dag",
            "PRAGMA foreign_keys=on",
            "UPDATE alembic_version SET version_num='aaaa0002' WHERE alembic_version.version_num = 'aaaa0001'",
        ]
    );
    // `contextlib.suppress(ValueError)` from the project's helper swallowed `int('x')`.
    assert_eq!(step_sql(&out, "aaaa0003")[0], "DELETE FROM dag");
}

#[test]
fn an_error_in_the_with_body_passes_through_the_helper() {
    let third =
        "    with disable_sqlite_fkeys(op):\n        op.execute('DELETE FROM dag')\n        op.execute('INSERT INTO nowhere VALUES (1)')";
    let Err(CommandError::Migration(error, out)) = upgrade(third) else { panic!("the third migration fails") };
    assert_eq!(error.message, "(sqlite3.OperationalError) no such table: nowhere");
    // Real Alembic stops there too: the exception is thrown in at the helper's `yield`, which
    // does not catch it, so the helper never switches foreign keys back on.
    assert_eq!(step_sql(&out, "aaaa0003"), ["PRAGMA foreign_keys=off", "DELETE FROM dag", "INSERT INTO nowhere VALUES (1)"]);
}
