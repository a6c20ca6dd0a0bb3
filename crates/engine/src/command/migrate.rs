//! The commands that change the database: `upgrade`, `downgrade`, `stamp`, online or with
//! `--sql` (offline: the SQL is printed, the database is never opened).

use revision::{RevisionMap, VersionTable};

use super::{CommandError, Output, MIGRATION_LOGGER};
use crate::database::Connector;
use crate::env_py::EnvOptions;
use crate::runtime::{Direction, MigrationContext, OfflineSink, OnlineSink, ScriptRunner, SqlSink, StepKind, StepPlan};
use crate::script::ScriptDirectory;

/// Everything a migrating command needs besides its arguments.
pub struct Environment<'a> {
    pub dir: &'a ScriptDirectory,
    pub options: &'a EnvOptions,
    pub db: &'a mut dyn Connector,
    pub runner: &'a mut dyn ScriptRunner,
    /// Keep the applied record (`runtime::applied`) with this time (the caller's clock:
    /// the engine reads none). `None`: leave the database's tables exactly as Alembic would.
    pub record_applied_at: Option<String>,
}

/// `A:B` → (Some(A), B); a range is only allowed with `--sql`.
fn split_range(revision: &str, sql: bool) -> Result<(Option<&str>, &str), CommandError> {
    match revision.split_once(':') {
        Some(_) if !sql => Err(CommandError::Usage("Range revision not allowed".into())),
        Some((start, end)) => Ok((Some(start), end)),
        None => Ok((None, revision)),
    }
}

/// The rows the run starts from: the version table online, the range's start offline.
fn starting_rows(env: &mut Environment<'_>, sql: bool, start: Option<&str>, out: &mut Output) -> Result<Vec<String>, CommandError> {
    out.info(MIGRATION_LOGGER, "Context impl SQLiteImpl.");
    if sql {
        out.info(MIGRATION_LOGGER, "Generating static SQL");
        out.info(MIGRATION_LOGGER, "Will assume non-transactional DDL.");
        return match start {
            None | Some("base") | Some("") => Ok(Vec::new()),
            // Alembic resolves the start with `get_revision`: exactly one revision.
            Some(s) => Ok(env.dir.map().get_revision(s)?.into_iter().map(String::from).collect()),
        };
    }
    out.info(MIGRATION_LOGGER, "Will assume non-transactional DDL.");
    // A missing version table is created with the first migration, in its transaction
    // (`run_steps`): nothing is written before the command's arguments have been checked.
    Ok(env.db.connect()?.version_rows()?)
}

fn migration_steps<'d>(
    dir: &'d ScriptDirectory,
    rows: &[String],
    ids: &[&str],
    direction: Direction,
) -> Result<Vec<StepPlan<'d>>, CommandError> {
    let map: &RevisionMap = dir.map();
    let mut table = VersionTable::new(rows);
    let mut steps = Vec::with_capacity(ids.len());
    for id in ids {
        let script = dir.script(id).expect("plans name loaded revisions");
        let (updates, from, to) = match direction {
            Direction::Upgrade => (table.upgrade(map, id)?, script.down_revisions.clone(), vec![id.to_string()]),
            Direction::Downgrade => (table.downgrade(map, id)?, vec![id.to_string()], script.down_revisions.clone()),
        };
        steps.push(StepPlan { kind: StepKind::Migration { script, direction }, from, to, doc: script.doc().to_string(), updates });
    }
    Ok(steps)
}

/// Runs the steps online or offline and finishes the output (offline text on stdout).
fn run_steps(
    env: &mut Environment<'_>,
    sql: bool,
    rows: &[String],
    steps: &[StepPlan<'_>],
    purge: bool,
    mut out: Output,
) -> Result<Output, CommandError> {
    let version_table = env.options.version_table.clone();
    let single_transaction = env.options.transactional_ddl;
    if sql {
        let mut sink = OfflineSink::default();
        let result = MigrationContext { sink: &mut sink, version_table, single_transaction, record_applied_at: None, preamble: Vec::new() }
            .run(rows, steps, env.runner, &mut out);
        out.stdout.push_str(&sink.text);
        out.statements = sink.statements().to_vec();
        return finish(result, out);
    }
    let db = env.db.connect()?;
    // Alembic creates a missing version table and `--purge` empties it before the first
    // migration; here both happen inside the first migration's transaction.
    let mut preamble = Vec::new();
    if !db.has_version_table()? {
        preamble.push(sqlschema::dml::version_table_create(&version_table));
    }
    if purge {
        preamble.push(sqlschema::dml::delete_all(&version_table));
    }
    // Every statement of the run has a budget of SQLite instructions: an endless query is
    // interrupted and its migration rolled back.
    let limit = db.limit_statements()?;
    let result = {
        // The run holds SQLite's exclusive lock from its first migration to its end: another
        // migration run or writer cannot interleave with it (Alembic has no such lock), and
        // SQLite keeps its lock and journal between the per-migration transactions, which cuts
        // each transaction's system calls by about three quarters. Each migration still
        // commits, with the same journal and fsyncs, on its own.
        let exclusive = ExclusiveRun::start(&db.conn);
        exclusive.map_err(CommandError::from).map(|_exclusive| {
            let mut sink = OnlineSink::limited(&db.conn, limit);
            let record_applied_at = env.record_applied_at.clone();
            let result = MigrationContext { sink: &mut sink, version_table, single_transaction, record_applied_at, preamble }
                .run(rows, steps, env.runner, &mut out);
            out.statements = sink.statements().to_vec();
            result
        })
    };
    db.unlimit();
    finish(result?, out)
}

/// `PRAGMA locking_mode=EXCLUSIVE` for the length of a run; back to NORMAL (and the lock
/// released) when dropped, so a long-lived connection (the browser's) is shared again.
struct ExclusiveRun<'c>(&'c rusqlite::Connection);

