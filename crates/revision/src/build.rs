//! Building a `RevisionMap`: ids, labels, dependency resolution, heads/bases, cycle checks,
//! normalized dependencies and branch-label propagation, in Alembic's order of checks.

use std::collections::HashMap;

use crate::error::{CycleKind, RevisionError};
use crate::graph::Edges;
use crate::map::{Idx, Node, Revision, RevisionMap};

const ILLEGAL: [char; 4] = ['@', '-', '+', ':'];

fn push_unique<T: PartialEq + Copy>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

impl RevisionMap {
    /// Builds the map from revisions in load order (sorted file names).
    ///
    /// Errors, in Alembic's order: self-loops and illegal characters (per revision), a
    /// branch label already used (labels are claimed in load order; Alembic uses Python set
    /// order, so which of the two revisions is named can differ there), an unknown
    /// depends_on / down_revision (Alembic: `KeyError`), cycles.
    pub fn build(revisions: Vec<Revision>) -> Result<RevisionMap, RevisionError> {
        let mut m = RevisionMap::default();
        // (arena index, the revision as loaded) for every loaded object, ghosts included.
        let mut objects: Vec<(Idx, Revision)> = Vec::with_capacity(revisions.len());
        for rev in revisions {
            check_revision(&rev)?;
            let idx = match m.keys.get(&rev.id) {
                Some(&i) => {
                    m.warnings.push(format!("Revision {} is present more than once", rev.id));
                    m.nodes[i as usize].rev = rev.clone();
                    i
                }
                None => {
                    let i = m.nodes.len() as Idx;
                    m.keys.insert(rev.id.clone(), i);
                    m.key_order.push((rev.id.clone(), i));
                    m.nodes.push(Node { rev: rev.clone(), ..Default::default() });
                    i
                }
            };
            objects.push((idx, rev));
        }
        let last_object: HashMap<Idx, usize> = objects.iter().enumerate().map(|(k, (i, _))| (*i, k)).collect();
        let is_ghost = |k: usize| last_object[&objects[k].0] != k;

        // Branch labels become map keys; a label may not reuse an id or another label.
        for (k, (idx, rev)) in objects.iter().enumerate() {
            if is_ghost(k) {
                continue;
            }
            for label in &rev.branch_labels {
                if let Some(&used) = m.keys.get(label) {
                    return Err(RevisionError::DuplicateBranchLabel {
                        label: label.clone(),
                        revision: rev.id.clone(),
                        used_by: m.nodes[used as usize].rev.id.clone(),
                    });
                }
                m.keys.insert(label.clone(), *idx);
                m.key_order.push((label.clone(), *idx));
            }
        }

        m.resolve_edges()?;
        m.collect_heads_and_bases(&objects, &is_ghost);
        m.detect_cycles(&objects)?;
        m.normalize_dependencies();
        m.propagate_branch_labels();
        Ok(m)
    }

    fn lookup(&self, key: &str, from: &Revision) -> Result<Idx, RevisionError> {
        self.keys.get(key).copied().ok_or_else(|| RevisionError::MissingRevision {
            missing: key.to_string(),
            referenced_from: format!("{} -> {}", from.down_revisions.join(", "), from.id),
        })
    }

    /// depends_on and down_revision names → arena edges (labels allowed, as in Alembic's map).
    fn resolve_edges(&mut self) -> Result<(), RevisionError> {
        for i in 0..self.nodes.len() {
            let rev = self.nodes[i].rev.clone();
            let mut deps = Vec::new();
            for d in &rev.depends_on {
                push_unique(&mut deps, self.lookup(d, &rev)?);
            }
            self.nodes[i].deps = deps;
        }
        for i in 0..self.nodes.len() {
            let rev = self.nodes[i].rev.clone();
            let mut down = Vec::new();
            for d in &rev.down_revisions {
                push_unique(&mut down, self.lookup(d, &rev)?);
            }
            self.nodes[i].down = down;
        }
        for i in 0..self.nodes.len() {
            let me = i as Idx;
            let (down, deps) = (self.nodes[i].down.clone(), self.nodes[i].deps.clone());
            for &p in &down {
                push_unique(&mut self.nodes[p as usize].children, me);
            }
            for &p in down.iter().chain(&deps) {
                push_unique(&mut self.nodes[p as usize].all_children, me);
            }
        }
        // Children lists in load order regardless of which parent listed them first.
        for n in &mut self.nodes {
            sorting::sort(&mut n.children);
            sorting::sort(&mut n.all_children);
        }
        Ok(())
    }

