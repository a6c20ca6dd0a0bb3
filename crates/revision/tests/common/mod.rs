//! Shared runner for the JSON case tables (Alembic-observed graph questions and answers).

use revision::{Revision, RevisionError, RevisionMap};
use serde_json::Value;

fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(|x| x.as_str().unwrap_or_default().to_string()).collect()).unwrap_or_default()
}

fn graph(case: &Value) -> Vec<Revision> {
    case["graph"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| Revision {
            id: n["rev"].as_str().unwrap().to_string(),
            down_revisions: strs(&n["down"]),
            branch_labels: strs(&n["labels"]),
            depends_on: strs(&n["depends_on"]),
        })
        .collect()
}

/// What a case produced: a list (plus version-table rows after it), or an error.
pub type Outcome = Result<(Vec<String>, Option<Vec<String>>), RevisionError>;

pub fn run(case: &Value) -> Outcome {
    let map = RevisionMap::build(graph(case))?;
    let args = &case["args"];
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    let rows = |k: &str| strs(&args[k]);
    let out = match case["op"].as_str().unwrap() {
        "heads" => own(map.heads()),
        "bases" => own(map.bases()),
        "labels" => own(map.branch_labels_of(args["rev"].as_str().unwrap())),
        "current" => own(map.current_heads(&rows("rows"))?),
        "resolve" => match &args["id"] {
            Value::Array(_) => own(map.get_revisions_list(&strs(&args["id"]))?),
            Value::String(s) if args["single"].as_bool() == Some(true) => own(map.get_revision(s)?.into_iter().collect()),
            Value::String(s) => own(map.get_revisions(s)?),
            other => panic!("bad id {other}"),
        },
        "upgrade_path" => {
            let cur = rows("current");
            let plan = map.upgrade_plan(&cur, args["target"].as_str().unwrap())?;
            let after = map.rows_after_upgrade(&cur, &plan)?;
            return Ok((own(plan), Some(after)));
        }
        "downgrade_path" => {
            let cur = rows("current");
            let plan = map.downgrade_plan(&cur, args["target"].as_str().unwrap())?;
            let after = map.rows_after_downgrade(&cur, &plan)?;
            return Ok((own(plan), Some(after)));
        }
        "history" => own(map.history(args["base"].as_str().unwrap_or(""), args["head"].as_str().unwrap_or(""), &rows("current"))?),
        op => panic!("unknown op {op}"),
    };
    Ok((out, None))
}

/// Compares one case's outcome with its expectation; `None` when it matches.
pub fn check(case: &Value) -> Option<String> {
    let got = run(case);
    let expect = &case["expect"];
    if let Some(err) = expect.get("error").and_then(Value::as_str) {
        let e = match got {
            Ok(v) => return Some(format!("expected error {err:?}, got {v:?}")),
            Err(e) => e,
        };
        // Where Alembic crashes we report a clean error of the same meaning.
        let exception = err.split(':').next().unwrap_or_default();
        let matched = match err {
            e2 if e2.starts_with("KeyError") => e.alembic_crash() == Some("KeyError") && e2.contains(&format!("'{}'", missing(&e))),
            _ if e.alembic_crash().is_some() && e.alembic_crash() == Some(exception) => true,
            _ => e.to_string().contains(err),
        };
        if !matched {
            return Some(format!("expected error containing {err:?}, got {:?}", e.to_string()));
        }
        if let Some(cli) = expect.get("cli_error").and_then(Value::as_str) {
            if e.cli_message() != cli {
                return Some(format!("expected cli {cli:?}, got {:?}", e.cli_message()));
            }
        }
        return None;
    }
    let want = strs(expect);
    match got {
        Err(e) => Some(format!("expected {want:?}, got error {:?}", e.to_string())),
        Ok((v, _)) if v != want => Some(format!("expected {want:?}, got {v:?}")),
        Ok((_, after)) => {
            let want_after = case.get("heads_after").map(strs)?;
            let mut got_after = after.unwrap_or_default();
            let mut w = want_after.clone();
            got_after.sort();
            w.sort();
            (got_after != w).then(|| format!("heads_after: expected {want_after:?}, got {got_after:?}"))
        }
    }
}

fn missing(e: &RevisionError) -> String {
    match e {
        RevisionError::MissingRevision { missing, .. } => missing.clone(),
        RevisionError::VersionTableCrash { row, .. } => row.clone(),
        _ => String::new(),
    }
}

/// Runs every case of a table file, printing each failure, and fails if any did. The panic
/// message names every failing case id (not only the first few), so a long run on a random
/// case file can be triaged from the failure output alone; with `REVISION_CASES_REPORT=path`
/// the failures (one `id: message` a line) are also written to that file.
pub fn run_table(text: &str) {
    let data: Value = serde_json::from_str(text).unwrap();
    let cases = data["cases"].as_array().unwrap();
    let mut failures: Vec<(String, String)> = Vec::new();
    for case in cases {
        if let Some(msg) = check(case) {
            let id = case["id"].as_str().unwrap_or("?").to_string();
            println!("FAIL {id}: {msg}");
            failures.push((id, msg));
        }
    }
    println!("{} / {} cases pass", cases.len() - failures.len(), cases.len());
    if let Ok(path) = std::env::var("REVISION_CASES_REPORT") {
        let report: String = failures.iter().map(|(id, msg)| format!("{id}: {msg}\n")).collect();
        std::fs::write(path, report).unwrap();
    }
    if !failures.is_empty() {
        let ids: Vec<&str> = failures.iter().map(|f| f.0.as_str()).collect();
        panic!("{} of {} case(s) failed: {}", failures.len(), cases.len(), ids.join(", "));
    }
}
