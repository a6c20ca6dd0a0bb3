//! The topological walk shared by upgrade, downgrade and history (section 5), in
//! near-linear time with exactly the order of Alembic's cursor algorithm.
//!
//! Alembic keeps `pending` entries with their ancestor sets and, at the cursor, emits the
//! candidate unless it is an ancestor of another pending entry (then the cursor jumps to the
//! first such entry). When the set S is convex (every path between two members stays in S),
//! "ancestor of another pending entry" ⇔ "has a not-yet-emitted child in S": every
//! unemitted member lies below some pending entry, and emitted members never have
//! unemitted descendants. So a per-node count of unemitted children answers the common
//! question in O(1); only when the candidate is blocked do we search the (unemitted) region
//! above it for the first pending entry in list order. Non-convex sets (rare: a history range
//! whose lower bound is reached only through a dependency) use the direct algorithm.

use crate::error::RevisionError;
use crate::graph::Edges;
use crate::map::{Idx, RevisionMap};

impl RevisionMap {
    /// Walks `todo` from `heads` (the emitted order of Alembic's `_topological_sort`).
    pub(crate) fn topological_sort(&self, todo: &[bool], heads: &[Idx]) -> Result<Vec<Idx>, RevisionError> {
        let n = self.nodes.len();
        let mut start: Vec<Idx> = heads.iter().copied().filter(|&h| todo[h as usize]).collect();
        sorting::sort(&mut start);
        start.dedup();
        // Only members below a starting head can ever be emitted.
        let below = self.closure(&start, Edges::NormDown);
        let member: Vec<bool> = (0..n).map(|i| todo[i] && below[i]).collect();
        let order = if self.is_convex(&member) { self.walk_counting(&member, start) } else { self.walk_direct(&member, start) };
        let total = todo.iter().filter(|&&t| t).count();
        if order.len() < total {
            let mut emitted = vec![false; n];
            for &o in &order {
                emitted[o as usize] = true;
            }
            let rest = (0..n).filter(|&i| todo[i] && !emitted[i]).map(|i| self.id(i as Idx).to_string()).collect();
            return Err(RevisionError::Unordered { revisions: rest });
        }
        Ok(order)
    }

    /// No node outside `member` is both above and below members (traversal edges).
    fn is_convex(&self, member: &[bool]) -> bool {
        let seeds: Vec<Idx> = (0..self.nodes.len() as Idx).filter(|&i| member[i as usize]).collect();
        let below = self.closure(&seeds, Edges::NormDown);
        let mut above = vec![false; self.nodes.len()];
        let mut stack = seeds.clone();
        for &s in &seeds {
            above[s as usize] = true;
        }
        while let Some(x) = stack.pop() {
            for &c in &self.node(x).norm_children {
                if !above[c as usize] {
                    above[c as usize] = true;
                    stack.push(c);
                }
            }
        }
        (0..self.nodes.len()).all(|i| member[i] || !(below[i] && above[i]))
    }

    fn walk_counting(&self, member: &[bool], mut pending: Vec<Idx>) -> Vec<Idx> {
        let n = self.nodes.len();
        let mut unemitted_children = vec![0u32; n];
        for i in 0..n {
            if member[i] {
                unemitted_children[i] = self.nodes[i].norm_children.iter().filter(|&&c| member[c as usize]).count() as u32;
            }
        }
        let mut emitted = vec![false; n];
        let mut in_pending = vec![false; n];
        for &p in &pending {
            in_pending[p as usize] = true;
        }
        let mut region_stamp = vec![0u32; n];
        let mut stamp = 0u32;
        let mut out = Vec::new();
        let mut i = 0usize;
        while !pending.is_empty() {
            let c = pending[i];
            if unemitted_children[c as usize] > 0 {
                // Blocked: jump to the first pending entry that descends from c.
                stamp += 1;
                let mut stack = vec![c];
                region_stamp[c as usize] = stamp;
                while let Some(x) = stack.pop() {
                    for &y in &self.node(x).norm_children {
                        if member[y as usize] && !emitted[y as usize] && region_stamp[y as usize] != stamp {
                            region_stamp[y as usize] = stamp;
                            stack.push(y);
                        }
                    }
                }
                // None is unreachable for convex sets; then fall through and emit rather than loop.
                if let Some(j) = pending.iter().enumerate().position(|(j, &q)| j != i && region_stamp[q as usize] == stamp) {
                    i = j;
                    continue;
                }
            }
            out.push(c);
            emitted[c as usize] = true;
            let mut fresh: Vec<Idx> = Vec::new();
            for &p in &self.node(c).norm_down {
                if member[p as usize] {
                    unemitted_children[p as usize] -= 1;
                    if !emitted[p as usize] && !in_pending[p as usize] && !fresh.contains(&p) {
                        fresh.push(p);
                    }
                }
            }
            if fresh.is_empty() {
                pending.remove(i);
                in_pending[c as usize] = false;
                i = i.saturating_sub(1);
            } else {
                in_pending[c as usize] = false;
                pending[i] = fresh[0];
                for &f in &fresh {
                    in_pending[f as usize] = true;
                }
                pending.extend_from_slice(&fresh[1..]);
            }
        }
        out
    }

    /// Alembic's algorithm as described, with one ancestor set per pending entry (quadratic).
    pub(crate) fn walk_direct(&self, member: &[bool], mut pending: Vec<Idx>) -> Vec<Idx> {
        let mut todo = member.to_vec();
        let mut anc: Vec<Vec<bool>> = pending.iter().map(|&p| self.closure(&[p], Edges::NormDown)).collect();
        let mut out = Vec::new();
        let mut i = 0usize;
        while !pending.is_empty() {
            let c = pending[i];
            if let Some(j) = (0..pending.len()).find(|&j| j != i && anc[j][c as usize]) {
                i = j;
                continue;
            }
            if todo[c as usize] {
                out.push(c);
                todo[c as usize] = false;
            }
            let fresh: Vec<Idx> = self.node(c).norm_down.iter().copied().filter(|&p| todo[p as usize] && !pending.contains(&p)).collect();
            if fresh.is_empty() {
                pending.remove(i);
                anc.remove(i);
                i = i.saturating_sub(1);
            } else {
                pending[i] = fresh[0];
                anc[i] = self.closure(&[fresh[0]], Edges::NormDown);
                for &f in &fresh[1..] {
                    pending.push(f);
                    anc.push(self.closure(&[f], Edges::NormDown));
                }
            }
        }
        out
    }

    /// The section 5 walk over `revisions` starting from `heads` (public for tests and tools).
    pub fn topological_walk(&self, revisions: &[&str], heads: &[&str]) -> Result<Vec<&str>, RevisionError> {
        let mut todo = vec![false; self.nodes.len()];
        for r in revisions {
            if let Some(i) = self.idx(r) {
                todo[i as usize] = true;
            }
        }
        let hs: Vec<Idx> = heads.iter().filter_map(|h| self.idx(h)).collect();
        Ok(self.ids(&self.topological_sort(&todo, &hs)?))
    }
}
