#![cfg(not(feature = "sa-core"))]
//! The page's build of the engine (`--no-default-features`: no `sa-core`): a revision file
//! that uses SQLAlchemy Core fails at the line that uses it, with a message naming what the
//! page leaves out and that the CLI runs it; names imported and not used cost nothing.
//! Run with `cargo test -p engine --no-default-features --test left_out_of_page`.

use engine::command::{self, CommandError, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};

/// Runs `upgrade head` of one revision whose `upgrade()` is `body`.
fn upgrade(body: &str) -> Result<Output, CommandError> {
    let text = format!(
        "\"\"\"r\"\"\"\nrevision = 'aaaa0001'\ndown_revision = None\nfrom alembic import op\nimport sqlalchemy as sa\n\
         from sqlalchemy import select\n\ndef upgrade():\n{}\n\ndef downgrade():\n    pass\n",
        body.lines().map(|l| format!("    {l}\n")).collect::<String>()
    );
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![("/v/aaaa0001.py".to_string(), text)])).unwrap();
    let mut db = OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"));
    let options = EnvOptions::default();
    let mut runner = Runner::default();
    let mut env = command::Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    command::upgrade(&mut env, "head", false)
}

/// The failed migration's message, `file:line` and help.
fn failure(body: &str) -> (String, String, String) {
    let Err(CommandError::Migration(e, _)) = upgrade(body) else { panic!("expected a failed migration") };
    let (path, source, span) = e.location.as_deref().expect("located");
    let line = diagnostics::LineIndex::new(source).line_col(source, span.start as usize).line;
    let help = e.diagnostic.as_ref().and_then(|d| d.help.clone()).unwrap_or_default();
    (e.message.clone(), format!("{path}:{line}"), help)
}

const WHY: &str = "is not available in the page: its build leaves it out to fit the download budget";

#[test]
fn sqlalchemy_core_fails_where_it_is_used_naming_what_the_page_leaves_out() {
    let t = "t = sa.table('t', sa.column('id', sa.Integer))\n";
    for (body, what, line) in [
        (
            "op.create_table('t', sa.Column('id', sa.Integer))\nconn = op.get_bind()\nconn.execute(select(sa.column('id')))",
            "sqlalchemy.select()",
            11,
        ),
        (&format!("{t}op.execute(t.update().values(id=2))") as &str, "Table.update", 10),
        (&format!("{t}x = sa.column('id') == 1"), "the operator '==' on a column", 10),
    ] {
        let (msg, place, help) = failure(body);
        assert_eq!(msg, format!("{what} (SQLAlchemy Core) {WHY}"));
        assert_eq!(place, format!("/v/aaaa0001.py:{line}"));
        assert!(help.starts_with("the alembic-playground CLI runs it"), "{help}");
    }
}

#[test]
fn the_connection_api_beyond_execute_fails_where_it_is_used() {
    for (body, what, line) in [
        ("conn = op.get_bind()\nsp = conn.begin_nested()", "Connection.begin_nested()", 10),
        ("ctx = op.get_context()\nwith ctx.autocommit_block():\n    pass", "MigrationContext.autocommit_block()", 10),
        ("from sqlalchemy.orm import Session\nconn = op.get_bind()\ns = Session(bind=conn)", "sqlalchemy.orm.Session()", 11),
    ] {
        let (msg, place, _) = failure(body);
        assert_eq!(msg, format!("{what} (SQLAlchemy's connection API) {WHY}"));
        assert_eq!(place, format!("/v/aaaa0001.py:{line}"));
    }
}

#[test]
fn core_names_imported_and_not_used_cost_nothing() {
    assert!(upgrade("op.create_table('t', sa.Column('id', sa.Integer))").is_ok());
}
