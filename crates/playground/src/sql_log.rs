//! The SQL log grouped by revision step: a runner wrapper notes where each script's
//! statements start, and the `Running upgrade a -> b` log records name the steps.

use engine::command::LogRecord;
use engine::runtime::{Direction, MigrationError, ScriptRunner, SqlSink, SqlValue, Statement};
use engine::script::Script;

/// Runs scripts with the engine's runner and remembers, per step, the index of its first
/// statement. The engine's `Output.statements` is one flat list; this is what splits it
/// without changing the engine.
#[derive(Default)]
pub struct Recorder {
    runner: engine::operations::Runner,
    pub starts: Vec<usize>,
}

impl ScriptRunner for Recorder {
    fn run(&mut self, script: &Script, direction: Direction, sink: &mut dyn SqlSink) -> Result<(), MigrationError> {
        self.starts.push(sink.statements().len());
        self.runner.run(script, direction, sink)
    }
}

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

/// Splits a command's statements at the recorded starts. The statements before the first
/// start (the offline version-table DDL) belong to the first step; a command that ran no
/// script (`stamp`) gets one group.
pub fn group_steps(
    command: &str,
    log: &[LogRecord],
    statements: &[Statement],
    starts: &[usize],
    failed: bool,
    offline: bool,
) -> Vec<SqlStep> {
    let titles: Vec<&str> = log.iter().filter_map(|r| r.message.strip_prefix("Running ")).collect();
    if statements.is_empty() && titles.is_empty() {
        return Vec::new();
    }
    let rendered: Vec<String> = statements.iter().map(render_statement).collect();
    if starts.is_empty() {
        let title = if titles.is_empty() { command.to_string() } else { titles.join("; ") };
        return vec![SqlStep { command: command.into(), title, statements: rendered, failed, offline }];
    }
    let mut steps = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let lo = if i == 0 { 0 } else { start.min(rendered.len()) };
        let hi = starts.get(i + 1).map_or(rendered.len(), |&s| s.min(rendered.len()));
        steps.push(SqlStep {
            command: command.into(),
            title: titles.get(i).map_or_else(|| command.to_string(), |t| t.to_string()),
            statements: rendered[lo..hi.max(lo)].to_vec(),
            failed: failed && i + 1 == starts.len(),
            offline,
        });
    }
    steps
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
    use engine::command::Level;

    fn running(message: &str) -> LogRecord {
        LogRecord { level: Level::Info, logger: "alembic.runtime.migration", message: format!("Running {message}") }
    }

    fn stmt(sql: &str) -> Statement {
        Statement { sql: sql.into(), params: Vec::new() }
    }

    #[test]
    fn statements_split_at_each_step() {
        let log = [running("upgrade  -> a, one"), running("upgrade a -> b, two")];
        let sql = [
            stmt("CREATE TABLE t (x INT)"),
            stmt("INSERT INTO alembic_version ..."),
            stmt("ALTER TABLE t"),
            stmt("UPDATE alembic_version"),
        ];
        let steps = group_steps("upgrade head", &log, &sql, &[0, 2], false, false);
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].title, "upgrade  -> a, one");
        assert_eq!(steps[0].statements, ["CREATE TABLE t (x INT)", "INSERT INTO alembic_version ..."]);
        assert_eq!(steps[1].statements, ["ALTER TABLE t", "UPDATE alembic_version"]);
        assert!(!steps[1].failed);
    }

    #[test]
    fn the_failing_step_is_marked_and_stamps_form_one_group() {
        let steps = group_steps("upgrade head", &[running("upgrade  -> a, one")], &[stmt("BAD")], &[0], true, false);
        assert!(steps[0].failed);
        let steps = group_steps("stamp head", &[running("stamp_revision  -> a")], &[stmt("INSERT")], &[], false, true);
        assert_eq!((steps.len(), steps[0].title.as_str()), (1, "stamp_revision  -> a"));
        assert!(steps[0].offline);
        assert!(group_steps("heads", &[], &[], &[], false, false).is_empty());
    }

    #[test]
    fn parameters_are_shown_after_the_statement() {
        let s = Statement { sql: "INSERT INTO t VALUES (?, ?)".into(), params: vec![SqlValue::Integer(1), SqlValue::Text("a".into())] };
        assert_eq!(render_statement(&s), "INSERT INTO t VALUES (?, ?)\n-- parameters: (1, 'a')");
    }
}
