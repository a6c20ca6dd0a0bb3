#![cfg(feature = "stdlib")]
//! A revision file using Python's standard library (json, uuid, datetime, time, textwrap,
//! logging) runs through `upgrade` as under real Alembic: the same log on stderr (the
//! revision's own records filtered by the ini's logger levels, `tests/stdlib_project/
//! alembic_upgrade.txt`, written by `tests/tools/stdlib_alembic_golden.py` from Alembic
//! 1.20.1), the same JSON in the row; its UUID and time come from the caller's randomness
//! and clock.

mod support;
use support::FileDb;

use engine::command::console::{Console, Logger, Stream};
use engine::command::{self, Environment};
use engine::config::IniFile;
use engine::env_py::EnvOptions;
use engine::operations::Runner;
use engine::script::{ScriptDirectory, ScriptSource};
use std::path::Path;

/// 2026-12-07 23:50:00.125 UTC.
const CLOCK_MS: i64 = 1_796_687_400_125;

fn project() -> (ScriptDirectory, Logger, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib_project");
    let ini_text = std::fs::read_to_string(root.join("alembic.ini")).unwrap();
    let ini = IniFile::parse("alembic.ini", &ini_text, ".").unwrap();
    let file = "versions/aaa1_stdlib.py";
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let dir = ScriptDirectory::load(&ScriptSource::single(vec![(format!("/p/{file}"), text)])).unwrap();
    (dir, Logger::from_ini(&ini), std::fs::read_to_string(root.join("alembic_upgrade.txt")).unwrap())
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stdlib-in-revisions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

/// Upgrades a fresh database; returns what a terminal shows on stderr and the row written.
fn upgrade(name: &str, seed: u64) -> (String, (String, String, String)) {
    let (dir, logger, _) = project();
    let path = temp(name);
    let mut db = FileDb::new(&path);
    let options = EnvOptions::default();
    let mut runner = Runner::new(Default::default()).with_clock(CLOCK_MS, seed);
    let mut env = Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    let result = command::upgrade(&mut env, "head", false).map_err(|e| (e, None));
    let console = Console::of(&result, false, &logger);
    assert_eq!(console.failed, None, "{}", console.text(Stream::Stderr));
    let row =
        db.database().unwrap().conn.query_row("SELECT id, payload, at FROM event", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    let _ = std::fs::remove_file(&path);
    (console.text(Stream::Stderr), row)
}

#[test]
fn the_log_and_the_json_are_real_alembics() {
    let (_, _, golden) = project();
    let (stderr, (_, payload, _)) = upgrade("log.db", 1);
    let expected_stderr = golden.strip_prefix("stderr:\n").unwrap().split("payload:\n").next().unwrap();
    assert_eq!(stderr, expected_stderr);
    assert_eq!(format!("{payload}\n"), golden.split("payload:\n").nth(1).unwrap());
}

#[test]
fn the_uuid_and_the_time_come_from_the_callers_randomness_and_clock() {
    let (_, (id, _, at)) = upgrade("clock.db", 42);
    assert_eq!(at, "2026-12-07T23:50:00.125000+00:00");
    // A version-4 UUID: 8-4-4-4-12 hex digits, version 4, variant 10xx.
    let groups: Vec<&str> = id.split('-').collect();
    assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
    assert!(groups[2].starts_with('4') && matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{id}");
    // The same seed gives the same UUID (a replayed step writes the same row); another does not.
    assert_eq!(upgrade("same.db", 42).1 .0, id);
    assert_ne!(upgrade("other.db", 43).1 .0, id);
}

#[test]
fn without_a_clock_the_revision_fails_saying_what_is_missing() {
    let (dir, _, _) = project();
    let path = temp("noclock.db");
    let mut db = FileDb::new(&path);
    let options = EnvOptions::default();
    let mut runner = Runner::new(Default::default());
    let mut env = Environment { dir: &dir, options: &options, db: &mut db, runner: &mut runner, record_applied_at: None };
    let err = command::upgrade(&mut env, "head", false).unwrap_err();
    assert!(err.to_string().starts_with("time.time() needs a clock, and this program provides none"), "{err}");
    let _ = std::fs::remove_file(&path);
}
