//! `stamp_plan` and version-table moves (section 8 `stamp`).

use revision::{Revision, RevisionMap, VersionTable, VersionUpdate};

fn chain() -> RevisionMap {
    RevisionMap::build(vec![
        Revision::new("aaaa00000001", &[]),
        Revision::new("bbbb00000002", &["aaaa00000001"]),
        Revision::new("cccc00000003", &["bbbb00000002"]),
        Revision::new("dddd00000004", &["cccc00000003"]),
    ])
    .unwrap()
}

fn apply(map: &RevisionMap, rows: &[&str], targets: &[&str], purge: bool) -> (Vec<Vec<VersionUpdate>>, Vec<String>) {
    let rows: Vec<String> = rows.iter().map(|s| s.to_string()).collect();
    let steps = map.stamp_plan(&rows, targets, purge).unwrap();
    let mut t = VersionTable::new(if purge { &[] } else { &rows });
    let updates = steps.iter().map(|s| t.stamp(s).unwrap()).collect();
    (updates, t.rows().to_vec())
}

#[test]
fn stamp_moves_rows() {
    let m = chain();
    let up = |f: &str, t: &str| VersionUpdate::Update { from: f.into(), to: t.into() };
    assert_eq!(apply(&m, &["bbbb00000002"], &["dddd"], false).0, vec![vec![up("bbbb00000002", "dddd00000004")]]);
    assert_eq!(apply(&m, &["dddd00000004"], &["bbbb00000002"], false).0, vec![vec![up("dddd00000004", "bbbb00000002")]]);
    assert_eq!(apply(&m, &[], &["cccc00000003"], false).0, vec![vec![VersionUpdate::Insert("cccc00000003".into())]]);
    assert_eq!(apply(&m, &["cccc00000003"], &["base"], false).1, Vec::<String>::new());
    assert!(apply(&m, &["cccc00000003"], &["cccc00000003"], false).0.is_empty());
    // --purge ignores rows Alembic could not resolve.
    assert_eq!(apply(&m, &["deadbeef0000"], &["bbbb00000002"], true).1, vec!["bbbb00000002".to_string()]);
    let e = m.stamp_plan(&["deadbeef0000".into()], &["bbbb00000002"], false).unwrap_err();
    assert_eq!(e.cli_message(), "Can't locate revision identified by 'deadbeef0000'");
}

#[test]
fn stamp_multiple_heads_message() {
    let m = RevisionMap::build(vec![Revision::new("a", &[]), Revision::new("b1", &["a"]), Revision::new("b2", &["a"])]).unwrap();
    let e = m.stamp_plan(&[], &["head"], false).unwrap_err();
    assert_eq!(e.cli_message(), "Multiple heads are present; please specify a single target revision");
}
