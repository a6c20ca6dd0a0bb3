//! Reachability helpers over the arena: ancestor/descendant closures as mark vectors.

use crate::map::{Idx, Node, RevisionMap};

/// Which edges a traversal follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edges {
    /// down_revision only.
    Down,
    /// down_revision + normalized dependencies (Alembic's `_normalized_down_revisions`).
    NormDown,
    /// nextrev: children by down_revision.
    Up,
    /// `_all_nextrev`: children by down_revision or any depends_on.
    AllUp,
}

pub(crate) fn edges(n: &Node, e: Edges) -> &[Idx] {
    match e {
        Edges::Down => &n.down,
        Edges::NormDown => &n.norm_down,
        Edges::Up => &n.children,
        Edges::AllUp => &n.all_children,
    }
}

impl RevisionMap {
    /// Marks every node reachable from `starts` (included) along `e`.
    pub(crate) fn closure(&self, starts: &[Idx], e: Edges) -> Vec<bool> {
        let mut mark = vec![false; self.nodes.len()];
        let mut stack: Vec<Idx> = Vec::new();
        for &s in starts {
            if !mark[s as usize] {
                mark[s as usize] = true;
                stack.push(s);
            }
            while let Some(n) = stack.pop() {
                for &c in edges(self.node(n), e) {
                    if !mark[c as usize] {
                        mark[c as usize] = true;
                        stack.push(c);
                    }
                }
            }
        }
        mark
    }

    /// Alembic's `_iterate_related_revisions(check=True)`: walks each target in turn with a
    /// shared `seen` set and fails when a target reaches another target.
    pub(crate) fn check_overlaps(&self, targets: &[Idx], e: Edges) -> Result<(), crate::RevisionError> {
        self.check_overlaps_prefix(targets, targets.len(), e)
    }

    /// `check_overlaps` walking only the first `walked` targets (each still checked against
    /// all of them): Alembic's walk stopped early by a non-revision target.
    pub(crate) fn check_overlaps_prefix(&self, targets: &[Idx], walked: usize, e: Edges) -> Result<(), crate::RevisionError> {
        let n = self.nodes.len();
        let mut seen = vec![false; n];
        let mut is_target = vec![false; n];
        for &t in targets {
            is_target[t as usize] = true;
        }
        for &t in &targets[..walked] {
            // Nodes popped for this target, including already-seen ones (as Alembic counts).
            let mut overlaps: Vec<Idx> = Vec::new();
            let mut stack = vec![t];
            while let Some(r) = stack.pop() {
                if r != t && is_target[r as usize] && !overlaps.contains(&r) {
                    overlaps.push(r);
                }
                if seen[r as usize] {
                    continue;
                }
                seen[r as usize] = true;
                stack.extend_from_slice(edges(self.node(r), e));
            }
            if !overlaps.is_empty() {
                sorting::sort(&mut overlaps);
                return Err(crate::RevisionError::Overlap {
                    revision: self.id(t).to_string(),
                    overlaps: overlaps.iter().map(|&o| self.id(o).to_string()).collect(),
                });
            }
        }
        Ok(())
    }

    /// Versioned lineage of `r`: its ancestors, itself and its descendants (down_revision only).
    pub(crate) fn lineage(&self, r: Idx) -> Vec<bool> {
        let mut m = self.closure(&[r], Edges::Down);
        let up = self.closure(&[r], Edges::Up);
        for (a, b) in m.iter_mut().zip(up) {
            *a |= b;
        }
        m
    }
}
