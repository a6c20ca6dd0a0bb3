//! The `blog` scenario replayed through the page's engine and SQLite, step by step, against
//! what real Alembic did (`migrations/blog/transcript.json`): stdout, what the terminal showed
//! (both streams in order), the migration log, the version table, the schema and the data. Runs in headless Chromium (wasm-bindgen-test) and
//! natively (`cargo test -p web`), so both sides are held to the same golden.

use playground::inspect::{run_sql, SqlBoxResult};
use playground::project::Project;
use playground::session::Session;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use web::scenarios::SCENARIOS;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const TRANSCRIPT: &str = include_str!("../../migrations/blog/transcript.json");

fn value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => json!({ "blob": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
    }
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut q = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = q.next().unwrap() {
        out.push((0..n).map(|i| value(row.get_ref(i).unwrap())).collect());
    }
    out
}

/// The database in the shape `tests/tools/refresh_goldens.py` records it.
fn db_state(conn: &Connection) -> (Value, Value, Value) {
    let mut tables = Map::new();
    let mut indexes = Map::new();
    let mut data = Map::new();
    for row in rows(conn, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name") {
        let (kind, name) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
        // The page keeps its applied record beside Alembic's tables; Alembic has none.
        if row[2].as_str() == Some(engine::runtime::applied::APPLIED_TABLE) {
            continue;
        }
        if kind == "table" && !name.starts_with("sqlite_") {
            let index_list: Vec<Value> = rows(conn, &format!("PRAGMA index_list(\"{name}\")"))
                .into_iter()
                .map(|r| {
                    let idx = r[1].as_str().unwrap().to_string();
                    let columns: Vec<Value> =
                        rows(conn, &format!("PRAGMA index_info(\"{idx}\")")).into_iter().map(|c| c[2].clone()).collect();
                    json!({ "name": idx, "unique": r[2], "origin": r[3], "partial": r[4], "columns": columns })
                })
                .collect();
            tables.insert(
                name.into(),
                json!({
                    "sql": row[3],
                    "columns": rows(conn, &format!("PRAGMA table_info(\"{name}\")")),
                    "indexes": index_list,
                    "foreign_keys": rows(conn, &format!("PRAGMA foreign_key_list(\"{name}\")")),
                }),
            );
            if name != "alembic_version" {
                data.insert(name.into(), json!(rows(conn, &format!("SELECT * FROM \"{name}\""))));
            }
        } else if kind == "index" {
            indexes.insert(name.into(), json!({ "table": row[2], "sql": row[3] }));
        }
    }
    let version = if tables.contains_key("alembic_version") {
        json!(rows(conn, "SELECT version_num FROM alembic_version").into_iter().map(|r| r[0].clone()).collect::<Vec<_>>())
    } else {
        Value::Null
    };
    let schema = if tables.is_empty() { json!({}) } else { json!({ "tables": tables, "indexes": indexes }) };
    (version, schema, json!(data))
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn blog_replays_as_real_alembic_ran_it() {
    let transcript: Value = serde_json::from_str(TRANSCRIPT).unwrap();
    let mut session = Session::open(&Project::bundled(playground::scenarios::find(SCENARIOS, "blog").unwrap())).unwrap();
    let mut upgraded_to_head = false;
    for step in transcript["steps"].as_array().unwrap() {
        let command = step["command"].as_str().unwrap();
        if let Some(sql) = command.strip_prefix("!sql ") {
            let result = run_sql(&session.database().conn, sql);
            match step["error"].as_str() {
                Some(error) => assert!(matches!(&result, SqlBoxResult::Error(e) if e.ends_with(error)), "{command}: {result:?}"),
                None => assert!(matches!(result, SqlBoxResult::Changed(1)), "{command}: {result:?}"),
            }
        } else {
            let ran = session.run_line(command);
            assert_eq!(i64::from(ran.entry.exit_code), step["exit_code"].as_i64().unwrap(), "{command}: {:?}", ran.entry);
            // Alembic printed absolute paths; the page's files are relative to the project.
            let expected_stdout = step["stdout"].as_str().unwrap().replace("<PROJECT>/", "");
            // Both streams as an 80-column terminal showed them: the log between the SQL,
            // the ERROR line only where env.py had set up logging, argparse's usage lines.
            let terminal = step["terminal"].as_str().unwrap().replace("<PROJECT>/", "");
            assert_eq!(ran.entry.terminal(), terminal, "what a terminal shows for {command}");
            let failed = ran.entry.failed.as_ref().map(|m| format!("FAILED: {m}\n")).unwrap_or_default();
            assert_eq!(ran.entry.stdout() + &failed, expected_stdout, "stdout of {command}");
            let running: Vec<String> = ran
                .entry
                .stderr()
                .iter()
                .filter_map(|l| l.split_once("] ").map(|(_, m)| m.to_string()))
                .filter(|m| m.starts_with("Running "))
                .collect();
            assert_eq!(json!(running), step["migration_log"], "migration log of {command}");
            upgraded_to_head |= command == "upgrade head";
        }
        let (version, schema, data) = db_state(&session.database().conn);
        assert_eq!(version, step["alembic_version"], "alembic_version after {command}");
        assert_eq!(schema, step["schema"], "schema after {command}");
        assert_eq!(data, step["data"], "data after {command}");
    }
    assert!(upgraded_to_head, "the transcript runs upgrade head");
}

/// The issue's own check, spelled out: `upgrade head` on a fresh database leaves the head in
/// alembic_version and `posts` exactly as real Alembic left it.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn upgrade_head_gives_alembics_posts_table() {
    let transcript: Value = serde_json::from_str(TRANSCRIPT).unwrap();
    let at_head = transcript["steps"].as_array().unwrap().iter().find(|s| s["command"] == "upgrade head").unwrap();
    let mut session = Session::open(&Project::bundled(playground::scenarios::find(SCENARIOS, "blog").unwrap())).unwrap();
    let ran = session.run_line("upgrade head");
    assert_eq!(ran.entry.failed, None, "{:?}", ran.entry.stderr());
    let (version, schema, _) = db_state(&session.database().conn);
    assert_eq!(version, at_head["alembic_version"]);
    assert_eq!(schema["tables"]["posts"], at_head["schema"]["tables"]["posts"]);
    assert_eq!(schema["tables"]["post_archive"], at_head["schema"]["tables"]["post_archive"]);
}
