//! SQL preview: a command's `--sql` text without running it. Where Alembic refuses
//! (`downgrade with --sql requires <fromrev>:<torev>`), or would start from base instead of the
//! database's state (`upgrade --sql` never reads the database), the preview also shows the
//! exact range command from the current state with its SQL — only once it has run without
//! failing; otherwise why no range works (a batch block offline needs `copy_from=`).

use engine::command::line::Command;

use crate::session::{parse_line, ConsoleEntry, Session};

#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The line as typed, with `--sql`.
    pub line: String,
    pub entry: ConsoleEntry,
    /// Why another command follows, and that command with what it prints.
    pub suggestion: Option<(String, String, ConsoleEntry)>,
}

fn with_sql(line: &str) -> String {
    let line = line.trim();
    let line = line.strip_prefix("alembic ").unwrap_or(line).trim();
    if line.split_whitespace().any(|w| w == "--sql") {
        line.to_string()
    } else {
        format!("{line} --sql")
    }
}

/// Runs the preview on a copy of the session (offline commands never touch the database;
/// the copy also serves the rehearsal that finds the current state's range).
pub fn preview(session: &mut Session, line: &str) -> Result<Preview, String> {
    let sql_line = with_sql(line);
    let mut copy = session.copy().map_err(|e| e.to_string())?;
    let entry = copy.run_line(&sql_line).entry;
    let (down, revision) = match parse_line(&sql_line) {
        Some(Command::Downgrade { revision, .. }) => (true, revision),
        Some(Command::Upgrade { revision, .. }) => (false, revision),
        _ => return Ok(Preview { line: sql_line, entry, suggestion: None }),
    };
    if revision.contains(':') {
        return Ok(Preview { line: sql_line, entry, suggestion: None });
    }
    let online = format!("{} {revision}", if down { "downgrade" } else { "upgrade" });
    let rehearsal = session.rehearse(&[online])?;
    let [from] = rehearsal.rows_before.as_slice() else {
        let why = if rehearsal.rows_before.is_empty() || !down {
            return Ok(Preview { line: sql_line, entry, suggestion: None });
        } else {
            "The database has several heads; an offline range starts from one revision."
        };
        return Ok(Preview { line: sql_line, entry, suggestion: Some((why.into(), String::new(), ConsoleEntry::default())) });
    };
    if let Some((_, message)) = &rehearsal.failed {
        let why = format!("From the current state ({from}) the command itself fails: {message}");
        return Ok(Preview { line: sql_line, entry, suggestion: Some((why, String::new(), ConsoleEntry::default())) });
    }
    let to = match rehearsal.rows_after.as_slice() {
        [] => "base".to_string(),
        [one] => one.clone(),
        many => many.join(","),
    };
    let why = if down {
        format!("Alembic needs a range for offline downgrades. From the current state ({from}):")
    } else {
        format!("Alembic's --sql never reads the database, so it starts from base. From the current state ({from}):")
    };
    let suggested = format!("{} {from}:{to} --sql", if down { "downgrade" } else { "upgrade" });
    let suggested_entry = copy.run_line(&suggested).entry;
    // Alembic's own message says why (batch mode offline: "... passed to the "copy_from"
    // argument of the batch_alter_table() ...").
    if let Some(message) = &suggested_entry.failed {
        let why = format!("No --sql command works from the current state ({from}): `{suggested}` fails too: {message}");
        return Ok(Preview { line: sql_line, entry, suggestion: Some((why, String::new(), ConsoleEntry::default())) });
    }
    Ok(Preview { line: sql_line, entry, suggestion: Some((why, suggested, suggested_entry)) })
}
