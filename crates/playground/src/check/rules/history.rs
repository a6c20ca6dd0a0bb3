//! The history: the files load, one head (or one per declared branch), every revision on
//! the way from base to the heads.

use std::collections::{BTreeSet, HashSet};

use engine::script::{LoadError, ScriptDirectory};

use crate::check::finding::{Finding, Severity};

/// The files do not load: nothing else can be checked.
pub fn broken(error: &LoadError) -> Finding {
    let f = Finding::new(
        "history-broken",
        Severity::Error,
        "the revision files do not load, so no command can run",
        "fix the file or the revision graph named below; `alembic-playground history` shows the same error",
    );
    f.note(error.to_string())
}

/// Every revision in the order `upgrade heads` runs them from base; `None` when Alembic
/// cannot plan that upgrade (then `upgrade-fails` says why).
pub fn upgrade_order(dir: &ScriptDirectory) -> Option<Vec<String>> {
    dir.map().upgrade_plan(&[], "heads").ok().map(|ids| ids.into_iter().map(String::from).collect())
}

/// The branch labels of `id` and of every revision below it.
fn labels_below(dir: &ScriptDirectory, id: &str) -> BTreeSet<String> {
    let map = dir.map();
    let mut seen = HashSet::new();
    let mut stack = vec![id.to_string()];
    let mut labels = BTreeSet::new();
    while let Some(rev) = stack.pop() {
        if !seen.insert(rev.clone()) {
            continue;
        }
        labels.extend(map.branch_labels_of(&rev).into_iter().map(String::from));
        stack.extend(map.normalized_down_revisions(&rev).into_iter().map(String::from));
    }
    labels
}

pub fn check(dir: &ScriptDirectory, order: Option<&[String]>) -> Vec<Finding> {
    let mut out = Vec::new();
    let map = dir.map();
    let heads = map.heads();
    if heads.len() > 1 {
        // Declared branches: each head carries a branch label the other heads do not.
        let labels: Vec<BTreeSet<String>> = heads.iter().map(|h| labels_below(dir, h)).collect();
        let undeclared: Vec<&str> = heads
            .iter()
            .zip(&labels)
            .filter(|(h, own)| own.iter().all(|l| labels.iter().zip(&heads).any(|(other, oh)| oh != *h && other.contains(l))))
            .map(|(h, _)| *h)
            .collect();
        // One unlabelled head is the trunk; the others must be declared branches.
        if undeclared.len() > 1 {
            out.push(
                Finding::new(
                    "multiple-heads",
                    Severity::Error,
                    format!("{} heads ({}): `upgrade head` refuses to run", heads.len(), heads.join(", ")),
                    "join them with `alembic merge heads -m \"merge\"`, or declare each line of work with `branch_labels`",
                )
                .note(format!("heads without a branch label of their own (one is allowed: the trunk): {}", undeclared.join(", "))),
            );
        }
    }
    let Some(order) = order else { return out };
    let planned: HashSet<&str> = order.iter().map(String::as_str).collect();
    for script in dir.scripts() {
        if dir.script(&script.revision).is_some_and(|s| std::ptr::eq(s, script)) && !planned.contains(script.revision.as_str()) {
            out.push(
                Finding::new(
                    "unreachable-revision",
                    Severity::Error,
                    format!("revision {} is not on the way from base to the heads: `upgrade heads` never runs it", script.revision),
                    "set its down_revision to the revision it follows",
                )
                .revision(&script.revision),
            );
        }
    }
    out
}
