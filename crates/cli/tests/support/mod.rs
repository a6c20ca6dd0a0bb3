//! Shared by the scenario tests: copying a project, running our CLI, capturing the database
//! the way `tests/tools/refresh_goldens.py` does, and normalising Python's set order.
#![allow(dead_code)] // each test binary uses a different part of this shared module

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Map, Value};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// A fresh copy of `src` in a unique temporary directory.
pub fn copy_project(src: &Path, tag: &str) -> PathBuf {
    let dest = std::env::temp_dir().join(format!("alembic-playground-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dest);
    copy_dir(src, &dest);
    dest.canonicalize().unwrap()
}

fn copy_dir(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let target = dest.join(entry.file_name());
        let name = entry.file_name().to_string_lossy().to_string();
        if name == "transcript.json" || name.ends_with(".db") {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Splits a command line as `shlex.split` does for the quoting our scenarios use.
pub fn shell_split(line: &str) -> Vec<String> {
    engine::command::line::split_line(line).expect("scenario command lines are well quoted")
}

pub struct Run {
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_cli(project: &Path, args: &[String]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_alembic-playground"))
        .arg("-c")
        .arg("alembic.ini")
        .args(args)
        .current_dir(project)
        .output()
        .expect("run alembic-playground");
    let show = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&project.display().to_string(), "<PROJECT>");
    Run { exit_code: output.status.code().unwrap_or(-1), stdout: show(&output.stdout), stderr: show(&output.stderr) }
}

/// Runs `!sql` statements straight on the file, as the refresh script does.
pub fn run_sql(db: &Path, sql: &str) -> (i32, Option<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    // As Python's sqlite3 (the refresh script) has it; the bundled SQLite enforces by default.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    match conn.execute_batch(sql) {
        Ok(()) => (0, None),
        Err(rusqlite::Error::SqliteFailure(_, Some(msg))) => (1, Some(msg)),
        Err(e) => (1, Some(e.to_string())),
    }
}

fn sql_value(value: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => json!({ "blob": b.iter().map(|x| format!("{x:02x}")).collect::<String>() }),
    }
}

fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut q = stmt.query([]).unwrap();
    while let Some(row) = q.next().unwrap() {
        out.push((0..n).map(|i| sql_value(row.get_ref(i).unwrap())).collect());
    }
    out
}

/// The database after a step, in the shape `refresh_goldens.py` records.
pub fn db_state(db: &Path) -> Value {
    if !db.exists() {
        return json!({ "db_exists": false, "alembic_version": null, "schema": {}, "data": {} });
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut tables = Map::new();
    let mut indexes = Map::new();
    let mut data = Map::new();
    for row in rows(&conn, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name") {
        let (kind, name, tbl) = (row[0].as_str().unwrap(), row[1].as_str().unwrap(), &row[2]);
        if kind == "table" && !name.starts_with("sqlite_") {
            let index_list: Vec<Value> = rows(&conn, &format!("PRAGMA index_list(\"{name}\")"))
                .into_iter()
                .map(|r| {
                    let idx = r[1].as_str().unwrap().to_string();
                    let columns: Vec<Value> =
                        rows(&conn, &format!("PRAGMA index_info(\"{idx}\")")).into_iter().map(|c| c[2].clone()).collect();
                    json!({ "name": idx, "unique": r[2], "origin": r[3], "partial": r[4], "columns": columns })
                })
                .collect();
            tables.insert(
                name.to_string(),
                json!({
                    "sql": row[3],
                    "columns": rows(&conn, &format!("PRAGMA table_info(\"{name}\")")),
                    "indexes": index_list,
                    "foreign_keys": rows(&conn, &format!("PRAGMA foreign_key_list(\"{name}\")")),
                }),
            );
            if name != "alembic_version" {
                data.insert(name.to_string(), json!(rows(&conn, &format!("SELECT * FROM \"{name}\""))));
            }
        } else if kind == "index" {
            indexes.insert(name.to_string(), json!({ "table": tbl, "sql": row[3] }));
        }
    }
    let version = if tables.contains_key("alembic_version") {
        json!(rows(&conn, "SELECT version_num FROM alembic_version").into_iter().map(|r| r[0].clone()).collect::<Vec<_>>())
    } else {
        Value::Null
    };
    json!({ "db_exists": true, "alembic_version": version,
            "schema": { "tables": tables, "indexes": indexes }, "data": data })
}

/// Python set order (branch labels, a branch point's children, `current`'s rows) differs from
/// run to run in Alembic itself, so both sides are compared with such lists sorted.
pub fn normalize_set_order(command: &str, stdout: &str) -> String {
    let mut lines: Vec<String> = stdout.split('\n').map(sort_set_parts).collect();
    // `branches`: the ` -> child` lines of one branch point.
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("-> ") {
            let start = i;
            while i < lines.len() && lines[i].trim_start().starts_with("-> ") {
                i += 1;
            }
            lines[start..i].sort();
        } else {
            i += 1;
        }
    }
    let text = lines.join("\n");
    if !command.starts_with("current") {
        return text;
    }
    // `current`: one entry per line, or per `Rev:` block with -v.
    let (header, body) = match text.split_once('\n') {
        Some((h, b)) if h.starts_with("Current revision(s)") => (format!("{h}\n"), b.to_string()),
        _ => (String::new(), text.clone()),
    };
    let mut entries: Vec<String> = if body.contains("Rev: ") {
        body.split("Rev: ").filter(|e| !e.is_empty()).map(|e| format!("Rev: {e}")).collect()
    } else {
        body.lines().map(|l| format!("{l}\n")).collect()
    };
    entries.sort();
    header + &entries.concat()
}

fn sort_set_parts(line: &str) -> String {
    for prefix in ["Branch names: ", "Branches into: "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            let mut items: Vec<&str> = rest.split(", ").collect();
            items.sort_unstable();
            return format!("{prefix}{}", items.join(", "));
        }
    }
    // Parenthesised lists such as ` (right, left, rhs)`.
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else { break };
        let inner = &rest[open + 1..open + close];
        out.push_str(&rest[..open + 1]);
        if inner.contains(", ") {
            let mut items: Vec<&str> = inner.split(", ").collect();
            items.sort_unstable();
            out.push_str(&items.join(", "));
        } else {
            out.push_str(inner);
        }
        out.push(')');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Words of a message, sorted: Alembic names two revisions of an error in set order.
pub fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        let mut w: Vec<String> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(String::from).collect();
        w.sort();
        w
    };
    words(a) == words(b)
}
