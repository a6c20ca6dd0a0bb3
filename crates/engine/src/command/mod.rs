//! The command API (Alembic's `alembic.command`): each command returns plain data — what
//! goes to stdout, the log records, warnings — or one `CommandError`. `cli` and `web` render it.

mod error;
mod inspect;
pub mod invoke;
pub mod line;
mod migrate;

pub use error::CommandError;
pub use inspect::{branches, current, heads, history, show};
pub use migrate::{downgrade, stamp, upgrade, Environment};

/// One log record, as Alembic's `logging` would emit it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    pub level: Level,
    /// The logger name, e.g. `alembic.runtime.migration`.
    pub logger: &'static str,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warning,
    Error,
}

impl Level {
    /// Python's `levelname`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Debug => "DEBUG",
            Level::Info => "INFO",
            Level::Warning => "WARNING",
            Level::Error => "ERROR",
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
}

impl Output {
    /// Alembic's `config.print_stdout`: the text and a newline.
    pub(crate) fn print(&mut self, text: &str) {
        self.stdout.push_str(text);
        self.stdout.push('\n');
    }

    pub(crate) fn info(&mut self, logger: &'static str, message: impl Into<String>) {
        self.log.push(LogRecord { level: Level::Info, logger, message: message.into() });
    }

    /// What every command that opens the migration environment logs first.
    pub(crate) fn log_context_impl(&mut self) {
        self.info(MIGRATION_LOGGER, "Context impl SQLiteImpl.");
        self.info(MIGRATION_LOGGER, "Will assume non-transactional DDL.");
    }
}

pub const MIGRATION_LOGGER: &str = "alembic.runtime.migration";
