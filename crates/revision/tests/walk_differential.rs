//! Randomized differential test: the near-linear topological walk against a direct
//! (quadratic) implementation of the cursor algorithm described in REVISION_SEMANTICS §5.

use std::collections::HashSet;

use revision::{Revision, RevisionMap};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

fn random_graph(rng: &mut Rng) -> Vec<Revision> {
    let n = 1 + rng.below(30);
    let mut revs: Vec<Revision> = Vec::new();
    for k in 0..n {
        let mut r = Revision::new(&format!("r{k:02}"), &[]);
        if k > 0 && rng.chance(85) {
            r.down_revisions.push(format!("r{:02}", rng.below(k)));
            if rng.chance(25) {
                let o = format!("r{:02}", rng.below(k));
                if !r.down_revisions.contains(&o) {
                    r.down_revisions.push(o);
                }
            }
        }
        if k > 0 && rng.chance(20) {
            let d = format!("r{:02}", rng.below(k));
            if !r.down_revisions.contains(&d) {
                r.depends_on.push(d);
            }
        }
        revs.push(r);
    }
    // Load order is not creation order.
    for i in (1..revs.len()).rev() {
        if rng.chance(30) {
            let j = rng.below(i + 1);
            revs.swap(i, j);
        }
    }
    revs
}

fn ancestors<'a>(map: &'a RevisionMap, r: &'a str) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut stack = vec![r];
    while let Some(x) = stack.pop() {
        if seen.insert(x) {
            stack.extend(map.normalized_down_revisions(x));
        }
    }
    seen
}

/// The algorithm exactly as described: pending entries with their ancestor sets.
fn reference<'a>(map: &'a RevisionMap, set: &[&'a str], heads: &[&'a str]) -> Vec<&'a str> {
    let order = map.revision_ids();
    let mut todo: HashSet<&str> = set.iter().copied().collect();
    let mut pending: Vec<&str> = order.iter().copied().filter(|r| heads.contains(r) && todo.contains(r)).collect();
    let mut anc: Vec<HashSet<&str>> = pending.iter().map(|p| ancestors(map, p)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while !pending.is_empty() {
        let c = pending[i];
        if let Some(j) = (0..pending.len()).find(|&j| j != i && anc[j].contains(c)) {
            i = j;
            continue;
        }
        if todo.remove(c) {
            out.push(c);
        }
        let fresh: Vec<&str> = map.normalized_down_revisions(c).into_iter().filter(|p| todo.contains(p) && !pending.contains(p)).collect();
        if fresh.is_empty() {
            pending.remove(i);
            anc.remove(i);
            i = i.saturating_sub(1);
        } else {
            pending[i] = fresh[0];
            anc[i] = ancestors(map, fresh[0]);
            for f in &fresh[1..] {
                pending.push(f);
                anc.push(ancestors(map, f));
            }
        }
    }
    out
}

#[test]
fn fast_walk_matches_described_algorithm() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let mut compared = 0;
    for _ in 0..4000 {
        let Ok(map) = RevisionMap::build(random_graph(&mut rng)) else { continue };
        let ids = map.revision_ids();
        let pick = |rng: &mut Rng, pct| ids.iter().copied().filter(|_| rng.chance(pct)).collect::<Vec<_>>();
        let heads = if rng.chance(50) { map.real_heads() } else { pick(&mut rng, 30) };
        // Upgrade-like (convex) sets: ancestors of the heads minus ancestors of "current".
        let current = pick(&mut rng, 15);
        let done: HashSet<&str> = current.iter().flat_map(|c| ancestors(&map, c)).collect();
        let required: HashSet<&str> = heads.iter().flat_map(|h| ancestors(&map, h)).collect();
        let set: Vec<&str> = if rng.chance(80) {
            ids.iter().copied().filter(|r| required.contains(r) && !done.contains(r)).collect()
        } else {
            pick(&mut rng, 60) // arbitrary sets exercise the fallback path
        };
        let want = reference(&map, &set, &heads);
        match map.topological_walk(&set, &heads) {
            Ok(got) => assert_eq!(got, want, "set {set:?} heads {heads:?} graph {ids:?}"),
            // Alembic asserts when members are left unordered; so must the reference.
            Err(_) => assert!(want.len() < set.len(), "unexpected error for set {set:?} heads {heads:?}"),
        }
        compared += 1;
    }
    assert!(compared > 3000);
}
