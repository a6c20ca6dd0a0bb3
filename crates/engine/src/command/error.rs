//! `CommandError`: the one error type at the command boundary. `Display` is the text
//! Alembic's CLI prints after `FAILED: `.

use revision::RevisionError;

use crate::database::DatabaseError;
use crate::runtime::MigrationError;
use crate::script::{LoadError, ScriptError};

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A revision file could not be read or the graph could not be built.
    #[error("{}", load_message(.0))]
    Load(#[from] LoadError),
    /// Identifier resolution, relative steps, multiple heads...: Alembic's CLI wording.
    #[error("{}", .0.cli_message())]
    Revision(#[from] RevisionError),
    /// A refusal worded by Alembic's command layer, e.g. `History range requires ...`.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Database(#[from] DatabaseError),
    #[error("Database is not on all head revisions")]
    NotAtHead,
    /// A migration failed and was rolled back; the output holds what ran before it (the
    /// offline SQL already generated, the log).
    #[error("{0}")]
    Migration(Box<MigrationError>, Box<super::Output>),
    /// Any other error, with what the command printed before it (warnings, log).
    #[error("{0}")]
    Failed(Box<CommandError>, Box<super::Output>),
}

fn load_message(error: &LoadError) -> String {
    match error {
        LoadError::Graph(e) => e.cli_message(),
        LoadError::Script(e) => e.to_string(),
    }
}

impl CommandError {
    /// Stable kebab-case code, as diagnostics carry.
    pub fn code(&self) -> &'static str {
        match self {
            CommandError::Load(LoadError::Script(ScriptError::Syntax { diagnostics, .. })) => diagnostics[0].code,
            CommandError::Load(LoadError::Script(_)) => "bad-revision-file",
            CommandError::Load(LoadError::Graph(_)) => "bad-revision-graph",
            CommandError::Revision(RevisionError::MultipleHeads { .. }) => "multiple-heads",
            CommandError::Revision(_) => "revision-not-found",
            CommandError::Usage(_) => "usage",
            CommandError::Database(_) => "database",
            CommandError::NotAtHead => "not-at-head",
            CommandError::Migration(..) => "migration-failed",
            CommandError::Failed(e, _) => e.code(),
        }
    }

    /// A rustc-style frame pointing into the revision file, when there is one.
    pub fn render(&self) -> Option<String> {
        match self {
            CommandError::Load(LoadError::Script(e)) => e.render(),
            CommandError::Migration(e, _) => e.render(),
            CommandError::Failed(e, _) => e.render(),
            _ => None,
        }
    }
}
