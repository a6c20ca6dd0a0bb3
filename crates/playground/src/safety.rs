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
    lcs_diff(&a, &b)
}

/// One changed line against its new text, word by word (runs of letters, digits and `_`;
/// runs of spaces; any other character alone), adjacent words of one kind joined: the page
/// marks what changed inside a line instead of two long lines that look alike.
pub fn word_diff(old: &str, new: &str) -> Vec<(DiffTag, String)> {
    let mut out: Vec<(DiffTag, String)> = Vec::new();
    for (tag, word) in lcs_diff(&words(old), &words(new)) {
        match out.last_mut() {
            Some((last, text)) if *last == tag => text.push_str(&word),
            _ => out.push((tag, word)),
        }
    }
    out
}

fn words(line: &str) -> Vec<&str> {
    let kind = |c: char| {
        if c.is_alphanumeric() || c == '_' {
            0
        } else if c == ' ' {
            1
        } else {
            2
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices().skip(1) {
        let prev = line[..i].chars().next_back().map_or(2, kind);
        if kind(c) == 2 || kind(c) != prev {
            out.push(&line[start..i]);
            start = i;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// Longest common subsequence of two token lists, removals before additions (as `diff -u`).
fn lcs_diff(a: &[&str], b: &[&str]) -> Vec<(DiffTag, String)> {
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

/// A line of a diff as the page shows it: its tag (`-`, `+` or unchanged) and its text in
/// parts, the parts that changed tagged `Removed` or `Added`.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownLine {
    pub tag: DiffTag,
    pub parts: Vec<(DiffTag, String)>,
}

/// `old` against `new` with `context` lines around each change (`None` marks a gap). A run of
/// removed lines followed by as many added ones is a change of those lines: each pair is
/// diffed word by word, so a changed quote or number stands out in a long line.
pub fn shown_diff(old: &str, new: &str, context: usize) -> Vec<Option<ShownLine>> {
    let lines = hunks(&line_diff(old, new), context);
    let run = |from: usize, tag: DiffTag| lines[from..].iter().take_while(|l| matches!(l, Some((t, _)) if *t == tag)).count();
    let text = |i: usize| lines[i].as_ref().map_or("", |(_, t)| t.as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let removed = run(i, DiffTag::Removed);
        if removed > 0 && run(i + removed, DiffTag::Added) == removed {
            let pairs: Vec<_> = (i..i + removed).map(|k| word_diff(text(k), text(k + removed))).collect();
            for side in [DiffTag::Removed, DiffTag::Added] {
                for words in &pairs {
                    let parts = words.iter().filter(|(t, _)| *t == DiffTag::Same || *t == side).cloned().collect();
                    out.push(Some(ShownLine { tag: side, parts }));
                }
            }
            i += 2 * removed;
            continue;
        }
        out.push(lines[i].clone().map(|(tag, text)| ShownLine { tag, parts: vec![(tag, text)] }));
        i += 1;
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
    fn a_changed_line_is_diffed_word_by_word() {
        let old = "        sa.Column('is_featured', sa.Boolean(), server_default=\"false\", nullable=False),";
        let new = "        sa.Column('is_featured', sa.Boolean(), server_default=\"0\", nullable=False),";
        let d = word_diff(old, new);
        let changed: Vec<(DiffTag, &str)> = d.iter().filter(|(t, _)| *t != DiffTag::Same).map(|(t, s)| (*t, s.as_str())).collect();
        assert_eq!(changed, [(DiffTag::Removed, "false"), (DiffTag::Added, "0")]);
        // Every character is kept, in order, on each side.
        let side = |keep: DiffTag| d.iter().filter(|(t, _)| *t == DiffTag::Same || *t == keep).map(|(_, s)| s.as_str()).collect::<String>();
        assert_eq!((side(DiffTag::Removed).as_str(), side(DiffTag::Added).as_str()), (old, new));
        assert_eq!(words("a_b1  (x, 'é')"), ["a_b1", "  ", "(", "x", ",", " ", "'", "é", "'", ")"]);
        assert_eq!(word_diff("", "new"), [(DiffTag::Added, "new".to_string())]);
    }

    #[test]
    fn changed_lines_are_shown_in_pairs_with_their_words_marked() {
        let old = "a\nkeep\nx = \"false\"\ny = 1\nz\n";
        let new = "a\nkeep\nx = \"0\"\ny = 2\nz\nadded\n";
        let shown = shown_diff(old, new, 1);
        let render = |l: &Option<ShownLine>| match l {
            None => "…".to_string(),
            Some(l) => l.parts.iter().map(|(t, s)| if *t == DiffTag::Same { s.clone() } else { format!("[{s}]") }).collect(),
        };
        let lines: Vec<String> = shown.iter().map(render).collect();
        assert_eq!(lines, ["keep", "x = \"[false]\"", "y = [1]", "x = \"[0]\"", "y = [2]", "z", "[added]"]);
        let tags: Vec<DiffTag> = shown.iter().flatten().map(|l| l.tag).collect();
        use DiffTag::*;
        assert_eq!(tags, [Same, Removed, Removed, Added, Added, Same, Added]);
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
