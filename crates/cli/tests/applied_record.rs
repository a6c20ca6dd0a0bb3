//! The applied record (revision, script SHA-256, time) is opt-in in the CLI and lives beside
//! alembic_version, never in it.

mod support;

use support::*;

fn applied(db: &std::path::Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let Ok(mut stmt) = conn.prepare("SELECT revision, script_sha256, applied_at FROM alembic_playground_applied ORDER BY revision") else {
        return Vec::new();
    };
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

fn args(line: &str) -> Vec<String> {
    shell_split(line)
}

#[test]
fn record_is_opt_in_and_follows_upgrades_and_downgrades() {
    let project = copy_project(&repo_root().join("tests/scenarios/ro_linear/project"), "applied");
    let db = project.join("test.db");

    assert_eq!(run_cli(&project, &args("upgrade +2")).exit_code, 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_playground_applied'", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 0, "without -x record_applied the database holds only what Alembic writes");

    assert_eq!(run_cli(&project, &args("-x record_applied=true upgrade head")).exit_code, 0);
    let rows = applied(&db);
    let revisions: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(revisions, ["2f00d00d0003", "2f00d00d0004", "9c9c9c9c0005"], "only what this run applied");
    let text = std::fs::read_to_string(project.join("migrations/versions/2f00d00d0003_step_3.py")).unwrap();
    let expected = engine::runtime::applied::script_sha256(&text);
    assert_eq!(rows[0].1, expected);
    assert!(rows[0].2.len() == 20 && rows[0].2.ends_with('Z'), "ISO-8601 UTC time, got {}", rows[0].2);

    assert_eq!(run_cli(&project, &args("-x record_applied=true downgrade -1")).exit_code, 0);
    let revisions: Vec<String> = applied(&db).into_iter().map(|r| r.0).collect();
    assert_eq!(revisions, ["2f00d00d0003", "2f00d00d0004"]);
    let version: String = conn.query_row("SELECT version_num FROM alembic_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, "2f00d00d0004", "alembic_version is untouched by the record");
    let _ = std::fs::remove_dir_all(&project);
}
