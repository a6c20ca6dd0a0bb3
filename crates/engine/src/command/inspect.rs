//! The read-only commands: `heads`, `branches`, `history`, `show`, `current`.

use super::{CommandError, Output};
use crate::database::Connector;
use crate::format::{log_entry, one_line, LineStyle};
use crate::script::{Script, ScriptDirectory};

fn script<'a>(dir: &'a ScriptDirectory, id: &str) -> &'a Script {
    dir.script(id).expect("the revision map only returns ids of loaded scripts")
}

/// Rows of the version table, with the log lines Alembic prints when it opens the environment.
/// Like Alembic's `run_migrations`, every environment run except `current` (`dont_mutate`)
/// creates the version table when it finds no rows.
fn current_rows(out: &mut Output, db: &mut dyn Connector, mutate: bool) -> Result<Vec<String>, CommandError> {
    out.log_context_impl();
    let db = db.connect()?;
    let rows = db.version_rows()?;
    if rows.is_empty() && mutate {
        db.ensure_version_table()?;
    }
    Ok(rows)
}

/// `alembic heads [-v] [--resolve-dependencies]`.
pub fn heads(dir: &ScriptDirectory, verbose: bool, resolve_dependencies: bool) -> Result<Output, CommandError> {
    let map = dir.map();
    let ids = if resolve_dependencies { map.get_revisions("heads")? } else { map.heads() };
    let mut out = Output { warnings: dir.warnings().to_vec(), ..Output::default() };
    for id in ids {
        let s = script(dir, id);
        if verbose {
            out.print(&log_entry(dir, s, false));
        } else {
            out.print(&one_line(dir, s, LineStyle::HEADS, false));
        }
    }
    Ok(out)
}

/// `alembic branches [-v]`: each branch point in history order, then its children.
pub fn branches(dir: &ScriptDirectory, verbose: bool) -> Result<Output, CommandError> {
    let map = dir.map();
    let mut out = Output { warnings: dir.warnings().to_vec(), ..Output::default() };
    for id in map.history("base", "heads", &[])? {
        if !map.is_branch_point(id) {
            continue;
        }
        let s = script(dir, id);
        let head = if verbose { log_entry(dir, s, false) } else { one_line(dir, s, LineStyle::BRANCH_POINT, false) };
        let indent = " ".repeat(id.len());
        let child_style = LineStyle { include_doc: verbose, ..LineStyle::HEADS };
        let children: Vec<String> = map
            .children(id)
            .into_iter()
            .map(|child| {
                format!("{indent} -> {}", one_line(dir, script(dir, child), LineStyle { tree_indicators: true, ..child_style }, false))
            })
            .collect();
        out.print(&format!("{head}\n{}\n", children.join("\n")));
    }
    Ok(out)
}

/// `alembic history [-r A:B] [-v] [-i]`.
pub fn history(
    dir: &ScriptDirectory,
    rev_range: Option<&str>,
    verbose: bool,
    indicate_current: bool,
    db: &mut dyn Connector,
) -> Result<Output, CommandError> {
    let (base, head) = match rev_range {
        None => ("", ""),
        Some(range) => match range.trim().split_once(':') {
            Some((b, h)) if !h.contains(':') => (b, h),
            Some(_) => return Err(CommandError::Usage(format!("too many values to unpack (expected 2) in range '{range}'"))),
            None => return Err(CommandError::Usage("History range requires [start]:[end], [start]:, or :[end]".into())),
        },
    };
    let mut out = Output { warnings: dir.warnings().to_vec(), ..Output::default() };
    let needs_db = indicate_current || base == "current" || head == "current";
    let rows = if needs_db { current_rows(&mut out, db, true)? } else { Vec::new() };
    let base = if base.is_empty() { "base" } else { base };
    let head = if head.is_empty() { "heads" } else { head };
    let map = dir.map();
    for id in map.history(base, head, &rows)? {
        let s = script(dir, id);
        let current = indicate_current && rows.iter().any(|r| r == id);
        if verbose {
            out.print(&log_entry(dir, s, current));
        } else {
            out.print(&one_line(dir, s, LineStyle::HISTORY, current));
        }
    }
    Ok(out)
}

/// `alembic show <rev>`; `show current` reads the database.
pub fn show(dir: &ScriptDirectory, rev: &str, db: &mut dyn Connector) -> Result<Output, CommandError> {
    let mut out = Output { warnings: dir.warnings().to_vec(), ..Output::default() };
    let map = dir.map();
    let ids = if rev == "current" {
        let rows = current_rows(&mut out, db, true)?;
        map.get_revisions_list(&rows)?
    } else {
        map.get_revisions(rev)?
    };
    for id in ids {
        out.print(&log_entry(dir, script(dir, id), false));
    }
    Ok(out)
}

/// `alembic current [-v] [--check-heads]`.
pub fn current(dir: &ScriptDirectory, verbose: bool, check_heads: bool, db: &mut dyn Connector) -> Result<Output, CommandError> {
    let mut out = Output { warnings: dir.warnings().to_vec(), ..Output::default() };
    let rows = current_rows(&mut out, db, false)?;
    // Its refusals come after the context's log lines, as Alembic's do.
    match current_of(dir, &rows, verbose, check_heads, db, &mut out) {
        Ok(()) => Ok(out),
        Err(e) => Err(out.refusal(e)),
    }
}

fn current_of(
    dir: &ScriptDirectory,
    rows: &[String],
    verbose: bool,
    check_heads: bool,
    db: &mut dyn Connector,
    out: &mut Output,
) -> Result<(), CommandError> {
    if verbose {
        let url = db.connect()?.url.clone();
        out.print(&format!("Current revision(s) for {url}:"));
    }
    let map = dir.map();
    if check_heads {
        let mut have: Vec<&str> = rows.iter().map(String::as_str).collect();
        let mut want = map.heads();
        sorting::sort(&mut have);
        have.dedup();
        sorting::sort(&mut want);
        want.dedup();
        if have != want {
            return Err(CommandError::NotAtHead);
        }
    }
    for id in map.current_heads(rows)? {
        let s = script(dir, id);
        if verbose {
            out.print(&log_entry(dir, s, false));
        } else {
            out.print(&one_line(dir, s, LineStyle::CURRENT, false));
        }
    }
    Ok(())
}
