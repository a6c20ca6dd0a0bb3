//! The SQL log: statements grouped by revision step, as the engine's `Output` groups them.

use engine::command::Output;
use engine::runtime::{SqlValue, Statement};

/// The statements one step ran (or printed, with `--sql`).
#[derive(Clone, Debug, PartialEq)]
pub struct SqlStep {
    /// The console line (or `SQL box`) that ran it.
    pub command: String,
    /// The step as the migration log names it: `upgrade  -> b10900000001, create posts`.
    pub title: String,
    pub statements: Vec<String>,
    /// The step failed and was rolled back.
    pub failed: bool,
    /// `--sql`: printed, never run on the database.
    pub offline: bool,
}

/// The command's steps as the engine grouped them (`Output::steps`): each step's title as the
/// migration log names it, its statements, and whether it failed.
pub fn steps_of(command: &str, out: &Output, offline: bool) -> Vec<SqlStep> {
    out.steps
        .iter()
        .map(|step| SqlStep {
            command: command.into(),
            title: step.title.clone(),
            statements: out.statements_of(step).iter().map(render_statement).collect(),
            failed: step.failure.is_some(),
            offline,
        })
        .collect()
}

/// The statement's text, and its bound parameters as a trailing comment.
pub fn render_statement(statement: &Statement) -> String {
    let sql = statement.sql.trim().to_string();
    if statement.params.is_empty() {
        return sql;
    }
    let params: Vec<String> = statement.params.iter().map(render_value).collect();
    format!("{sql}\n-- parameters: ({})", params.join(", "))
}

fn render_value(value: &SqlValue) -> String {
    match value {
        SqlValue::Null => "None".into(),
        SqlValue::Integer(i) => i.to_string(),
        SqlValue::Real(f) => format!("{f:?}"),
        SqlValue::Text(s) => format!("'{}'", s.replace('\'', "\\'")),
        SqlValue::Blob(b) => format!("<{} bytes>", b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;
    use crate::session::Session;

    fn run(scenario: &str, line: &str) -> Vec<SqlStep> {
        let mut session = Session::open(&Project::bundled(crate::scenarios::bundled(scenario).unwrap())).unwrap();
        session.run_line(line).steps
    }

    #[test]
    fn one_group_per_step_named_as_the_log_names_it() {
        let steps = run("blog", "upgrade b10900000002");
        let titles: Vec<&str> = steps.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["upgrade  -> b10900000001, create posts", "upgrade b10900000001 -> b10900000002, add is_featured"]);
        assert!(steps[0].statements[0].starts_with("CREATE TABLE posts"), "{:?}", steps[0].statements);
        assert!(steps[0].statements.last().unwrap().starts_with("INSERT INTO alembic_version"), "{:?}", steps[0].statements);
        assert!(steps[1].statements.iter().any(|s| s.starts_with("ALTER TABLE posts ADD COLUMN is_featured")), "{:?}", steps[1]);
        assert!(steps[1].statements.last().unwrap().starts_with("UPDATE alembic_version"), "{:?}", steps[1]);
        assert!(steps.iter().all(|s| !s.failed && !s.offline && s.command == "upgrade b10900000002"));
    }

    #[test]
    fn the_failing_step_is_marked_and_offline_steps_too() {
        let steps = run("fail_halfway", "upgrade head");
        assert!(steps.last().unwrap().failed, "{steps:?}");
        assert!(steps[..steps.len() - 1].iter().all(|s| !s.failed));
        let steps = run("blog", "stamp b10900000001 --sql");
        assert_eq!((steps.len(), steps[0].title.as_str(), steps[0].offline), (1, "stamp_revision  -> b10900000001", true));
        assert!(run("blog", "heads").is_empty());
    }

    #[test]
    fn parameters_are_shown_after_the_statement() {
        let s = Statement { sql: "INSERT INTO t VALUES (?, ?)".into(), params: vec![SqlValue::Integer(1), SqlValue::Text("a".into())] };
        assert_eq!(render_statement(&s), "INSERT INTO t VALUES (?, ?)\n-- parameters: (1, 'a')");
    }
}
