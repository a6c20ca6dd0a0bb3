//! Upgrade and downgrade step plans (sections 5 and 6): which revisions run, in what order.

use crate::error::{RangeContext, RevisionError};
use crate::graph::Edges;
use crate::map::{Idx, RevisionMap};
use crate::relative::match_relative;
use crate::resolve::{Arg, Pos};

/// A plan plus the warnings Alembic prints while computing it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan<'a> {
    /// Revisions in the order their migrations run.
    pub revisions: Vec<&'a str>,
    pub warnings: Vec<String>,
}

impl RevisionMap {
    /// `_collect_upgrade_revisions`: the revisions between `lower` and `upper`, and the targets.
    pub(crate) fn collect_upgrade(
        &self,
        upper: &Arg,
        lower: &Arg,
        inclusive: bool,
        implicit_base: bool,
        assert_len: bool,
    ) -> Result<(Vec<bool>, Vec<Idx>), RevisionError> {
        let n = self.nodes.len();
        let positions = self.parse_upgrade_target(lower, upper, assert_len)?;
        let mut targets: Vec<Idx> = Vec::new();
        for p in positions {
            match p {
                Pos::Rev(i) => targets.push(i),
                // Alembic: `is_revision` AssertionError (head+1, base+9, a-1 ...).
                _ => {
                    let text = upper.repr();
                    let count = match_relative(&text).map(|r| r.value.unsigned_abs()).unwrap_or(0);
                    return Err(RevisionError::RelativeWalkFailed { target: text, count });
                }
            }
        }
        if let Arg::Str(l) = lower {
            if let Some((branch, _)) = l.split_once('@') {
                let mut branch = branch.to_string();
                if let Some(b) = self.get_position(&Arg::Str(branch.clone()))? {
                    if self.id(b) == branch {
                        // A revision id used as a label stands for that revision's label.
                        let labels = &self.node(b).labels;
                        if labels.len() != 1 {
                            return Err(RevisionError::Assertion {
                                message: format!("Revision {branch} used as a branch must carry exactly one branch label"),
                            });
                        }
                        branch = labels[0].clone();
                    }
                }
                targets.retain(|&t| self.node(t).labels.contains(&branch));
                targets.dedup();
            }
        }
        self.check_overlaps(&targets, Edges::NormDown)?;
        let required = self.closure(&targets, Edges::NormDown);

        let mut lower = lower.clone();
        let mut current = self.get_positions(&lower)?;
        if !implicit_base
            && current.iter().any(|p| match p {
                Pos::Rev(i) => !required[*i as usize],
                Pos::BaseStr => true,
                Pos::None => false,
            })
        {
            return Err(RevisionError::RangeNotAncestor { lower: lower.repr_or_base(), upper: upper.repr_or_base(), context: None });
        }
        if current.first() == Some(&Pos::None) {
            // A relative lower bound that over-walked: re-read it as a downgrade target.
            let Arg::Str(l) = &lower else { unreachable!("only strings walk") };
            let (_, rev) = self.parse_downgrade_target(upper, &l.clone(), assert_len, &mut Vec::new())?;
            match rev {
                Pos::BaseStr => {
                    current = vec![];
                    lower = Arg::None;
                }
                Pos::Rev(i) => {
                    current = vec![Pos::Rev(i)];
                    lower = Arg::Str(self.id(i).to_string());
                }
                Pos::None => {
                    return Err(RevisionError::RelativeWalkFailed { target: l.clone(), count: 0 });
                }
            }
        }
        let current_revs = self.rev_positions(&current);
        if let Some(k) = current.iter().position(|p| !matches!(p, Pos::Rev(_))) {
            // A relative lower bound (`-2`) that over-walked from one head but not from the
            // first: Alembic walks the revisions before it (overlap check included), then
            // its `is_revision` assertion fails on the `None`.
            self.check_overlaps_prefix(&current_revs, k, Edges::NormDown)?;
            return Err(RevisionError::Assertion {
                message: format!("Relative revision {} walked off the graph from some heads", lower.repr()),
            });
        }
        self.check_overlaps(&current_revs, Edges::NormDown)?;
        let done = self.closure(&current_revs, Edges::NormDown);
        let mut needs: Vec<bool> = (0..n).map(|i| required[i] && !done[i]).collect();
        if inclusive {
            for i in self.rev_positions(&self.get_positions(&lower)?) {
                needs[i as usize] = true;
            }
        }
        if !current.is_empty() && !implicit_base {
            self.check_overlaps(&current_revs, Edges::Up)?;
            let above = self.closure(&current_revs, Edges::Up);
            for i in 0..n {
                needs[i] &= above[i];
            }
        }
        Ok((needs, targets))
    }

