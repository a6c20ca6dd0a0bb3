//! A lesson's goal checked against the end state: the database, the revision files and the
//! environment, never the commands typed (many solutions pass). The first predicate not met
//! is reported in words a learner understands: what was wanted, and what there is.

use super::format::Predicate;
use crate::check::schema::Schema;
use crate::project::Project;
use crate::session::Session;
use crate::state::Workspace;

/// The first predicate of the goal that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmet {
    /// Its position in the goal (0-based).
    pub index: usize,
    /// What the goal wants, as `describe` says it.
    pub wanted: String,
    /// What there is instead.
    pub found: String,
}

impl std::fmt::Display for Unmet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not yet: {} — {}", self.wanted, self.found)
    }
}

fn list(items: &[String]) -> String {
    match items {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn quoted(items: &[String]) -> Vec<String> {
    items.iter().map(|m| format!("\"{m}\"")).collect()
}

/// The predicate in a learner's words (the goal panel lists these).
pub fn describe(p: &Predicate) -> String {
    match p {
        Predicate::Version(ids) if ids.is_empty() => "nothing is applied: alembic_version is empty".into(),
        Predicate::Version(ids) => format!("alembic_version holds {}", list(ids)),
        Predicate::VersionMessages(m) => {
            format!("alembic_version holds the revision{} {}", if m.len() == 1 { "" } else { "s" }, list(&quoted(m)))
        }
        Predicate::Heads(1) => "the revision files have one head".into(),
        Predicate::Heads(n) => format!("the revision files have {n} heads"),
        Predicate::AtHeads => "alembic_version holds every head: everything is applied".into(),
        Predicate::DowngradeRefused(rev) => format!("downgrading {rev} stops with an error instead of pretending to undo it"),
        Predicate::SchemaAt(rev) => format!("the schema is exactly what `upgrade {rev}` builds on an empty database"),
        Predicate::Rows { means, .. } => means.clone(),
        Predicate::FileChanged(path) => format!("{path} is changed"),
        Predicate::FileUnchanged(path) => format!("{path} is as it was first written (as other databases ran it)"),
        Predicate::NoDrift => "no applied revision file differs from the text that ran".into(),
        Predicate::Production(true) => "the environment is production".into(),
        Predicate::Production(false) => "the environment is development".into(),
        Predicate::RoundTrip(rev) => format!("{rev} goes down and up again cleanly: its downgrade undoes its upgrade"),
        Predicate::FilesLoad => "the revision files load without errors".into(),
    }
}

/// `Ok` when every predicate holds, else the first one that does not.
pub fn check(goal: &[Predicate], ws: &Workspace) -> Result<(), Unmet> {
    for (index, p) in goal.iter().enumerate() {
        if let Err(found) = holds(p, ws) {
            return Err(Unmet { index, wanted: describe(p), found });
        }
    }
    Ok(())
}

/// `Err` says what there is instead.
fn holds(p: &Predicate, ws: &Workspace) -> Result<(), String> {
    let rows = || {
        let mut rows = ws.snapshot.version_rows.clone();
        sorting::sort(&mut rows);
        rows
    };
    match p {
        Predicate::Version(ids) => {
            let mut wanted = ids.clone();
            sorting::sort(&mut wanted);
            let rows = rows();
            (rows == wanted).then_some(()).ok_or_else(|| match rows.as_slice() {
                [] => "alembic_version is empty: nothing is applied".into(),
                _ => format!("it holds {}", list(&rows)),
            })
        }
        Predicate::VersionMessages(messages) => {
            let found: Vec<String> =
                rows().iter().map(|id| message_of(ws, id).unwrap_or_else(|| format!("{id} (no file has it)"))).collect();
            let (mut a, mut b) = (found.clone(), messages.clone());
            sorting::sort(&mut a);
            sorting::sort(&mut b);
            (a == b).then_some(()).ok_or_else(|| match found.as_slice() {
                [] => "alembic_version is empty: nothing is applied".into(),
                _ => format!("it holds {}", list(&quoted(&found))),
            })
        }
        Predicate::Heads(n) => {
            let heads: Vec<String> = ws.graph.nodes.iter().filter(|n| n.is_head).map(|n| n.id.clone()).collect();
            (heads.len() == *n)
                .then_some(())
                .ok_or_else(|| format!("there {} {}: {}", if heads.len() == 1 { "is" } else { "are" }, heads.len(), list(&heads)))
        }
        Predicate::AtHeads => {
            let mut heads: Vec<String> = ws.graph.nodes.iter().filter(|n| n.is_head).map(|n| n.id.clone()).collect();
            sorting::sort(&mut heads);
            let rows = rows();
            (rows == heads).then_some(()).ok_or_else(|| match rows.as_slice() {
                [] => "alembic_version is empty: nothing is applied".into(),
                _ => format!("it holds {}, the heads are {}", list(&rows), list(&heads)),
            })
        }
        Predicate::DowngradeRefused(rev) => downgrade_refused(ws, rev),
        Predicate::SchemaAt(rev) => {
            let wanted = fresh_schema(ws, rev)?;
            let now = ws.with_session(read_schema).ok_or("no database is open")??;
            same_schema(&wanted, &now)
        }
        Predicate::Rows { sql, equals, .. } => {
            let got = ws.with_session(|s| query_text(s, sql)).ok_or("no database is open")??;
            (got.trim() == equals.trim())
                .then_some(())
                .ok_or_else(|| format!("the check finds {}", if got.is_empty() { "no rows".into() } else { got.replace('\n', "; ") }))
        }
        Predicate::FileChanged(path) | Predicate::FileUnchanged(path) => {
            let find = |files: &[(String, String)]| files.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone());
            let changed = find(&ws.project.files) != find(&ws.current_files());
            match (p, changed) {
                (Predicate::FileChanged(_), false) => Err(format!("{path} is still as it was")),
                (Predicate::FileUnchanged(_), true) => Err(format!("{path} was edited")),
                _ => Ok(()),
            }
        }
        Predicate::NoDrift => match ws.drift.first() {
            None => Ok(()),
            Some(d) => Err(format!("{} was edited after it was applied: the databases that ran it ran the old text", d.path)),
        },
        Predicate::Production(on) => (ws.production == *on)
            .then_some(())
            .ok_or_else(|| format!("the environment is {}", if ws.production { "production" } else { "development" })),
        Predicate::RoundTrip(rev) => round_trip(ws, rev),
        Predicate::FilesLoad => ws.load_error.as_ref().map_or(Ok(()), |e| Err(format!("they do not: {e}"))),
    }
}

fn message_of(ws: &Workspace, id: &str) -> Option<String> {
    ws.graph.nodes.iter().find(|n| n.id == id).map(|n| n.message.clone())
}

fn read_schema(s: &mut Session) -> Result<Schema, String> {
    let db = s.database();
    Schema::read(&db.conn, &db.version_table).map_err(|e| format!("the schema could not be read: {e}"))
}

/// The schema `upgrade rev` builds on an empty database with the files as they are now.
fn fresh_schema(ws: &Workspace, rev: &str) -> Result<Schema, String> {
    let project = Project { name: ws.project.name.clone(), files: ws.current_files(), database: None };
    let mut fresh = Session::open(&project).map_err(|e| e.to_string())?;
    schema_after(&mut fresh, &format!("upgrade {rev}"))
}

fn schema_after(s: &mut Session, line: &str) -> Result<Schema, String> {
    let ran = s.run_line(line);
    if ran.entry.exit_code != 0 {
        let why = ran.entry.failed.clone().unwrap_or_else(|| ran.entry.stderr().join(" "));
        return Err(format!("`{line}` fails: {why}"));
    }
    read_schema(s)
}

fn same_schema(wanted: &Schema, now: &Schema) -> Result<(), String> {
    let diff = wanted.diff(now);
    if diff.is_empty() {
        return Ok(());
    }
    // `diff` speaks of a change from the wanted schema to this one.
    let shown: Vec<String> =
        diff.iter().take(3).map(|d| d.text.replace(" is gone", " is missing").replace(" was added", " should not be there")).collect();
    let more = if diff.len() > 3 { format!(" (and {} more)", diff.len() - 3) } else { String::new() };
    Err(format!("{}{more}", shown.join("; ")))
}

/// A read-only query's rows as text: cells joined by `|`, rows by newlines.
fn query_text(s: &mut Session, sql: &str) -> Result<String, String> {
    let conn = &s.database().conn;
    let mut stmt = conn.prepare(sql).map_err(|e| format!("`{sql}` does not run here: {e}"))?;
    if !stmt.readonly() {
        return Err(format!("`{sql}` would change the database: a goal only reads"));
    }
    let width = stmt.column_count();
    let mut rows = stmt.query([]).map_err(|e| format!("`{sql}` does not run here: {e}"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(|e| format!("`{sql}` does not run here: {e}"))? {
        let cells: Result<Vec<String>, _> = (0..width).map(|i| row.get_ref(i).map(crate::inspect::value_text)).collect();
        out.push(cells.map_err(|e| e.to_string())?.join("|"));
    }
    Ok(out.join("\n"))
}

fn parent_of(ws: &Workspace, rev: &str) -> Result<String, String> {
    let Some(node) = ws.graph.nodes.iter().find(|n| n.id == rev) else { return Err(format!("no revision file defines {rev}")) };
    if !ws.applied().contains(rev) {
        return Err(format!("{rev} is not applied, so there is nothing to take down yet"));
    }
    Ok(match node.down_revisions.as_slice() {
        [] => "base".to_string(),
        many => many.join(" "),
    })
}

fn downgrade_refused(ws: &Workspace, rev: &str) -> Result<(), String> {
    let parent = parent_of(ws, rev)?;
    let mut copy = ws.with_session(|s| s.copy().map_err(|e| e.to_string())).ok_or("no database is open")??;
    let ran = copy.run_line(&format!("downgrade {parent}"));
    if ran.entry.exit_code == 0 {
        return Err(format!("`downgrade {parent}` runs and reports success, but {rev}'s change is not undone"));
    }
    let rows = copy.database().version_rows().map_err(|e| e.to_string())?;
    rows.iter().any(|r| r == rev).then_some(()).ok_or_else(|| format!("`downgrade {parent}` failed, but not at {rev}"))
}

/// On a copy: down to `rev`'s parent, then up to `rev` again; each schema must be the one an
/// empty database gets there.
fn round_trip(ws: &Workspace, rev: &str) -> Result<(), String> {
    let parent = parent_of(ws, rev)?;
    let mut copy = ws.with_session(|s| s.copy().map_err(|e| e.to_string())).ok_or("no database is open")??;
    let down = schema_after(&mut copy, &format!("downgrade {parent}"))?;
    let wanted_down = if parent == "base" { Schema::default() } else { fresh_schema(ws, &parent)? };
    same_schema(&wanted_down, &down).map_err(|e| format!("after `downgrade {parent}`, {e}"))?;
    let up = schema_after(&mut copy, &format!("upgrade {rev}"))?;
    same_schema(&fresh_schema(ws, rev)?, &up).map_err(|e| format!("after going up again, {e}"))
}
