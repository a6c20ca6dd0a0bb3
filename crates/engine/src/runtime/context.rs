//! `MigrationContext`: runs planned steps one by one, each with its version-table update,
//! inside one transaction per migration (online), or prints them (offline).

use diagnostics::{Diagnostic, Span};
use revision::VersionUpdate;

use super::sink::SqlSink;
use super::{Direction, ScriptRunner};
use crate::command::{LogRecord, Output, Step, MIGRATION_LOGGER};
use crate::database::DatabaseError;
use crate::script::Script;

/// What one step does besides moving the version table.
pub enum StepKind<'a> {
    Migration { script: &'a Script, direction: Direction },
    Stamp,
}

/// One planned step: Alembic's `MigrationStep` / `StampStep`.
pub struct StepPlan<'a> {
    pub kind: StepKind<'a>,
    /// Rows it moves from and to, as Alembic logs them (`Running upgrade a, b -> c`).
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub doc: String,
    pub updates: Vec<VersionUpdate>,
}

impl StepPlan<'_> {
    fn name(&self) -> &'static str {
        match self.kind {
            StepKind::Migration { direction: Direction::Upgrade, .. } => "upgrade",
            StepKind::Migration { direction: Direction::Downgrade, .. } => "downgrade",
            StepKind::Stamp => "stamp_revision",
        }
    }

    /// `upgrade a -> b` (offline comment).
    pub fn short_log(&self) -> String {
        format!("{} {} -> {}", self.name(), self.from.join(", "), self.to.join(", "))
    }

    /// `upgrade a -> b, doc` (the migration log).
    pub fn log(&self) -> String {
        if self.doc.is_empty() {
            self.short_log()
        } else {
            format!("{}, {}", self.short_log(), self.doc)
        }
    }
}

/// A migration that failed: what, where, and which statement.
/// Displayed on one line: the message and, for a failing statement, the statement and where
/// it came from, e.g.
/// `(sqlite3.OperationalError) no such table: t [SQL: UPDATE t ...] (upgrade a -> b, a_b.py:26:5)`.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationError {
    /// The database's or evaluator's own message, e.g. `(sqlite3.OperationalError) no such table: t`.
    pub message: String,
    /// `upgrade a -> b` of the step that failed.
    pub step: Option<String>,
    /// The statement that failed, if a statement did.
    pub statement: Option<String>,
    /// The revision file and the span of the `op` call (or other code) that failed.
    pub location: Option<Box<(String, String, Span)>>,
    pub diagnostic: Option<Box<Diagnostic>>,
    /// The failed migration was rolled back (online); `--sql` has no database to roll back.
    pub rolled_back: bool,
    /// The Python exception class real Alembic's traceback would end with
    /// (`sqlalchemy.exc.OperationalError`, `ValueError`); `None` for this program's own
    /// refusals and budgets, and for what Alembic reports as a `CommandError`; always `None`
    /// in the page's build (without the `stdlib` feature), whose console shows `FAILED:`.
    pub exception: Option<String>,
}

