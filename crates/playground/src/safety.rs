//! What the page warns about before it is too late: revisions with no way back (an empty
//! `downgrade()`), applied revisions whose file changed since (drift: Alembic never re-runs
//! them, so the database no longer matches the script), and the line diff that shows how.

use engine::analysis::{self, NoWayBack};
use engine::runtime::applied::{script_sha256, AppliedRecord};
use engine::script::Script;

use std::collections::HashMap;

/// `downgrade()` is missing, or holds only `pass`, a docstring or `...` while `upgrade()`
/// does something: a downgrade across this revision moves the version table but restores
/// nothing. A merge or an untouched template (both empty) has nothing to undo; a downgrade
/// that raises fails loudly and changes nothing, so it is not silent.
pub fn no_way_back(script: &Script) -> bool {
    has_no_way_back(&analysis::analyse(script))
}

/// `no_way_back` from a script's analysis already made.
pub fn has_no_way_back(analysis: &analysis::Analysis) -> bool {
    matches!(analysis.downgrade.no_way_back(), Some(NoWayBack::Missing | NoWayBack::Empty))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffTag {
    Same,
    Removed,
    Added,
}

/// A line diff (longest common subsequence); files are a few hundred lines at most.
pub fn line_diff(old: &str, new: &str) -> Vec<(DiffTag, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((DiffTag::Same, a[i].to_string()));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // Removed lines first, as `diff -u` shows a changed line.
            out.push((DiffTag::Removed, a[i].to_string()));
            i += 1;
        } else {
            out.push((DiffTag::Added, b[j].to_string()));
            j += 1;
        }
    }
    out
}

/// The changed lines with `context` unchanged lines around each change; `None` marks a gap.
pub fn hunks(diff: &[(DiffTag, String)], context: usize) -> Vec<Option<(DiffTag, String)>> {
    let changed: Vec<usize> = (0..diff.len()).filter(|&i| diff[i].0 != DiffTag::Same).collect();
    let keep = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= context);
    let mut out = Vec::new();
    let mut gap = false;
    for (i, line) in diff.iter().enumerate() {
        if keep(i) {
            if gap && !out.is_empty() {
                out.push(None);
            }
            gap = false;
            out.push(Some(line.clone()));
        } else {
            gap = true;
        }
    }
    out
}

/// An applied revision whose file is no longer the text that was applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Drift {
    pub revision: String,
    pub path: String,
    /// The text that ran (kept by the page: the record holds only its hash).
    pub applied_text: String,
    /// `None`: the file is gone.
    pub current_text: Option<String>,
    pub applied_at: String,
}

/// Compares each applied record with its file now. `applied` holds `(revision, path, text)`
/// as each was applied; a record without a kept text (applied before the page) is skipped.
/// A kept text hashes to its record (`Session` drops it otherwise), so a file still equal
/// to it has not drifted: only a changed file is hashed, not every file on every click.
pub fn drift(records: &[AppliedRecord], applied: &[(String, String, String)], files: &[(String, String)]) -> Vec<Drift> {
    let kept: HashMap<&str, (&String, &String)> = applied.iter().map(|(rev, path, text)| (rev.as_str(), (path, text))).collect();
    let by_path: HashMap<&str, &String> = files.iter().map(|(path, text)| (path.as_str(), text)).collect();
    let mut out = Vec::new();
    for record in records {
        let Some(&(path, applied_text)) = kept.get(record.revision.as_str()) else { continue };
        let current = by_path.get(path.as_str()).copied();
        if current == Some(applied_text) || current.is_some_and(|t| script_sha256(t) == record.script_sha256) {
            continue;
        }
        out.push(Drift {
            revision: record.revision.clone(),
            path: path.clone(),
            applied_text: applied_text.clone(),
            current_text: current.cloned(),
            applied_at: record.applied_at.clone(),
        });
    }
    out
}

/// Where to downgrade to undo a revision (as it was applied): its parent, or `base`.
/// A merge goes back to its first parent.
pub fn downgrade_target(path: &str, applied_text: &str) -> String {
    engine::script::load_script(path, applied_text).ok().and_then(|s| s.down_revisions.first().cloned()).unwrap_or_else(|| "base".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_downgrades_have_no_way_back() {
        let check = |down_revision: &str, body: &str, expected: bool| {
            let src = format!("from alembic import op\nimport sqlalchemy as sa\nrevision = 'b'\ndown_revision = {down_revision}\n{body}");
            let script = engine::script::load_script("versions/b.py", &src).unwrap();
            assert_eq!(no_way_back(&script), expected, "{src}");
        };
        let adds = "def upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer()))\n\n";
        check("'a'", &format!("{adds}def downgrade():\n    pass\n"), true);
        check("'a'", &format!("{adds}def downgrade() -> None:\n    \"\"\"Downgrade schema.\"\"\"\n    pass\n"), true);
        check("'a'", &format!("{adds}def downgrade():\n    ...\n"), true);
        check("'a'", &format!("{adds}def downgrade():\n    # nothing to undo\n    pass\n"), true);
        check("'a'", adds, true);
        check("'a'", &format!("{adds}def downgrade():\n    op.drop_table('t')\n"), false);
        // Loud, not silent: the downgrade fails and changes nothing.
        check("'a'", &format!("{adds}def downgrade():\n    raise NotImplementedError('data')\n"), false);
        // Nothing to undo: a fresh `revision -m` template, and a merge as `alembic merge` writes it.
        check("'a'", "def upgrade():\n    pass\n\ndef downgrade():\n    pass\n", false);
        check("('a', 'c')", "def upgrade() -> None:\n    pass\n\ndef downgrade() -> None:\n    pass\n", false);
    }

    #[test]
    fn diff_marks_removed_and_added_lines() {
        let d = line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
        let tags: Vec<(DiffTag, &str)> = d.iter().map(|(t, s)| (*t, s.as_str())).collect();
        assert_eq!(
            tags,
            [(DiffTag::Same, "a"), (DiffTag::Removed, "b"), (DiffTag::Added, "B"), (DiffTag::Same, "c"), (DiffTag::Added, "d")]
        );
        let lines: String = (0..20).map(|i| format!("{i}\n")).collect();
        let h = hunks(&line_diff(&lines, &lines.replace("10\n", "ten\n")), 1);
        assert_eq!(h.len(), 4, "{h:?}");
    }

    #[test]
    fn drift_is_a_hash_mismatch() {
        let rec =
            |rev: &str, text: &str| AppliedRecord { revision: rev.into(), script_sha256: script_sha256(text), applied_at: "t".into() };
        let applied = [("a".to_string(), "v/a.py".to_string(), "old".to_string())];
        let files = vec![("v/a.py".to_string(), "new".to_string())];
        let d = drift(&[rec("a", "old")], &applied, &files);
        assert_eq!((d.len(), d[0].current_text.as_deref()), (1, Some("new")));
        assert!(drift(&[rec("a", "new")], &applied, &files).is_empty());
    }
}
