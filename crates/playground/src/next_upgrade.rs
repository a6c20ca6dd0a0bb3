//! The next upgrade that will fail, said before it runs: a pending revision whose `upgrade()`
//! creates a table or an index the database already has.

use std::collections::BTreeSet;

use engine::analysis::{self, Effect};
use engine::script::ScriptDirectory;

use crate::graph::GraphLayout;
use crate::inspect::DbSnapshot;

/// A revision the next `upgrade` runs that will fail: its `upgrade()` creates a table or an
/// index the database already has (left by a `downgrade()` that restored nothing, or an
/// existing database never stamped).
#[derive(Clone, Debug, PartialEq)]
pub struct Blocked {
    pub revision: String,
    /// `table` or `index`, as SQLite's message says it.
    pub kind: &'static str,
    pub name: String,
    /// Its downgrade restores nothing: the likely way the object stayed behind.
    pub no_way_back: bool,
}

impl Blocked {
    /// What SQLite will say when the upgrade gets there.
    pub fn error(&self) -> String {
        format!("{} {} already exists", self.kind, self.name)
    }
}

/// The pending revisions whose parents are all applied (where an upgrade starts), checked
/// against the database: the warning comes before the upgrade fails, not after.
pub fn blocked_upgrades(graph: &GraphLayout, applied: &BTreeSet<String>, dir: &ScriptDirectory, db: &DbSnapshot) -> Vec<Blocked> {
    let has = |kind: &str, name: &str| match kind {
        "table" => db.tables.iter().any(|t| t.name == name),
        _ => db.tables.iter().any(|t| t.indexes.iter().any(|i| i.name == name)),
    };
    let next = graph.nodes.iter().filter(|n| !applied.contains(&n.id) && n.down_revisions.iter().all(|d| applied.contains(d)));
    let mut out = Vec::new();
    for node in next {
        let Some(script) = dir.script(&node.id) else { continue };
        for finding in &analysis::analyse(script).upgrade.findings {
            let Effect::Adds { op, name: Some(name) } = &finding.effect else { continue };
            let kind = match *op {
                "create_table" => "table",
                "create_index" => "index",
                _ => continue,
            };
            if has(kind, name) {
                out.push(Blocked { revision: node.id.clone(), kind, name: name.clone(), no_way_back: node.no_way_back });
            }
        }
    }
    out
}