    fn collect_heads_and_bases(&mut self, objects: &[(Idx, Revision)], is_ghost: &dyn Fn(usize) -> bool) {
        for (k, (idx, rev)) in objects.iter().enumerate() {
            let n = &self.nodes[*idx as usize];
            let ghost = is_ghost(k);
            if ghost || n.children.is_empty() {
                self.heads.push(*idx);
            }
            if ghost || n.all_children.is_empty() {
                self.real_heads.push(*idx);
            }
            if rev.down_revisions.is_empty() {
                self.bases.push(*idx);
            }
        }
    }

    /// Alembic's check: every revision must be reachable downwards from a head and upwards
    /// from a base, first along down_revision, then along all edges.
    fn detect_cycles(&mut self, objects: &[(Idx, Revision)]) -> Result<(), RevisionError> {
        if self.nodes.is_empty() {
            return Ok(());
        }
        let real_bases: Vec<Idx> =
            objects.iter().filter(|(_, r)| r.down_revisions.is_empty() && r.depends_on.is_empty()).map(|(i, _)| *i).collect();
        let (heads, bases, real_heads) = (self.heads.clone(), self.bases.clone(), self.real_heads.clone());
        self.check_space(&heads, &bases, Edges::Down, Edges::Up, CycleKind::Cycle)?;
        self.check_space(&real_heads, &real_bases, Edges::NormDown, Edges::AllUp, CycleKind::DependencyCycle)?;
        self.topo = self.topological_order(CycleKind::Cycle, true)?;
        self.topo = self.topological_order(CycleKind::DependencyCycle, false)?;
        self.topo_pos = vec![0; self.nodes.len()];
        for (k, &i) in self.topo.iter().enumerate() {
            self.topo_pos[i as usize] = k;
        }
        Ok(())
    }

    fn check_space(&self, heads: &[Idx], bases: &[Idx], down: Edges, up: Edges, kind: CycleKind) -> Result<(), RevisionError> {
        if heads.is_empty() || bases.is_empty() {
            let revisions = self.nodes.iter().map(|n| n.rev.id.clone()).collect();
            return Err(RevisionError::Cycle { kind, revisions });
        }
        // NormDown is not known yet here; all down edges (down + deps) are what Alembic uses.
        let below = if down == Edges::NormDown { self.closure_all_down(heads) } else { self.closure(heads, down) };
        let above = self.closure(bases, up);
        let mut bad: Vec<String> =
            (0..self.nodes.len()).filter(|&i| !(below[i] && above[i])).map(|i| self.nodes[i].rev.id.clone()).collect();
        if bad.is_empty() {
            return Ok(());
        }
        sorting::sort(&mut bad);
        Err(RevisionError::Cycle { kind, revisions: bad })
    }