impl std::fmt::Display for MigrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        // Messages Alembic itself words (refusals, evaluation errors) stay word for word; a
        // failing statement is where Alembic only has a traceback, so say where it came from.
        let Some(stmt) = &self.statement else { return Ok(()) };
        write!(f, " [SQL: {}]", stmt.replace('\n', " ").replace('\t', ""))?;
        let place = self.location.as_deref().map(|(path, source, span)| {
            let at = diagnostics::LineIndex::new(source).line_col(source, span.start as usize);
            let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
            format!("{file}:{}:{}", at.line, at.col)
        });
        match (&self.step, place) {
            (Some(step), Some(place)) => write!(f, " ({step}, {place})"),
            (Some(step), None) => write!(f, " ({step})"),
            (None, Some(place)) => write!(f, " ({place})"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for MigrationError {}

impl MigrationError {
    pub fn new(message: impl Into<String>) -> Self {
        MigrationError {
            message: message.into(),
            step: None,
            statement: None,
            location: None,
            diagnostic: None,
            rolled_back: false,
            exception: None,
        }
    }

    pub fn from_database(error: DatabaseError, statement: &str) -> Self {
        MigrationError {
            statement: Some(statement.to_string()),
            exception: if cfg!(feature = "stdlib") { error.sqlalchemy_class().map(String::from) } else { None },
            ..MigrationError::new(error.to_string())
        }
    }

    /// A rustc-style frame at the failing call, with the statement and the step as notes.
    pub fn render(&self) -> Option<String> {
        let (path, source, span) = self.location.as_deref()?;
        let mut d = self
            .diagnostic
            .as_deref()
            .cloned()
            .unwrap_or_else(|| Diagnostic::error("migration-failed", self.message.clone()).with_label(*span, "while running this"));
        if let Some(stmt) = &self.statement {
            d = d.with_note(format!("[SQL: {stmt}]"));
        }
        if let Some(step) = &self.step {
            // `--sql` has no database to roll back.
            let rolled_back = if self.rolled_back { "; this migration was rolled back, the database is as it was before it" } else { "" };
            d = d.with_note(format!("in {step}{rolled_back}"));
        }
        Some(d.render(path, source))
    }
}

pub struct MigrationContext<'s> {
    pub sink: &'s mut dyn SqlSink,
    pub version_table: String,
    /// One transaction around all steps (`transactional_ddl=True`) instead of one per step.
    pub single_transaction: bool,
    /// When set (online), each migration also updates the applied record
    /// (`runtime::applied`) with this time, in the same transaction.
    pub record_applied_at: Option<String>,
    /// Online only: statements that run first, inside the first transaction (or their own
    /// when there are no steps): creating a missing version table, `--purge`'s delete. So a
    /// run that fails leaves the database exactly as it was.
    pub preamble: Vec<String>,
}

impl<'s> MigrationContext<'s> {
    /// Runs `steps` starting from `rows`. Each step and its version update commit together;
    /// a failure rolls back that step (or, with one transaction, everything) and stops.
    pub fn run(
        &mut self,
        rows: &[String],
        steps: &[StepPlan<'_>],
        runner: &mut dyn ScriptRunner,
        out: &mut Output,
    ) -> Result<(), MigrationError> {
        let offline = self.sink.is_offline();
        let mut rows_now: Vec<String> = rows.to_vec();
        if offline {
            self.preamble.clear();
        }
        if steps.is_empty() && !self.preamble.is_empty() {
            self.sink.begin().map_err(|e| MigrationError::from_database(e, "BEGIN"))?;
            if let Err(e) = self.run_preamble() {
                self.sink.rollback();
                return Err(e);
            }
            return self.sink.commit().map_err(|e| MigrationError::from_database(e, "COMMIT"));
        }
        if self.single_transaction && !offline {
            self.sink.begin().map_err(|e| MigrationError::from_database(e, "BEGIN"))?;
        }
        for step in steps {
            if !self.single_transaction && !offline {
                self.sink.begin().map_err(|e| MigrationError::from_database(e, "BEGIN"))?;
            }
            let start = self.sink.statements().len();
            let result = self.run_preamble().and_then(|()| self.run_step(&rows_now, step, runner, out)).and_then(|()| {
                if !self.single_transaction && !offline {
                    self.sink.commit().map_err(|e| MigrationError::from_database(e, "COMMIT"))?;
                }
                Ok(())
            });
            let statements = start..self.sink.statements().len();
            match result {
                Ok(()) => {
                    out.steps.push(Step { title: step.log(), statements, failure: None });
                    apply(&mut rows_now, &step.updates);
                }
                Err(mut e) => {
                    self.sink.rollback();
                    e.rolled_back = !offline;
                    e.step.get_or_insert_with(|| step.short_log());
                    out.steps.push(Step { title: step.log(), statements, failure: Some(Box::new(e.clone())) });
                    return Err(e);
                }
            }
        }
        if self.single_transaction && !offline {
            self.sink.commit().map_err(|e| MigrationError::from_database(e, "COMMIT"))?;
        }
        Ok(())
    }

    /// Runs (once) the statements that must share the first transaction.
    fn run_preamble(&mut self) -> Result<(), MigrationError> {
        for sql in std::mem::take(&mut self.preamble) {
            self.sink.execute_quiet(&sql, &[]).map_err(|e| MigrationError::from_database(e, &sql))?;
        }
        Ok(())
    }

    fn run_step(
        &mut self,
        rows: &[String],
        step: &StepPlan<'_>,
        runner: &mut dyn ScriptRunner,
        out: &mut Output,
    ) -> Result<(), MigrationError> {
        let offline = self.sink.is_offline();
        if offline && rows.is_empty() {
            // Offline from base: the script creates the version table first.
            let sql = sqlschema::dml::version_table_create(&self.version_table);
            self.sink.execute(&sql, &[]).map_err(|e| MigrationError::from_database(e, &sql))?;
        }
        // Offline, the log goes between the printed SQL, where a terminal shows it.
        let printed_before = out.stdout.len() + self.sink.printed();
        out.info(MIGRATION_LOGGER, format!("Running {}", step.log()));
        if let Some(running) = out.log.last_mut() {
            running.printed_before = printed_before;
        }
        if offline {
            self.sink.comment(&format!("-- Running {}", step.short_log()));
        }
        if let StepKind::Migration { script, direction } = step.kind {
            let ran = runner.run(script, direction, self.sink);
            // What the script logged, also when it failed afterwards (Alembic shows it).
            let printed_before = out.stdout.len() + self.sink.printed();
            out.log.extend(runner.take_log().into_iter().map(|record| LogRecord { printed_before, ..record }));
            ran?;
            if let (Some(at), false) = (&self.record_applied_at, offline) {
                let recorded = match direction {
                    Direction::Upgrade => super::applied::record(self.sink, &script.revision, &script.source, at),
                    Direction::Downgrade => super::applied::forget(self.sink, &script.revision),
                };
                recorded.map_err(|e| MigrationError::new(format!("could not update {}: {e}", super::applied::APPLIED_TABLE)))?;
            }
        }
        for update in &step.updates {
            self.update_version(update)?;
        }
        Ok(())
    }

    fn update_version(&mut self, update: &VersionUpdate) -> Result<(), MigrationError> {
        let t = &self.version_table;
        let (sql, what) = match update {
            VersionUpdate::Insert(r) => {
                let sql = if self.sink.is_offline() {
                    sqlschema::dml::version_insert(t, r)
                } else {
                    sqlschema::dml::version_insert_executed(t, r)
                };
                (sql, None)
            }
            VersionUpdate::Update { from, to } => {
                (sqlschema::dml::version_update(t, from, to), Some(format!("updating '{from}' to '{to}'")))
            }
            VersionUpdate::Delete(r) => (sqlschema::dml::version_delete(t, r), Some(format!("deleting '{r}'"))),
        };
        let changed = self.sink.execute(&sql, &[]).map_err(|e| MigrationError::from_database(e, &sql))?;
        if let (Some(what), false) = (what, self.sink.is_offline()) {
            if changed != 1 {
                return Err(MigrationError {
                    statement: Some(sql.clone()),
                    ..MigrationError::new(format!("Online migration expected to match one row when {what} in '{t}'; {changed} found"))
                });
            }
        }
        Ok(())
    }
}

fn apply(rows: &mut Vec<String>, updates: &[VersionUpdate]) {
    for u in updates {
        match u {
            VersionUpdate::Insert(r) => rows.push(r.clone()),
            VersionUpdate::Delete(r) => rows.retain(|x| x != r),
            VersionUpdate::Update { from, to } => {
                if let Some(x) = rows.iter_mut().find(|x| *x == from) {
                    *x = to.clone();
                }
            }
        }
    }
}