    /// `_collect_downgrade_revisions`: revisions to drop (above the target, applied), and the
    /// current heads the walk starts from.
    pub(crate) fn collect_downgrade(
        &self,
        upper: &Arg,
        target: &str,
        assert_len: bool,
        warnings: &mut Vec<String>,
    ) -> Result<(Vec<bool>, Vec<Idx>), RevisionError> {
        let (branch, target_pos) = self.parse_downgrade_target(upper, target, assert_len, warnings)?;
        let target_rev = if let Pos::Rev(i) = target_pos { Some(i) } else { None };
        let mut roots: Vec<Idx> = match target_rev {
            // Alembic scans its map values, where a labelled base appears once per label too.
            None => self.key_order.iter().map(|k| k.1).filter(|&i| self.node(i).rev.down_revisions.is_empty()).collect(),
            Some(t) => self.node(t).children.clone(),
        };
        if let Some(b) = branch.as_deref().filter(|b| !b.is_empty()) {
            if roots.len() > 1 {
                let br = self.resolve_branch(b)?;
                let anc = self.closure(&[br], Edges::Down);
                roots.retain(|&r| anc[r as usize]);
                sorting::sort(&mut roots);
                roots.dedup();
                if roots.is_empty() {
                    return Err(RevisionError::NotValidDowngradeTarget);
                }
            }
        }
        let heads = self.rev_positions(&self.get_positions(upper)?);
        let above = self.closure(&roots, Edges::AllUp);
        let active = self.closure(&heads, Edges::NormDown);
        let drop: Vec<bool> = above.iter().zip(&active).map(|(a, b)| *a && *b).collect();
        if let Some(t) = target_rev {
            if !drop.iter().any(|&d| d) && !heads.contains(&t) {
                return Err(RevisionError::RangeNotAncestor {
                    lower: "Nothing to drop".into(),
                    upper: upper.repr_or_base(),
                    context: Some(RangeContext::Downgrade { destination: target.to_string() }),
                });
            }
        }
        Ok((drop, heads))
    }

    /// `alembic upgrade <target>` from the version-table rows: the revisions to run, in order.
    pub fn upgrade_plan(&self, current_rows: &[String], target: &str) -> Result<Vec<&str>, RevisionError> {
        let (needs, targets) = self.collect_upgrade(&Arg::Str(target.into()), &Arg::rows(current_rows), false, true, true)?;
        let mut order = self.topological_sort(&needs, &targets)?;
        order.reverse();
        Ok(self.ids(&order))
    }

    /// `alembic downgrade <target>` from the version-table rows: the revisions whose
    /// downgrade runs, in order.
    pub fn downgrade_plan(&self, current_rows: &[String], target: &str) -> Result<Vec<&str>, RevisionError> {
        Ok(self.plan_downgrade(current_rows, target)?.revisions)
    }

    /// `downgrade_plan` plus its warnings (`downgrade -1 from multiple heads is ambiguous...`).
    pub fn plan_downgrade(&self, current_rows: &[String], target: &str) -> Result<Plan<'_>, RevisionError> {
        let mut warnings = Vec::new();
        let upper = Arg::rows(current_rows);
        let (drop, heads) = self.collect_downgrade(&upper, target, true, &mut warnings)?;
        let order = self.topological_sort(&drop, &heads)?;
        Ok(Plan { revisions: self.ids(&order), warnings })
    }

    /// `upgrade --sql A:B`-style plan between explicit revisions (`from` may be `base`).
    pub fn upgrade_plan_range(&self, from: &str, to: &str) -> Result<Vec<&str>, RevisionError> {
        let lower = if from == "base" || from.is_empty() { Arg::Tuple(vec![]) } else { Arg::Tuple(vec![from.to_string()]) };
        let (needs, targets) = self.collect_upgrade(&Arg::Str(to.into()), &lower, false, true, true)?;
        let mut order = self.topological_sort(&needs, &targets)?;
        order.reverse();
        Ok(self.ids(&order))
    }
}
