//! How each step changes the `alembic_version` rows (section 7, Alembic's HeadMaintainer).

use crate::error::RevisionError;
use crate::map::{Idx, RevisionMap};
use crate::resolve::Arg;
use crate::stamp::StampStep;

/// One statement against `alembic_version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionUpdate {
    Insert(String),
    Update { from: String, to: String },
    Delete(String),
}

/// The rows of `alembic_version` as the steps see them (table order: inserts append).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VersionTable {
    rows: Vec<String>,
}

impl VersionTable {
    pub fn new(rows: &[String]) -> Self {
        VersionTable { rows: rows.to_vec() }
    }

    pub fn rows(&self) -> &[String] {
        &self.rows
    }

    fn has(&self, r: &str) -> bool {
        self.rows.iter().any(|x| x == r)
    }

    /// Applies statements as Alembic's HeadMaintainer does, with its checks: an INSERT or
    /// the new value of an UPDATE must not be a row yet (`AssertionError`), the row a DELETE
    /// or UPDATE removes must be there (`KeyError`).
    fn apply(&mut self, updates: &[VersionUpdate]) -> Result<(), RevisionError> {
        for u in updates {
            match u {
                VersionUpdate::Insert(r) => {
                    if self.has(r) {
                        return Err(crash_present(r));
                    }
                    self.rows.push(r.clone());
                }
                VersionUpdate::Delete(r) => {
                    let k = self.position(r)?;
                    self.rows.remove(k);
                }
                VersionUpdate::Update { from, to } => {
                    if self.has(to) {
                        return Err(crash_present(to));
                    }
                    let k = self.position(from)?;
                    self.rows[k] = to.clone();
                }
            }
        }
        Ok(())
    }

    /// Alembic's set would raise `KeyError` here; we say which row is missing.
    fn position(&self, r: &str) -> Result<usize, RevisionError> {
        self.rows.iter().position(|x| x == r).ok_or_else(|| RevisionError::VersionTableCrash {
            exception: "KeyError",
            row: r.to_string(),
            message: format!("Can't update the version table: it has no row '{r}' to change"),
        })
    }

    /// Applies the upgrade of `revision` and returns the statements it takes (Alembic's
    /// `update_to_step`: create branch, merge branches, or update one row).
    pub fn upgrade(&mut self, map: &RevisionMap, revision: &str) -> Result<Vec<VersionUpdate>, RevisionError> {
        let i = map.idx(revision).ok_or_else(|| unknown(revision))?;
        let r = revision.to_string();
        let down: Vec<String> = map.node(i).norm_down.iter().map(|&d| map.id(d).to_string()).collect();
        let present: Vec<&String> = down.iter().filter(|d| self.has(d)).collect();
        let updates = if present.is_empty() {
            vec![VersionUpdate::Insert(r)]
        } else if down.len() > 1 && present.len() > 1 {
            // Merge: every parent not implied by the other rows is deleted, the last one is
            // updated. Alembic does not check that those parents are rows: one that was
            // already moved on (a redundant parent of an earlier merge) makes it crash with
            // `KeyError` when deleting it. (Alembic orders these parents by Python set order;
            // we keep down_revision order.)
            let others: Vec<String> = self.rows.iter().filter(|x| !down.contains(x)).cloned().collect();
            let from: Vec<&String> = if others.is_empty() {
                down.iter().collect()
            } else {
                let implied = row_ancestry(map, &others)?;
                down.iter().filter(|d| !map.idx(d).is_some_and(|x| implied[x as usize])).collect()
            };
            let Some((last, rest)) = from.split_last() else {
                return Err(RevisionError::VersionTableCrash {
                    exception: "IndexError",
                    row: r.clone(),
                    message: format!("Can't merge into {r}: every parent row is implied by another row"),
                });
            };
            let mut u: Vec<VersionUpdate> = rest.iter().map(|d| VersionUpdate::Delete((*d).clone())).collect();
            u.push(VersionUpdate::Update { from: (*last).clone(), to: r });
            u
        } else if present.len() == 1 {
            vec![VersionUpdate::Update { from: present[0].clone(), to: r }]
        } else {
            return Err(RevisionError::Assertion { message: "Can't do an UPDATE because downrevision is ambiguous".into() });
        };
        self.apply(&updates)?;
        Ok(updates)
    }

    /// Applies the downgrade of `revision` and returns the statements it takes (Alembic's
    /// `update_to_step`: delete branch, unmerge, or update one row).
    pub fn downgrade(&mut self, map: &RevisionMap, revision: &str) -> Result<Vec<VersionUpdate>, RevisionError> {
        let i = map.idx(revision).ok_or_else(|| unknown(revision))?;
        let r = revision.to_string();
        let down: Vec<Idx> = map.node(i).norm_down.clone();
        let is_row = self.has(&r);
        let updates = if is_row && (down.is_empty() || self.unmerge_targets(map, &r, &down)?.is_empty()) {
            vec![VersionUpdate::Delete(r)]
        } else if is_row && down.len() > 1 {
            // Unmerge: one row becomes several.
            let to = self.unmerge_targets(map, &r, &down)?;
            let (last, rest) = to.split_last().expect("non-empty, checked above");
            let mut u: Vec<VersionUpdate> = rest.iter().map(|t| VersionUpdate::Insert(t.clone())).collect();
            u.push(VersionUpdate::Update { from: r, to: last.clone() });
            u
        } else if down.len() == 1 {
            // Alembic updates the revision's row even when it is not a row (then `KeyError`).
            vec![VersionUpdate::Update { from: r, to: map.id(down[0]).to_string() }]
        } else {
            let present: Vec<Idx> = down.iter().copied().filter(|&d| self.has(map.id(d))).collect();
            if present.len() != 1 {
                return Err(RevisionError::Assertion { message: "Can't do an UPDATE because downrevision is ambiguous".into() });
            }
            vec![VersionUpdate::Update { from: r, to: map.id(present[0]).to_string() }]
        };
        self.apply(&updates)?;
        Ok(updates)
    }

