//! The command API (Alembic's `alembic.command`): each command returns plain data — what
//! goes to stdout, the log records, warnings — or one `CommandError`. `cli` and `web` render it.

pub mod console;
mod error;
mod inspect;
pub mod invoke;
pub mod line;
mod migrate;
pub mod traceback;

pub use crate::runtime::MigrationError;
pub use error::CommandError;
pub use inspect::{branches, current, heads, history, show};
pub use migrate::{downgrade, stamp, upgrade, Environment};

/// One log record, as Alembic's `logging` would emit it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    pub level: Level,
    /// The logger name, e.g. `alembic.runtime.migration` (a revision file's own loggers
    /// have names made at run time).
    pub logger: std::borrow::Cow<'static, str>,
    pub message: String,
    /// How many bytes of the command's stdout were printed before it: a terminal shows the
    /// log (stderr) and the text (stdout) interleaved in that order, as `--sql` writes them.
    pub printed_before: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

impl Level {
    /// Python's `levelname`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Warning => "WARNING",
            Level::Error => "ERROR",
            Level::Critical => "CRITICAL",
        }
    }

    /// Python's level for a level number (`logging.INFO` = 20): the named level at or
    /// below it.
    pub fn from_number(n: u32) -> Level {
        match n {
            0..=19 => Level::Debug,
            20..=29 => Level::Info,
            30..=39 => Level::Warning,
            40..=49 => Level::Error,
            _ => Level::Critical,
        }
    }
}

/// What a command produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    pub stdout: String,
    pub log: Vec<LogRecord>,
    /// Python-style warnings (`UserWarning: ...`), printed to stderr.
    pub warnings: Vec<String>,
    /// Every statement executed (online) or printed (offline), in order: the SQL log.
    pub statements: Vec<crate::runtime::Statement>,
    /// A migrating command's steps (`upgrade`, `downgrade`, `stamp`, online or `--sql`), in
    /// the order they ran; each names its part of `statements`. When the command fails, the
    /// output it returns with the error (`invoke::Failure`, `CommandError::Migration`) ends
    /// with the failed step.
    pub steps: Vec<Step>,
}

/// One step of a migrating command: one revision's migration, or one stamp.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The step as the migration log names it after `Running `: `upgrade a -> b, message`,
    /// `downgrade b -> a, message`, `stamp_revision  -> a`.
    pub title: String,
    /// Its statements, a range of `Output::statements` (`Output::statements_of`), in order:
    /// the script's, then the version table's (and, with `--sql` from base, the version
    /// table's CREATE first).
    pub statements: std::ops::Range<usize>,
    /// Why the step failed, if it did: it was rolled back (online) and the command stopped
    /// there. The same error the command returns.
    pub failure: Option<Box<crate::runtime::MigrationError>>,
}

impl Output {
    /// The statements `step` ran (or printed, with `--sql`).
    pub fn statements_of(&self, step: &Step) -> &[crate::runtime::Statement] {
        self.statements.get(step.statements.clone()).unwrap_or_default()
    }

    /// Alembic's `config.print_stdout`: the text and a newline.
    pub(crate) fn print(&mut self, text: &str) {
        self.stdout.push_str(text);
        self.stdout.push('\n');
    }

    pub(crate) fn info(&mut self, logger: &'static str, message: impl Into<String>) {
        let printed_before = self.stdout.len();
        self.log.push(LogRecord { level: Level::Info, logger: logger.into(), message: message.into(), printed_before });
    }

    /// A refusal once the migration context is set up: shown after the warnings and log lines
    /// so far, as Alembic shows it.
    pub(crate) fn refusal(&self, error: CommandError) -> CommandError {
        let so_far = Output { warnings: self.warnings.clone(), log: self.log.clone(), ..Output::default() };
        CommandError::Failed(Box::new(error), Box::new(so_far))
    }

    /// What every command that opens the migration environment logs first.
    pub(crate) fn log_context_impl(&mut self) {
        self.info(MIGRATION_LOGGER, "Context impl SQLiteImpl.");
        self.info(MIGRATION_LOGGER, "Will assume non-transactional DDL.");
    }
}

pub const MIGRATION_LOGGER: &str = "alembic.runtime.migration";
