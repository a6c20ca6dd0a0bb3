//! Runs in headless Chromium: SQLite (sqlite-wasm-rs under rusqlite) works in the page.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn sqlite_opens_and_runs_sql() {
    let version = web::sqlite_version().expect("open in-memory SQLite");
    assert!(version.starts_with("3."), "unexpected version {version}");

    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (40);").unwrap();
    let sum: i64 = conn.query_row("SELECT sum(x) FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(sum, 43);
}
