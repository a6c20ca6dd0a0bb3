//! `upgrade head` of a 1,000-revision chain on the page's in-memory SQLite, in headless
//! Chromium, timed against the same SQL run directly with rusqlite in the same page.
//!
//! Workload (a data migration, like the native bench's `rows`): revision 0 creates table
//! `items` (`op.create_table`) and inserts its first row; every later revision is two
//! `op.execute` statements, an INSERT of a new row and an UPDATE of row 1. Each run checks
//! that the version table ends at the last revision and that every row and update is there.
//! Logged to the console (`-- --nocapture`), per revision:
//! - the engine: `engine::command::invoke::run` with `upgrade head`, as `web::session` runs a
//!   console line (files in memory, `OpenDatabase` on an in-memory connection,
//!   `engine::operations::Runner`), with the time spent inside the scripts (re-parse,
//!   evaluate, their SQL), the time before the first step (loading, planning) and the
//!   distribution of step times (median of the first and last tenth, slow steps);
//! - raw SQLite: the statements the engine ran, replayed with rusqlite per revision as
//!   BEGIN / statements / version UPDATE / COMMIT on a fresh in-memory database.
//!
//! Optimized builds (`--profile wasm-release`) also run both a second time (code already
//! hot in V8), log loading the files alone and the offline run (`upgrade head --sql`), and
//! run the chain as the page's console does (`Workspace::apply`, twice).
//!
//! Nothing is asserted about time (CI machines vary); figures are in BENCHMARKS.md and `web/PERF.md`.
//! `UPGRADE_REVISIONS=n` at build time changes the chain's length.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use engine::command::line::{self, Command};
use engine::command::{invoke, Output};
use engine::database::{Database, OpenDatabase};
use engine::env_py::EnvOptions;
use engine::runtime::{Direction, MigrationError, ScriptRunner, SqlSink, SqlValue, Statement};
use engine::script::{Script, ScriptDirectory, ScriptSource};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure, Instant};

#[path = "support/long_chain.rs"]
mod long_chain;

wasm_bindgen_test_configure!(run_in_browser);

fn revisions() -> usize {
    option_env!("UPGRADE_REVISIONS").and_then(|v| v.parse().ok()).unwrap_or(1000)
}

use long_chain::{chain, rev_id};

/// The engine's runner, noting where each step's statements start, when each step's
/// script started and the time spent in the scripts themselves.
#[derive(Default)]
struct TimedRunner {
    runner: engine::operations::Runner,
    starts: Vec<usize>,
    step_at: Vec<Instant>,
    in_scripts: Duration,
}

impl ScriptRunner for TimedRunner {
    fn run(&mut self, script: &Script, direction: Direction, sink: &mut dyn SqlSink) -> Result<(), MigrationError> {
        self.starts.push(sink.statements().len());
        let t = Instant::now();
        self.step_at.push(t);
        let result = self.runner.run(script, direction, sink);
        self.in_scripts += t.elapsed();
        result
    }
}

fn run_engine(files: &[(String, String)], line: &str, db: &mut OpenDatabase, runner: &mut TimedRunner) -> Output {
    let options = EnvOptions::default();
    let words = line::split_line(line).unwrap();
    let command: Command = line::parse(&words).unwrap().command;
    let files = files.to_vec();
    let load = move || Ok(ScriptDirectory::load(&ScriptSource::single(files))?);
    let context = invoke::Invocation { options: Ok(&options), db, runner, record_applied_at: None };
    match invoke::run(&command, load, context) {
        Ok(out) => out,
        Err((e, _)) => panic!("{line} failed: {e}"),
    }
}

fn open() -> OpenDatabase {
    OpenDatabase(Database::new(rusqlite::Connection::open_in_memory().unwrap(), "sqlite://", "alembic_version"))
}

fn to_sql(v: &SqlValue) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::Integer(*i),
        SqlValue::Real(f) => Value::Real(*f),
        SqlValue::Text(s) => Value::Text(s.clone()),
        SqlValue::Blob(b) => Value::Blob(b.clone()),
    }
}

