//! Guarded commands: before an online `upgrade`/`downgrade` runs for real, it is rehearsed on
//! a copy of the database. It waits for the user's confirmation when the rehearsal loses data
//! or crosses a revision with no way back, and in production for every downgrade (with the
//! target typed out for `downgrade base`).

use engine::command::line::Command;

use crate::session::{parse_line, Rehearsal, Session};

/// A command sequence waiting for confirmation, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub lines: Vec<String>,
    pub rehearsal: Rehearsal,
    /// Shown because the environment is production (every downgrade is reported).
    pub production: bool,
    /// What the user must type before it runs (`base` for `downgrade base` in production).
    pub type_to_confirm: Option<String>,
    /// The last confirmation was refused: the typed text did not match.
    pub mistyped: bool,
}

/// An online migration (what can change or lose data); `--sql` and ranges never touch it.
fn migrates(line: &str) -> Option<(bool, String)> {
    match parse_line(line)? {
        Command::Upgrade { revision, sql: false, .. } if !revision.contains(':') => Some((false, revision)),
        Command::Downgrade { revision, sql: false, .. } if !revision.contains(':') => Some((true, revision)),
        _ => None,
    }
}

/// `None`: run now. `Some`: ask first. A rehearsal that fails runs for real at once: it fails
/// the same way there and rolls back, and the console shows Alembic's words for it.
pub fn check(session: &Session, lines: &[String], production: bool) -> Option<Pending> {
    let migrations: Vec<(bool, String)> = lines.iter().filter_map(|l| migrates(l)).collect();
    if migrations.is_empty() {
        return None;
    }
    let rehearsal = session.rehearse(lines).ok()?;
    if rehearsal.failed.as_ref().is_some_and(|(line, _)| Some(line) == lines.first()) {
        return None;
    }
    let downgrade = migrations.iter().any(|(down, _)| *down);
    let type_to_confirm = (production && migrations.iter().any(|(down, target)| *down && target == "base")).then(|| "base".to_string());
    let ask = !rehearsal.losses.is_empty() || !rehearsal.no_way_back.is_empty() || (production && downgrade);
    ask.then(|| Pending { lines: lines.to_vec(), rehearsal, production: production && downgrade, type_to_confirm, mistyped: false })
}

/// Whether `typed` confirms `pending`.
pub fn confirmed(pending: &Pending, typed: &str) -> bool {
    pending.type_to_confirm.as_deref().is_none_or(|t| t == typed.trim())
}
