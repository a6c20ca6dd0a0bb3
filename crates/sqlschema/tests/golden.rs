//! Golden tests: each case in `test_data/cases.json` holds the SQL real
//! SQLAlchemy/Alembic produced (see `test_data/refresh.py`); the Rust model of
//! the same construct, built in `golden/*.rs`, must compile to the same text.

#[path = "golden/ddl.rs"]
mod ddl;
#[path = "golden/ops.rs"]
mod ops;

use std::collections::BTreeSet;

fn load() -> Vec<(String, String, Vec<String>)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/test_data/cases.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let sql = c["sql"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
            (c["id"].as_str().unwrap().to_string(), c["python"].as_str().unwrap().to_string(), sql)
        })
        .collect()
}

fn build(id: &str) -> Option<Vec<String>> {
    ddl::build(id).or_else(|| ops::build(id))
}

#[test]
fn every_case_matches_sqlalchemy() {
    let cases = load();
    assert!(cases.len() >= 40, "golden table shrank to {}", cases.len());
    let mut failures = Vec::new();
    for (id, python, expected) in &cases {
        match build(id) {
            None => failures.push(format!("{id}: no Rust model for this case")),
            Some(got) if &got != expected => failures.push(format!("{id}: {python}\n  expected: {expected:#?}\n  got:      {got:#?}")),
            Some(_) => {}
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn no_rust_case_without_a_golden() {
    let ids: BTreeSet<String> = load().into_iter().map(|c| c.0).collect();
    for id in ddl::IDS.iter().chain(ops::IDS) {
        assert!(ids.contains(*id), "{id} is built in Rust but missing from cases.json");
    }
}
