//! Running migrations (Alembic's `alembic.runtime.migration`): steps, the SQL they emit,
//! the version table, and transactions — online against SQLite or offline as SQL text.

pub mod applied;
mod context;
mod sink;

pub use context::{MigrationContext, MigrationError, StepKind, StepPlan};
pub use sink::{OfflineSink, OnlineSink, QueryResult, SqlSink, SqlValue, Statement};

use crate::script::Script;

/// Which function of a revision script runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Upgrade,
    Downgrade,
}

impl Direction {
    pub fn function_name(self) -> &'static str {
        match self {
            Direction::Upgrade => "upgrade",
            Direction::Downgrade => "downgrade",
        }
    }
}

/// Runs one revision script's `upgrade()` or `downgrade()`, sending every statement it
/// produces to the sink. The engine's `op`/`sa` host implements it; tests may too.
pub trait ScriptRunner {
    fn run(&mut self, script: &Script, direction: Direction, sink: &mut dyn SqlSink) -> Result<(), MigrationError>;
    /// The records the scripts logged (Python's `logging`) since the last call, for the
    /// command's log after the step's `Running ...` line.
    fn take_log(&mut self) -> Vec<crate::command::LogRecord> {
        Vec::new()
    }
}
