//! How Alembic prints a revision: the one-line form (`heads`, `history`, `current`) and the
//! verbose `log_entry` (`-v`, `show`), character for character.

use crate::script::{Script, ScriptDirectory};

/// Which parts of the one-line form to show (Alembic's `Script._head_only` flags).
#[derive(Clone, Copy, Debug, Default)]
pub struct LineStyle {
    pub include_branches: bool,
    pub include_doc: bool,
    pub include_parents: bool,
    pub tree_indicators: bool,
}

impl LineStyle {
    /// `alembic history`.
    pub const HISTORY: LineStyle = LineStyle { include_branches: true, include_doc: true, include_parents: true, tree_indicators: true };
    /// `alembic heads`.
    pub const HEADS: LineStyle = LineStyle { include_branches: true, include_doc: false, include_parents: false, tree_indicators: false };
    /// `alembic current`.
    pub const CURRENT: LineStyle = LineStyle { include_branches: false, include_doc: false, include_parents: false, tree_indicators: true };
    /// `alembic branches`: the branch point line.
    pub const BRANCH_POINT: LineStyle =
        LineStyle { include_branches: true, include_doc: false, include_parents: false, tree_indicators: true };
}

/// `<base>` for a base, else the down revisions joined by `, `.
fn down_revision_text(script: &Script) -> String {
    if script.down_revisions.is_empty() {
        "<base>".to_string()
    } else {
        script.down_revisions.join(", ")
    }
}

/// The one-line form: `[<down> [(<deps>)] -> ]<rev>[ (<labels>)][ (head)][ (effective head)]
/// [ (current)][ (branchpoint)][ (mergepoint)][, <doc>]`.
pub fn one_line(dir: &ScriptDirectory, script: &Script, style: LineStyle, current: bool) -> String {
    let map = dir.map();
    let id = script.revision.as_str();
    let mut text = String::new();
    if style.include_parents {
        text.push_str(&down_revision_text(script));
        if !script.depends_on.is_empty() {
            text.push_str(&format!(" ({})", script.depends_on.join(", ")));
        }
        text.push_str(" -> ");
    }
    text.push_str(id);
    let labels = map.branch_labels_of(id);
    if style.include_branches && !labels.is_empty() {
        text.push_str(&format!(" ({})", labels.join(", ")));
    }
    let real_head = map.is_real_head(id);
    if real_head {
        text.push_str(" (head)");
    }
    if map.is_head(id) && !real_head {
        text.push_str(" (effective head)");
    }
    if current {
        text.push_str(" (current)");
    }
    if style.tree_indicators {
        if map.is_branch_point(id) {
            text.push_str(" (branchpoint)");
        }
        if map.is_merge_point(id) {
            text.push_str(" (mergepoint)");
        }
    }
    if style.include_doc {
        text.push_str(", ");
        text.push_str(script.doc());
    }
    text
}

/// The verbose form (Alembic's `Script.log_entry`), ending with a blank line.
pub fn log_entry(dir: &ScriptDirectory, script: &Script, current: bool) -> String {
    let map = dir.map();
    let id = script.revision.as_str();
    let mut entry = format!("Rev: {id}");
    for (on, marker) in [
        (map.is_head(id), " (head)"),
        (map.is_branch_point(id), " (branchpoint)"),
        (map.is_merge_point(id), " (mergepoint)"),
        (current, " (current)"),
    ] {
        if on {
            entry.push_str(marker);
        }
    }
    entry.push('\n');
    let merges = map.is_merge_point(id);
    entry.push_str(&format!("{}: {}\n", if merges { "Merges" } else { "Parent" }, down_revision_text(script)));
    if !script.depends_on.is_empty() {
        entry.push_str(&format!("Also depends on: {}\n", script.depends_on.join(", ")));
    }
    if map.is_branch_point(id) {
        entry.push_str(&format!("Branches into: {}\n", map.children(id).join(", ")));
    }
    let labels = map.branch_labels_of(id);
    if !labels.is_empty() {
        entry.push_str(&format!("Branch names: {}\n", labels.join(", ")));
    }
    entry.push_str(&format!("Path: {}\n", script.path));
    entry.push('\n');
    let body: Vec<String> = python_splitlines(&script.longdoc).map(|line| format!("    {line}")).collect();
    entry.push_str(&body.join("\n"));
    entry.push('\n');
    entry
}

/// Python's `str.splitlines()` for the line breaks a docstring can hold.
fn python_splitlines(text: &str) -> impl Iterator<Item = &str> {
    let mut lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    if text.ends_with('\n') || text.is_empty() {
        lines.pop();
    }
    lines.into_iter()
}