impl<'c> ExclusiveRun<'c> {
    fn start(conn: &'c rusqlite::Connection) -> Result<Self, crate::database::DatabaseError> {
        conn.query_row("PRAGMA locking_mode=EXCLUSIVE", [], |_| Ok(()))?;
        Ok(ExclusiveRun(conn))
    }
}

impl Drop for ExclusiveRun<'_> {
    fn drop(&mut self) {
        // SQLite releases the lock at the next access after switching back to NORMAL.
        let _ = self.0.query_row("PRAGMA locking_mode=NORMAL", [], |_| Ok(()));
        let _ = self.0.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
    }
}

fn finish(result: Result<(), crate::runtime::MigrationError>, out: Output) -> Result<Output, CommandError> {
    match result {
        Ok(()) => Ok(out),
        Err(e) => Err(CommandError::Migration(Box::new(e), Box::new(out))),
    }
}

/// `alembic upgrade <revision> [--sql]`; with `--sql`, `A:B` starts at A.
pub fn upgrade(env: &mut Environment<'_>, revision: &str, sql: bool) -> Result<Output, CommandError> {
    let (start, destination) = split_range(revision, sql)?;
    let mut out = Output { warnings: env.dir.warnings().to_vec(), ..Output::default() };
    let rows = starting_rows(env, sql, start, &mut out).map_err(|e| out.refusal(e))?;
    let map = env.dir.map();
    let ids = map.upgrade_plan(&rows, destination).map_err(|e| out.refusal(e.into()))?;
    let steps = migration_steps(env.dir, &rows, &ids, Direction::Upgrade).map_err(|e| out.refusal(e))?;
    run_steps(env, sql, &rows, &steps, false, out)
}

/// `alembic downgrade <revision>`; `--sql` requires `A:B`.
pub fn downgrade(env: &mut Environment<'_>, revision: &str, sql: bool) -> Result<Output, CommandError> {
    let (start, destination) = split_range(revision, sql)?;
    if sql && start.is_none() {
        return Err(CommandError::Usage("downgrade with --sql requires <fromrev>:<torev>".into()));
    }
    let mut out = Output { warnings: env.dir.warnings().to_vec(), ..Output::default() };
    let rows = starting_rows(env, sql, start, &mut out).map_err(|e| out.refusal(e))?;
    // Alembic warns before it plans, so the warning shows even when planning then fails.
    let mut distinct = rows.clone();
    sorting::sort(&mut distinct);
    distinct.dedup();
    let bare_relative = destination.strip_prefix('-').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if bare_relative && distinct.len() > 1 {
        out.warnings.push("downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.".into());
    }
    let plan = env.dir.map().plan_downgrade(&rows, destination).map_err(|e| out.refusal(e.into()))?;
    for w in plan.warnings {
        if !out.warnings.contains(&w) {
            out.warnings.push(w);
        }
    }
    let steps = migration_steps(env.dir, &rows, &plan.revisions, Direction::Downgrade).map_err(|e| out.refusal(e))?;
    run_steps(env, sql, &rows, &steps, false, out)
}

/// `alembic stamp <revision>... [--sql] [--purge]`: moves the version table, runs nothing.
pub fn stamp(env: &mut Environment<'_>, revisions: &[String], sql: bool, purge: bool) -> Result<Output, CommandError> {
    let mut start: Option<&str> = None;
    let mut destinations: Vec<&str> = Vec::new();
    for r in revisions {
        match r.split_once(':').filter(|_| sql) {
            Some((s, d)) => {
                if start.is_some_and(|prev| prev != s) {
                    return Err(CommandError::Usage(
                        "Stamp operation with --sql only supports a single starting revision at a time".into(),
                    ));
                }
                start = Some(s);
                destinations.push(d);
            }
            None => destinations.push(r),
        }
    }
    let mut out = Output { warnings: env.dir.warnings().to_vec(), ..Output::default() };
    let purge_now = purge && !sql;
    let rows = if purge_now {
        // `--purge` starts from an empty table, even when it holds an unknown id; the rows
        // are deleted in the stamp's transaction (`run_steps`), once the targets resolved.
        out.info(MIGRATION_LOGGER, "Context impl SQLiteImpl.");
        out.info(MIGRATION_LOGGER, "Will assume non-transactional DDL.");
        env.db.connect()?;
        Vec::new()
    } else {
        starting_rows(env, sql, start, &mut out).map_err(|e| out.refusal(e))?
    };
    let stamp_steps = env.dir.map().stamp_plan(&rows, &destinations, purge).map_err(|e| out.refusal(e.into()))?;
    let mut table = VersionTable::new(&rows);
    let mut steps = Vec::new();
    for step in &stamp_steps {
        let updates = table.stamp(step).map_err(|e| out.refusal(e.into()))?;
        steps.push(StepPlan { kind: StepKind::Stamp, from: step.from.clone(), to: step.to.clone(), doc: String::new(), updates });
    }
    run_steps(env, sql, &rows, &steps, purge_now, out)
}
