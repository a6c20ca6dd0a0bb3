//! Times build + heads + history(base:heads) + upgrade plan on a 5,000-revision graph of two
//! chains that merge every 10 revisions. Run: `cargo bench -p revision --bench graph`.

use std::time::Instant;

use revision::{Revision, RevisionMap};

fn diamond_chain(n: usize) -> Vec<Revision> {
    let mut revs = vec![Revision::new("m0000", &[])];
    let mut merge = "m0000".to_string();
    let mut k = 1;
    while revs.len() < n {
        let (mut a, mut b) = (merge.clone(), merge.clone());
        for j in 0..4 {
            let (na, nb) = (format!("a{k:04}{j}"), format!("b{k:04}{j}"));
            revs.push(Revision::new(&na, &[&a]));
            revs.push(Revision::new(&nb, &[&b]));
            (a, b) = (na, nb);
        }
        merge = format!("m{k:04}");
        revs.push(Revision::new(&merge, &[&a, &b]));
        revs.push(Revision::new(&format!("s{k:04}"), &[&merge]));
        merge = format!("s{k:04}");
        k += 1;
    }
    revs
}

fn main() {
    let revs = diamond_chain(5000);
    let n = revs.len();
    // Best of 5 builds (the first pays for page faults of fresh allocations).
    let mut build = std::time::Duration::MAX;
    let mut built = None;
    for _ in 0..5 {
        let input = revs.clone();
        let t = Instant::now();
        built = Some(RevisionMap::build(input).unwrap());
        build = build.min(t.elapsed());
    }
    let map = built.unwrap();
    let t = Instant::now();
    let heads = map.heads().len();
    let t_heads = t.elapsed();
    let t = Instant::now();
    let hist = map.history("base", "heads", &[]).unwrap().len();
    let t_hist = t.elapsed();
    let t = Instant::now();
    let plan = map.upgrade_plan(&[], "heads").unwrap().len();
    let t_up = t.elapsed();
    let t = Instant::now();
    let rows = map.rows_after_upgrade(&[], &map.upgrade_plan(&[], "heads").unwrap()).unwrap();
    let t_rows = t.elapsed();
    let t = Instant::now();
    let head = map.heads()[0].to_string();
    let down = map.downgrade_plan(&[head], "base").unwrap().len();
    let t_down = t.elapsed();
    println!("{n} revisions: build {build:?}, heads ({heads}) {t_heads:?}, history ({hist}) {t_hist:?}, upgrade plan ({plan}) {t_up:?}, plan+version rows ({}) {t_rows:?}, downgrade base ({down}) {t_down:?}", rows.len());
}
