//! `alembic stamp` (section 8): which version-table moves a stamp makes, no migrations run.

use crate::error::{MultipleHeadsContext, RevisionError};
use crate::graph::Edges;
use crate::map::{Idx, RevisionMap};
use crate::resolve::{Arg, Pos};

/// One stamp move (Alembic's StampStep): rows `from` become `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampStep {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub is_upgrade: bool,
    /// A new branch row (insert) or a branch removed (delete) rather than a row moved.
    pub branch_move: bool,
}

impl RevisionMap {
    /// The stamp steps for `targets` (empty = `base`) from the current rows; `purge` empties
    /// the table first (then even unknown rows do not matter).
    pub fn stamp_plan(&self, current_rows: &[String], targets: &[&str], purge: bool) -> Result<Vec<StampStep>, RevisionError> {
        let rows: Vec<String> = if purge { vec![] } else { current_rows.to_vec() };
        self.stamp_steps(&rows, targets).map_err(|e| match e {
            RevisionError::MultipleHeads { heads, argument, .. } => {
                RevisionError::MultipleHeads { heads, argument, context: MultipleHeadsContext::Stamp }
            }
            other => other,
        })
    }

    fn stamp_steps(&self, rows: &[String], targets: &[&str]) -> Result<Vec<StampStep>, RevisionError> {
        let heads = self.rev_positions(&self.get_positions(&Arg::rows(rows))?);
        let targets: Vec<String> = if targets.is_empty() { vec!["base".into()] } else { targets.iter().map(|s| s.to_string()).collect() };
        let mut filtered: Vec<Idx> = Vec::new();
        for t in targets.iter().filter(|t| !t.is_empty()) {
            for h in self.filter_for_lineage(&heads, t, true)? {
                if !filtered.contains(&h) {
                    filtered.push(h);
                }
            }
        }
        let ids = |v: &[Idx]| v.iter().map(|&i| self.id(i).to_string()).collect::<Vec<_>>();
        let mut dests: Vec<Pos> = self.get_positions(&Arg::Tuple(targets.clone()))?;
        if dests.is_empty() {
            dests.push(Pos::None);
        }
        let mut steps = Vec::new();
        for dest in dests {
            let Pos::Rev(d) = dest else {
                // Base: delete every row on the targets' lineage.
                for &h in &filtered {
                    steps.push(StampStep { from: vec![self.id(h).into()], to: vec![], is_upgrade: false, branch_move: true });
                }
                continue;
            };
            if filtered.contains(&d) {
                continue;
            }
            let above = self.closure(&[d], Edges::AllUp);
            let below = self.closure(&[d], Edges::NormDown);
            let to = vec![self.id(d).to_string()];
            if filtered.iter().any(|&h| above[h as usize]) {
                steps.push(StampStep { from: ids(&filtered), to, is_upgrade: false, branch_move: false });
            } else if filtered.iter().any(|&h| below[h as usize]) {
                steps.push(StampStep { from: ids(&filtered), to, is_upgrade: true, branch_move: false });
            } else {
                steps.push(StampStep { from: vec![], to, is_upgrade: true, branch_move: true });
            }
        }
        Ok(steps)
    }
}