/// The data every run must leave: one row per revision, row 1 updated by every later one.
fn check_data(conn: &rusqlite::Connection, n: usize) {
    let (count, hits): (i64, i64) =
        conn.query_row("SELECT count(*), (SELECT hits FROM items WHERE id = 1) FROM items", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((count, hits), (n as i64, n as i64 - 1));
    let last: String = conn.query_row("SELECT name FROM items WHERE id = ?1", [n as i64], |r| r.get(0)).unwrap();
    assert_eq!(last, format!("row {}", n - 1));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One timed run: the total and each step's time.
struct Timed {
    total: Duration,
    /// From the start to the first step's script (loading, planning, the version table).
    before: Duration,
    steps: Vec<Duration>,
}

impl Timed {
    fn from_marks(start: Instant, marks: &[Instant], end: Instant) -> Timed {
        let steps = marks.iter().enumerate().map(|(i, &t)| marks.get(i + 1).copied().unwrap_or(end) - t).collect();
        Timed { total: end - start, before: marks[0] - start, steps }
    }

    /// Median step time (ms) over a range of steps.
    fn median(&self, range: std::ops::Range<usize>) -> f64 {
        let mut v: Vec<f64> = self.steps[range].iter().map(|d| ms(*d)).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    fn line(&self, what: &str, n: usize) -> String {
        let k = (n / 10).max(1);
        let slow: Vec<&Duration> = self.steps.iter().filter(|d| ms(**d) > 1.0).collect();
        format!(
            "{what}: {:7.1} ms total, {:.4} ms/revision; before the first step {:.1} ms; median step: first {k} {:.4} ms, \
             last {k} {:.4} ms; slowest step {:.1} ms; {} steps over 1 ms take {:.1} ms",
            ms(self.total),
            ms(self.total) / n as f64,
            ms(self.before),
            self.median(0..k),
            self.median(n - k..n),
            self.steps.iter().map(|d| ms(*d)).fold(0.0, f64::max),
            slow.len(),
            slow.iter().map(|d| ms(**d)).sum::<f64>()
        )
    }
}

/// `upgrade head` through the engine on a fresh in-memory database; checks the result.
fn engine_upgrade(files: &[(String, String)], n: usize) -> (Timed, TimedRunner, Output) {
    let mut db = open();
    let mut runner = TimedRunner::default();
    let t = Instant::now();
    let out = run_engine(files, "upgrade head", &mut db, &mut runner);
    let end = Instant::now();
    assert_eq!(db.0.version_rows().unwrap(), [rev_id(n - 1)]);
    check_data(&db.0.conn, n);
    assert_eq!(runner.starts.len(), n);
    assert_eq!(out.log.iter().filter(|r| r.message.starts_with("Running upgrade")).count(), n);
    (Timed::from_marks(t, &runner.step_at, end), runner, out)
}

/// The same statements with rusqlite, per revision BEGIN / statements / COMMIT, on a fresh
/// in-memory database with the same version table; checks the result.
fn raw_upgrade(steps: &[&[Statement]], n: usize) -> Timed {
    let raw = open();
    let mut marks = Vec::with_capacity(steps.len());
    let t = Instant::now();
    raw.0.ensure_version_table().unwrap();
    let conn = &raw.0.conn;
    for step in steps {
        marks.push(Instant::now());
        conn.execute_batch("BEGIN").unwrap();
        for s in step.iter() {
            let mut stmt = conn.prepare(&s.sql).unwrap();
            let mut rows = stmt.query(rusqlite::params_from_iter(s.params.iter().map(to_sql))).unwrap();
            while rows.next().unwrap().is_some() {}
        }
        conn.execute_batch("COMMIT").unwrap();
    }
    let end = Instant::now();
    assert_eq!(raw.0.version_rows().unwrap(), [rev_id(n - 1)]);
    check_data(conn, n);
    Timed::from_marks(t, &marks, end)
}

#[wasm_bindgen_test]
fn upgrade_head_of_a_long_chain_in_the_page() {
    let n = revisions();
    let files = chain(n);
    let per = |d: Duration| ms(d) / n as f64;

    // The engine first, as the page's first `upgrade head` (its code not yet hot in V8),
    // then the statements it ran, replayed raw.
    let (engine, runner, out) = engine_upgrade(&files, n);
    let steps: Vec<&[Statement]> = (0..n)
        .map(|i| {
            let lo = if i == 0 { 0 } else { runner.starts[i] };
            let hi = runner.starts.get(i + 1).copied().unwrap_or(out.statements.len());
            &out.statements[lo..hi]
        })
        .collect();
    let raw = raw_upgrade(&steps, n);

    let statements = out.statements.len() as f64 / n as f64;
    console_log!("upgrade head, {n} revisions (data migration: INSERT + UPDATE per revision), {statements:.1} statements/revision");
    console_log!("{}", engine.line("  engine, 1st run", n));
    console_log!("    in scripts (re-parse, evaluate, their SQL): {:.4} ms/revision", per(runner.in_scripts));
    console_log!("{}", raw.line("  raw SQLite, 1st run", n));
    console_log!("  ratio engine/raw, 1st runs: {:.1}x", engine.total.as_secs_f64() / raw.total.as_secs_f64().max(1e-9));

    // Optimized builds only (CI's debug build would take too long): warm runs and where the
    // engine's time goes.
    if cfg!(debug_assertions) {
        return;
    }
    let (engine2, runner2, _) = engine_upgrade(&files, n);
    let raw2 = raw_upgrade(&steps, n);
    console_log!("{}", engine2.line("  engine, 2nd run", n));
    console_log!("    in scripts (re-parse, evaluate, their SQL): {:.4} ms/revision", per(runner2.in_scripts));
    console_log!("{}", raw2.line("  raw SQLite, 2nd run", n));
    console_log!("  ratio engine/raw, 2nd runs: {:.1}x", engine2.total.as_secs_f64() / raw2.total.as_secs_f64().max(1e-9));

    // Loading alone (every `upgrade` loads the files first).
    let t = Instant::now();
    drop(ScriptDirectory::load(&ScriptSource::single(files.clone())).unwrap());
    console_log!("  loading the {n} files alone: {:.1} ms, {:.4} ms/revision", ms(t.elapsed()), per(t.elapsed()));

    // Offline (`--sql`): the same plan, scripts and SQL text with no database.
    let mut db = open();
    let mut offline_runner = TimedRunner::default();
    let t = Instant::now();
    let offline = run_engine(&files, "upgrade head --sql", &mut db, &mut offline_runner);
    let t_offline = t.elapsed();
    assert!(offline.stdout.contains(&format!("UPDATE alembic_version SET version_num='{}'", rev_id(n - 1))));
    console_log!(
        "  engine offline (--sql, no SQLite): {:.1} ms, {:.4} ms/revision (in scripts {:.4})",
        ms(t_offline),
        per(t_offline),
        per(offline_runner.in_scripts)
    );

    workspace_upgrades(n);
}

/// The same `upgrade head` as the page's console runs it, twice: `Workspace::apply`, with the
/// guard's rehearsal on a copy (the chain updates rows, so it is not "only adds": the upgrade
/// runs twice), the engine, the applied record, the panels' snapshot, the timeline's frame.
fn workspace_upgrades(n: usize) {
    use web::state::Workspace;
    for run in 1..=2 {
        let t = Instant::now();
        let ws = Workspace::start(web::scenarios::SCENARIOS, long_chain::project(n));
        let opened = t.elapsed();
        let t = Instant::now();
        let ws = long_chain::upgrade_head(ws);
        let took = t.elapsed();
        long_chain::check_at_head(&ws, n);
        console_log!(
            "  the page's console (Workspace::apply, rehearsal included), run {run}: opening {:.1} ms; upgrade head {:.1} ms, {:.4} ms/revision",
            ms(opened),
            ms(took),
            ms(took) / n as f64
        );
    }
}