    fn closure_all_down(&self, starts: &[Idx]) -> Vec<bool> {
        let mut mark = vec![false; self.nodes.len()];
        let mut stack: Vec<Idx> = starts.to_vec();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut mark[n as usize], true) {
                continue;
            }
            let node = self.node(n);
            stack.extend(node.down.iter().chain(&node.deps));
        }
        mark
    }

    /// Kahn's order, parents first; catches cycles Alembic's reachability check lets through.
    fn topological_order(&self, kind: CycleKind, versioned: bool) -> Result<Vec<Idx>, RevisionError> {
        let n = self.nodes.len();
        let parents = |i: usize| -> Vec<Idx> {
            let node = &self.nodes[i];
            if versioned {
                return node.down.clone();
            }
            // A dependency may name a down_revision again (directly or through a label):
            // count each parent once, as the children lists do.
            let mut v = node.down.clone();
            for &d in &node.deps {
                push_unique(&mut v, d);
            }
            v
        };
        let mut pending: Vec<usize> = (0..n).map(|i| parents(i).len()).collect();
        let mut ready: Vec<Idx> = (0..n as Idx).filter(|&i| pending[i as usize] == 0).rev().collect();
        let mut out = Vec::with_capacity(n);
        while let Some(i) = ready.pop() {
            out.push(i);
            let kids = if versioned { &self.nodes[i as usize].children } else { &self.nodes[i as usize].all_children };
            for &c in kids.iter().rev() {
                pending[c as usize] -= 1;
                if pending[c as usize] == 0 {
                    ready.push(c);
                }
            }
        }
        if out.len() < n {
            let mut bad: Vec<String> = (0..n).filter(|&i| pending[i] > 0).map(|i| self.nodes[i].rev.id.clone()).collect();
            sorting::sort(&mut bad);
            return Err(RevisionError::Cycle { kind, revisions: bad });
        }
        Ok(out)
    }

    /// Drops each dependency already declared by a versioned ancestor; builds `norm_down`.
    fn normalize_dependencies(&mut self) {
        let n = self.nodes.len();
        let any_deps = self.nodes.iter().any(|x| !x.deps.is_empty());
        // Dependencies declared by strict versioned ancestors (sorted, small per graph).
        let mut inherited: Vec<Vec<Idx>> = vec![Vec::new(); n];
        if any_deps {
            for &i in &self.topo {
                let mut acc: Vec<Idx> = Vec::new();
                for &p in &self.nodes[i as usize].down {
                    acc.extend_from_slice(&inherited[p as usize]);
                    acc.extend_from_slice(&self.nodes[p as usize].deps);
                }
                sorting::sort(&mut acc);
                acc.dedup();
                inherited[i as usize] = acc;
            }
        }
        for (node, inherited) in self.nodes.iter_mut().zip(&inherited) {
            node.norm_deps = node.deps.iter().copied().filter(|d| inherited.binary_search(d).is_err()).collect();
            let mut nd = node.down.clone();
            for &d in &node.norm_deps {
                push_unique(&mut nd, d);
            }
            node.norm_down = nd;
        }
        for i in 0..n {
            for p in self.nodes[i].norm_down.clone() {
                self.nodes[p as usize].norm_children.push(i as Idx);
            }
        }
    }

    /// Section 2: a label goes to the declaring revision, its descendants, and down from the
    /// last descendant Alembic visits until a real branch point or merge point. Labelled
    /// revisions are processed in load order (Alembic: set order) and children in load order.
    fn propagate_branch_labels(&mut self) {
        for i in 0..self.nodes.len() {
            let declared = self.nodes[i].rev.branch_labels.clone();
            for l in declared {
                if !self.nodes[i].labels.contains(&l) {
                    self.nodes[i].labels.push(l);
                }
            }
        }
        for r in 0..self.nodes.len() as Idx {
            if self.node(r).rev.branch_labels.is_empty() {
                continue;
            }
            let labels = self.node(r).labels.clone();
            let mut seen = vec![false; self.nodes.len()];
            let mut stack = vec![r];
            let mut last = r;
            while let Some(x) = stack.pop() {
                if std::mem::replace(&mut seen[x as usize], true) {
                    continue;
                }
                stack.extend_from_slice(&self.node(x).children);
                self.add_labels(x, &labels);
                last = x;
            }
            let mut p = last;
            loop {
                let node = self.node(p);
                if node.all_children.len() > 1 || node.rev.down_revisions.len() > 1 {
                    break;
                }
                self.add_labels(p, &labels);
                match self.node(p).down.first() {
                    Some(&d) => p = d,
                    None => break,
                }
            }
        }
    }

    fn add_labels(&mut self, x: Idx, labels: &[String]) {
        let own = &mut self.nodes[x as usize].labels;
        for l in labels {
            if !own.contains(l) {
                own.push(l.clone());
            }
        }
    }
}

/// Checks Alembic makes when constructing a single `Revision`.
fn check_revision(rev: &Revision) -> Result<(), RevisionError> {
    if rev.down_revisions.contains(&rev.id) {
        return Err(RevisionError::Cycle { kind: CycleKind::SelfLoop, revisions: vec![rev.id.clone()] });
    }
    if rev.depends_on.contains(&rev.id) {
        return Err(RevisionError::Cycle { kind: CycleKind::DependencySelfLoop, revisions: vec![rev.id.clone()] });
    }
    let mut bad: Vec<char> = ILLEGAL.iter().copied().filter(|c| rev.id.contains(*c)).collect();
    if !bad.is_empty() {
        sorting::sort(&mut bad);
        let chars: Vec<String> = bad.iter().map(|c| c.to_string()).collect();
        return Err(RevisionError::IllegalCharacters { chars: chars.join(", "), revision: rev.id.clone() });
    }
    Ok(())
}
