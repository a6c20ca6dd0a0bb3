//! Guarded commands: before an online `upgrade`/`downgrade` runs for real, it is rehearsed on
//! a copy of the database. It waits for the user's confirmation when the rehearsal loses data
//! or crosses a revision with no way back, and in production for every downgrade (with the
//! target typed out for `downgrade base`). In production a `stamp` asks too: it rewrites
//! alembic_version without running a migration.

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
    /// A `stamp` in production: the version table moves, the schema does not.
    pub stamp: bool,
}

/// An online migration (what can change or lose data); `--sql` and ranges never touch it.
fn migrates(command: &Command) -> Option<(bool, &str)> {
    match command {
        Command::Upgrade { revision, sql: false, .. } if !revision.contains(':') => Some((false, revision)),
        Command::Downgrade { revision, sql: false, .. } if !revision.contains(':') => Some((true, revision)),
        _ => None,
    }
}

/// `None`: run now. `Some`: ask first. A rehearsal that fails runs for real at once: it fails
/// the same way there and rolls back, and the console shows Alembic's words for it.
pub fn check(session: &mut Session, lines: &[String], production: bool) -> Option<Pending> {
    // Parsed once: a click runs this before every command.
    let commands: Vec<Command> = lines.iter().filter_map(|l| parse_line(l)).collect();
    let migrations: Vec<(bool, &str)> = commands.iter().filter_map(migrates).collect();
    let stamp = production && commands.iter().any(|c| matches!(c, Command::Stamp { sql: false, .. }));
    if migrations.is_empty() && !stamp {
        return None;
    }
    if !stamp && lines.len() == 1 && migrations.iter().all(|(down, _)| !down) && only_adds(session, &commands) {
        return None;
    }
    let rehearsal = session.rehearse(lines).ok()?;
    if rehearsal.failed.as_ref().is_some_and(|(line, _)| Some(line) == lines.first()) {
        return None;
    }
    let downgrade = migrations.iter().any(|(down, _)| *down);
    let type_to_confirm = (production && migrations.iter().any(|(down, target)| *down && *target == "base")).then(|| "base".to_string());
    let ask = !rehearsal.losses.is_empty() || !rehearsal.no_way_back.is_empty() || (production && downgrade) || stamp;
    ask.then(|| Pending { lines: lines.to_vec(), rehearsal, production: production && downgrade, type_to_confirm, mistyped: false, stamp })
}

/// Whether one `upgrade` line runs only revisions whose `upgrade()` is proven to add (tables,
/// columns, indexes, constraints, rows) and never remove: those cannot lose data, so they run
/// without a rehearsal (which would double the work of every `upgrade +1` click). Anything
/// else — a drop, execute, batch, alter, a helper function, a call the analysis cannot
/// resolve — is rehearsed.
fn only_adds(session: &Session, commands: &[Command]) -> bool {
    let [Command::Upgrade { revision, .. }] = commands else { return false };
    let (Ok(dir), Ok(rows)) = (session.directory(), session.database().version_rows()) else { return false };
    let Ok(plan) = dir.map().upgrade_plan(&rows, revision) else { return false };
    // Proven from the syntax tree (engine::analysis): anything unresolved is rehearsed.
    plan.iter().all(|id| dir.script(id).is_some_and(|s| engine::analysis::analyse(s).upgrade.only_adds()))
}

/// Whether `typed` confirms `pending`.
pub fn confirmed(pending: &Pending, typed: &str) -> bool {
    pending.type_to_confirm.as_deref().is_none_or(|t| t == typed.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    /// The blog's ini and env.py around two revisions: `users` with a row, then `second`.
    fn session(second_upgrade: &str) -> Session {
        let blog = Project::bundled(crate::scenarios::bundled("blog").unwrap());
        let mut files: Vec<(String, String)> = blog.files.into_iter().filter(|(p, _)| !p.contains("/versions/")).collect();
        let file = |rev: &str, down: &str, upgrade: &str| {
            format!(
                "from alembic import op\nimport sqlalchemy as sa\n\nrevision = '{rev}'\ndown_revision = {down}\n\n\n\
                 def upgrade():\n{upgrade}\n\n\ndef downgrade():\n    pass\n"
            )
        };
        let first = "    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True))\n    \
                     op.execute(\"INSERT INTO users (id) VALUES (1)\")";
        files.push(("alembic/versions/a1_users.py".into(), file("a1", "None", first)));
        files.push(("alembic/versions/a2_second.py".into(), file("a2", "'a1'", second_upgrade)));
        let mut session = Session::open(&Project { name: "t".into(), files, database: None }).unwrap();
        assert_eq!(session.run_line("upgrade a1").entry.exit_code, 0);
        session
    }

    fn asks(second_upgrade: &str) -> Option<Pending> {
        check(&mut session(second_upgrade), &["upgrade +1".to_string()], false)
    }

    #[test]
    fn an_upgrade_that_only_adds_runs_at_once() {
        assert_eq!(
            asks("    op.create_table('t', sa.Column('c', sa.String(), server_default='#'))\n    op.create_index('ix', 't', ['c'])"),
            None
        );
    }

    /// Upgrades a text scan took for "only adds": each drops `users` and its row, so each is
    /// rehearsed and the loss asked about.
    #[test]
    fn upgrades_that_drop_are_rehearsed_and_ask() {
        for second in [
            // A call continued on a line at column 0, then a drop.
            "    op.create_table('t',\nsa.Column('c', sa.Integer()))\n    op.drop_table('users')",
            // A `#` inside a string, then a drop on the same line.
            "    op.add_column('users', sa.Column('c', sa.String(), server_default='#')); op.drop_table('users')",
            // The operation taken as a value and called.
            "    [op.drop_table][0]('users')",
        ] {
            let pending = asks(second).unwrap_or_else(|| panic!("ran without asking:\n{second}"));
            assert!(!pending.rehearsal.losses.is_empty(), "{second}: {:?}", pending.rehearsal);
        }
    }
}
