//! One parsed command line run the way Alembic runs it: env.py first (connecting, and
//! creating the version table unless the command only reads), then the revision files, then
//! the command. Shared by the CLI and the web console, so both behave the same.

use std::borrow::Borrow;

use super::line::Command;
use super::{CommandError, Environment, Output};
use crate::database::Connector;
use crate::env_py::EnvOptions;
use crate::runtime::ScriptRunner;
use crate::script::ScriptDirectory;

/// What a command runs against, besides its revision files.
pub struct Invocation<'a> {
    /// env.py's options, or why env.py could not be read (reported only by commands that
    /// run the environment, as Alembic only imports env.py for those).
    pub options: Result<&'a EnvOptions, String>,
    pub db: &'a mut dyn Connector,
    pub runner: &'a mut dyn ScriptRunner,
    /// Keep the applied record with this time (`runtime::applied`); `None`: don't.
    pub record_applied_at: Option<String>,
}

/// A failure, with what the command printed before it (offline SQL, the log, warnings, the
/// steps up to the failed one). Boxed: a command's output is large and a result should not be.
pub type Failure = (CommandError, Option<Box<Output>>);

/// `--sql` never connects (Alembic's offline mode leaves the database alone), nor does an
/// online `A:B` range, which Alembic refuses before env.py runs.
fn is_offline(command: &Command) -> bool {
    match command {
        Command::Upgrade { sql, revision, .. } | Command::Downgrade { sql, revision, .. } => *sql || revision.contains(':'),
        Command::Stamp { sql, .. } => *sql,
        _ => false,
    }
}

/// Commands for which Alembic runs env.py (and so connects).
fn needs_environment(command: &Command) -> bool {
    match command {
        Command::Current { .. } | Command::Upgrade { .. } | Command::Downgrade { .. } | Command::Stamp { .. } => true,
        Command::Show { rev } => rev == "current",
        Command::History { rev_range, indicate_current, .. } => {
            *indicate_current || rev_range.as_deref().is_some_and(|r| r.split(':').any(|p| p == "current"))
        }
        _ => false,
    }
}

/// Runs `command`; `load` reads the revision files (after the environment, as Alembic does),
/// or hands over ones already loaded (the page keeps them while no file changes).
pub fn run<D: Borrow<ScriptDirectory>>(
    command: &Command,
    load: impl FnOnce() -> Result<D, CommandError>,
    inv: Invocation<'_>,
) -> Result<Output, Failure> {
    let Invocation { options, db, runner, record_applied_at } = inv;
    let migrating = matches!(command, Command::Upgrade { .. } | Command::Downgrade { .. } | Command::Stamp { .. });
    if needs_environment(command) && !is_offline(command) {
        if let Err(e) = &options {
            return Err((CommandError::Usage(e.clone()), None));
        }
        let db = db.connect().map_err(|e| (e.into(), None))?;
        // The migrating commands create it with their first migration, once their
        // arguments have been checked (`migrate::run_steps`): a failing command writes nothing.
        let mutate = !migrating && !matches!(command, Command::Current { .. });
        if mutate && db.version_rows().map_err(|e| (e.into(), None))?.is_empty() {
            db.ensure_version_table().map_err(|e| (e.into(), None))?;
        }
    }
    let loaded = load().map_err(|e| (e, None))?;
    let dir: &ScriptDirectory = loaded.borrow();
    let defaults = EnvOptions::default();
    let options = match options {
        Ok(o) => o,
        Err(e) if migrating => return Err((CommandError::Usage(e), None)),
        Err(_) => &defaults,
    };
    let mut env = Environment { dir, options, db, runner, record_applied_at };
    let result = match command {
        Command::Heads { verbose, resolve_dependencies } => super::heads(dir, *verbose, *resolve_dependencies),
        Command::Branches { verbose } => super::branches(dir, *verbose),
        Command::History { rev_range, verbose, indicate_current } => {
            super::history(dir, rev_range.as_deref(), *verbose, *indicate_current, env.db)
        }
        Command::Show { rev } => super::show(dir, rev, env.db),
        Command::Current { verbose, check_heads } => super::current(dir, *verbose, *check_heads, env.db),
        Command::Upgrade { revision, sql, .. } => super::upgrade(&mut env, revision, *sql),
        Command::Downgrade { revision, sql, .. } => super::downgrade(&mut env, revision, *sql),
        Command::Stamp { revisions, sql, purge, .. } => super::stamp(&mut env, revisions, *sql, *purge),
        Command::None | Command::Version => Err(CommandError::Usage("no command given".into())),
    };
    result.map_err(|e| match e {
        CommandError::Migration(error, out) => (CommandError::Migration(error, Box::default()), Some(out)),
        CommandError::Failed(error, out) => (*error, Some(out)),
        // Loading warnings (duplicate revisions) are printed even when the command fails.
        e => (e, Some(Box::new(Output { warnings: dir.warnings().to_vec(), ..Output::default() }))),
    })
}