    /// The parents a downgraded row turns into: those not implied by the other rows (or,
    /// with no other rows, by each other).
    fn unmerge_targets(&self, map: &RevisionMap, r: &str, down: &[Idx]) -> Result<Vec<String>, RevisionError> {
        let others: Vec<String> = self.rows.iter().filter(|x| *x != r).cloned().collect();
        let keep: Vec<Idx> = if !others.is_empty() {
            let implied = row_ancestry(map, &others)?;
            down.iter().copied().filter(|&d| !implied[d as usize]).collect()
        } else if down.len() == 1 {
            down.to_vec()
        } else {
            down.iter().copied().filter(|&d| !down.iter().any(|&o| o != d && map.strict_ancestor(d, o))).collect()
        };
        Ok(keep.into_iter().map(|d| map.id(d).to_string()).collect())
    }

    /// Applies a stamp step (Alembic's StampStep through HeadMaintainer).
    pub fn stamp(&mut self, step: &StampStep) -> Result<Vec<VersionUpdate>, RevisionError> {
        let (from, to) = (&step.from, &step.to);
        let updates = if !step.is_upgrade && step.branch_move {
            vec![VersionUpdate::Delete(from[0].clone())]
        } else if step.is_upgrade && (step.branch_move || from.iter().any(|f| !self.has(f))) && to.iter().any(|t| !self.has(t)) {
            vec![VersionUpdate::Insert(to[0].clone())]
        } else if from.len() > 1 {
            let (last, rest) = from.split_last().expect("len > 1");
            let mut u: Vec<VersionUpdate> = rest.iter().map(|f| VersionUpdate::Delete(f.clone())).collect();
            u.push(VersionUpdate::Update { from: last.clone(), to: to[0].clone() });
            u
        } else if to.len() > 1 {
            let (last, rest) = to.split_last().expect("len > 1");
            let mut u: Vec<VersionUpdate> = rest.iter().map(|t| VersionUpdate::Insert(t.clone())).collect();
            u.push(VersionUpdate::Update { from: from[0].clone(), to: last.clone() });
            u
        } else {
            vec![VersionUpdate::Update { from: from[0].clone(), to: to[0].clone() }]
        };
        self.apply(&updates)?;
        Ok(updates)
    }
}

fn crash_present(r: &str) -> RevisionError {
    RevisionError::VersionTableCrash {
        exception: "AssertionError",
        row: r.to_string(),
        message: format!("Can't update the version table: it already has a row '{r}'"),
    }
}

fn unknown(r: &str) -> RevisionError {
    RevisionError::resolution(format!("No such revision or branch '{r}'"), r)
}

/// Rows (resolved like Alembic's `get_revisions`) and all their ancestors.
fn row_ancestry(map: &RevisionMap, rows: &[String]) -> Result<Vec<bool>, RevisionError> {
    let revs = map.rev_positions(&map.get_positions(&Arg::Tuple(rows.to_vec()))?);
    Ok(map.closure(&revs, crate::graph::Edges::NormDown))
}

impl RevisionMap {
    /// `a` is a strict ancestor of `b` (traversal edges); pruned by topological position.
    pub(crate) fn strict_ancestor(&self, a: Idx, b: Idx) -> bool {
        let pos = &self.topo_pos;
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![b];
        while let Some(x) = stack.pop() {
            for &p in &self.node(x).norm_down {
                if p == a {
                    return true;
                }
                if pos[p as usize] > pos[a as usize] && !std::mem::replace(&mut seen[p as usize], true) {
                    stack.push(p);
                }
            }
        }
        false
    }

    /// The version-table statements of each upgrade step of `plan`, starting from `rows`.
    pub fn upgrade_updates(&self, rows: &[String], plan: &[&str]) -> Result<Vec<Vec<VersionUpdate>>, RevisionError> {
        let mut t = VersionTable::new(rows);
        plan.iter().map(|r| t.upgrade(self, r)).collect()
    }

    /// The version-table statements of each downgrade step of `plan`, starting from `rows`.
    pub fn downgrade_updates(&self, rows: &[String], plan: &[&str]) -> Result<Vec<Vec<VersionUpdate>>, RevisionError> {
        let mut t = VersionTable::new(rows);
        plan.iter().map(|r| t.downgrade(self, r)).collect()
    }

    /// Rows left after running the upgrade `plan` from `rows`.
    pub fn rows_after_upgrade(&self, rows: &[String], plan: &[&str]) -> Result<Vec<String>, RevisionError> {
        let mut t = VersionTable::new(rows);
        for r in plan {
            t.upgrade(self, r)?;
        }
        Ok(t.rows)
    }

    /// Rows left after running the downgrade `plan` from `rows`.
    pub fn rows_after_downgrade(&self, rows: &[String], plan: &[&str]) -> Result<Vec<String>, RevisionError> {
        let mut t = VersionTable::new(rows);
        for r in plan {
            t.downgrade(self, r)?;
        }
        Ok(t.rows)
    }
}
