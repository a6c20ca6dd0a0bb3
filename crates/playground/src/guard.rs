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

/// `op` calls that add and never remove: an upgrade made only of these cannot lose data, so
/// it runs without a rehearsal (which would double the work of every `upgrade +1` click).
const ADDS: &[&str] = &[
    "create_table",
    "add_column",
    "create_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "bulk_insert",
    "f",
    "inline_literal",
];

/// Whether one `upgrade` line runs only revisions whose `upgrade()` calls nothing but `ADDS`
/// and `sa.*` constructors. Anything else (execute, batch, drop, alter, a helper function) is
/// rehearsed.
fn only_adds(session: &Session, commands: &[Command]) -> bool {
    let [Command::Upgrade { revision, .. }] = commands else { return false };
    let (Ok(dir), Ok(rows)) = (session.directory(), session.database().version_rows()) else { return false };
    let Ok(plan) = dir.map().upgrade_plan(&rows, revision) else { return false };
    plan.iter().all(|id| dir.script(id).is_some_and(|s| upgrade_only_adds(&s.source)))
}

pub fn upgrade_only_adds(source: &str) -> bool {
    let Some(start) = source.find("\ndef upgrade(") else { return false };
    let body = &source[start + 1..];
    // The function ends at the next line that starts at column 0 (comments aside).
    let end = body
        .lines()
        .skip(1)
        .position(|l| !l.is_empty() && !l.starts_with([' ', '\t', '#']))
        .map_or(body.len(), |n| body.lines().take(n + 1).map(|l| l.len() + 1).sum());
    let code: String =
        body[..end.min(body.len())].lines().skip(1).map(|l| l.split('#').next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let bytes = code.as_bytes();
    code.match_indices('(').all(|(at, _)| {
        let start = bytes[..at].iter().rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')).map_or(0, |p| p + 1);
        let callee = &code[start..at];
        match callee.split_once('.') {
            None => callee.is_empty(),
            Some(("sa" | "sqlalchemy", _)) => true,
            Some(("op", "execute")) => inserts(&code[at + 1..]),
            Some(("op", method)) => ADDS.contains(&method),
            Some(_) => false,
        }
    })
}

/// `op.execute("INSERT ...")` / `("CREATE ...")` with a literal: it adds rows or objects.
fn inserts(args: &str) -> bool {
    let args = args.trim_start();
    let Some(text) = args.strip_prefix(['"', '\'']) else { return false };
    let word: String = text.trim_start().chars().take_while(char::is_ascii_alphabetic).collect();
    word.eq_ignore_ascii_case("insert") || word.eq_ignore_ascii_case("create")
}

/// Whether `typed` confirms `pending`.
pub fn confirmed(pending: &Pending, typed: &str) -> bool {
    pending.type_to_confirm.as_deref().is_none_or(|t| t == typed.trim())
}

#[cfg(test)]
mod tests {
    use super::upgrade_only_adds;

    fn file(body: &str) -> String {
        format!("\"\"\"doc\"\"\"\nimport sqlalchemy as sa\n\ndef upgrade() -> None:\n{body}\n\ndef downgrade() -> None:\n    op.drop_table('t')\n")
    }

    #[test]
    fn only_additive_upgrades_skip_the_rehearsal() {
        assert!(upgrade_only_adds(&file(
            "    op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))\n    op.create_index(op.f('ix'), 't', ['id'])"
        )));
        assert!(upgrade_only_adds(&file("    # op.drop_table('x') was here\n    op.add_column('t', sa.Column('c', sa.String(50)))")));
        assert!(upgrade_only_adds(&file("    pass")));
        assert!(upgrade_only_adds(&file("    op.execute(\n        \"INSERT INTO t (a) VALUES \"\n        \"(1), (2)\"\n    )")));
        for risky in [
            "    op.drop_column('t', 'c')",
            "    op.execute('DELETE FROM t')",
            "    with op.batch_alter_table('t') as b:\n        b.add_column(sa.Column('c', sa.Integer()))",
            "    helper()",
            "    conn = op.get_bind()",
            "    op.execute('UPDATE t SET c = 1')",
            "    op.execute(sa.text('DELETE FROM t'))",
        ] {
            assert!(!upgrade_only_adds(&file(risky)), "{risky}");
        }
        assert!(!upgrade_only_adds("no upgrade here"));
    }
}
