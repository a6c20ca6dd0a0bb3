//! The throwaway database: SQLite in memory (empty, or a copy of the configured database's
//! bytes), single revisions run up or down through the engine's `MigrationContext`, offline
//! renderings, and snapshots to go back to. Nothing here touches a file.

use engine::command::Output;
use engine::database::{Connector, Database, DatabaseError};
use engine::env_py::EnvOptions;
use engine::operations::modules::ProjectModules;
use engine::runtime::{
    Direction, MigrationContext, MigrationError, OfflineSink, OnlineSink, QueryResult, SqlSink, SqlValue, Statement, StepKind, StepPlan,
};
use engine::script::ScriptDirectory;
use revision::VersionTable;

/// An in-memory database behind the engine's `Connector`.
pub struct Throwaway {
    pub db: Database,
}

impl Connector for Throwaway {
    fn connect(&mut self) -> Result<&mut Database, DatabaseError> {
        Ok(&mut self.db)
    }
}

impl Throwaway {
    pub fn empty(version_table: &str) -> Result<Throwaway, String> {
        let conn = rusqlite::Connection::open_in_memory().map_err(|e| e.to_string())?;
        Ok(Throwaway { db: Database::new(conn, "sqlite://", version_table) })
    }

    /// A copy of a database file's bytes, in memory: whatever runs here never reaches the file.
    pub fn copy_of(bytes: &[u8], version_table: &str) -> Result<Throwaway, String> {
        let mut t = Throwaway::empty(version_table)?;
        t.restore(bytes)?;
        Ok(t)
    }

    pub fn snapshot(&mut self) -> Result<Vec<u8>, String> {
        let data = self.db.conn.serialize(rusqlite::MAIN_DB).map_err(|e| e.to_string())?;
        Ok(data.to_vec())
    }

    pub fn restore(&mut self, bytes: &[u8]) -> Result<(), String> {
        if bytes.is_empty() {
            *self = Throwaway::empty(&self.db.version_table)?;
            return Ok(());
        }
        self.db.conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), false).map_err(|e| e.to_string())?;
        // A copied file may be in WAL mode; in memory it cannot be.
        let _ = self.db.conn.execute_batch("PRAGMA journal_mode=MEMORY; PRAGMA foreign_keys = OFF");
        Ok(())
    }

    pub fn rows(&self) -> Vec<String> {
        self.db.version_rows().unwrap_or_default()
    }
}

/// Something a statement was about to do, seen before it ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observation {
    /// Batch mode's move-and-copy dropped `table`; with `PRAGMA foreign_keys=ON` these rows of
    /// tables referencing it with `ON DELETE CASCADE` go with it.
    BatchCascade { table: String, children: Vec<(String, i64)> },
}

/// The online sink, watching each statement before it runs.
struct Watching<'c> {
    inner: OnlineSink<'c>,
    seen: Vec<Observation>,
}

/// A table name as SQLAlchemy's SQLite dialect writes it (bare or double-quoted).
fn unquote(name: &str) -> String {
    let name = name.trim();
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => name.to_string(),
    }
}

impl Watching<'_> {
    fn look(&mut self, sql: &str) {
        let words: Vec<&str> = sql.split_whitespace().collect();
        if let ["DROP", "TABLE", name] = words.as_slice() {
            let table = unquote(name);
            let batch = self.inner.statements().iter().any(|s| {
                let w: Vec<&str> = s.sql.split_whitespace().take(3).collect();
                w.len() == 3 && w[0] == "CREATE" && w[1] == "TABLE" && unquote(w[2]) == format!("_alembic_tmp_{table}")
            });
            if batch {
                let children = cascade_children(self.inner.conn, &table);
                if !children.is_empty() {
                    self.seen.push(Observation::BatchCascade { table, children });
                }
            }
        }
    }
}

/// Tables with rows whose foreign key to `table` says `ON DELETE CASCADE` (and, further, the
/// tables cascading from those), with the number of rows that would go.
fn cascade_children(conn: &rusqlite::Connection, table: &str) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    let mut queue = vec![table.to_string()];
    while let Some(parent) = queue.pop() {
        let Ok(mut stmt) = conn.prepare(
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = ?1 AND upper(f.on_delete) = 'CASCADE'",
        ) else {
            continue;
        };
        let Ok(rows) = stmt.query_map([&parent], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))) else { continue };
        for (child, column) in rows.flatten() {
            if child == table || out.iter().any(|(c, _)| *c == child) {
                continue;
            }
            let sql =
                format!("SELECT count(*) FROM \"{}\" WHERE \"{}\" IS NOT NULL", child.replace('"', "\"\""), column.replace('"', "\"\""));
            let n: i64 = conn.query_row(&sql, [], |r| r.get(0)).unwrap_or(0);
            if n > 0 {
                out.push((child.clone(), n));
                queue.push(child);
            }
        }
    }
    out
}

impl SqlSink for Watching<'_> {
    fn execute(&mut self, sql: &str, params: &[SqlValue]) -> Result<usize, DatabaseError> {
        self.look(sql);
        self.inner.execute(sql, params)
    }
    fn query(&mut self, sql: &str, params: &[SqlValue]) -> Option<Result<QueryResult, DatabaseError>> {
        self.inner.query(sql, params)
    }
    fn is_offline(&self) -> bool {
        false
    }
    fn statements(&self) -> &[Statement] {
        self.inner.statements()
    }
    fn begin(&mut self) -> Result<(), DatabaseError> {
        self.inner.begin()
    }
    fn commit(&mut self) -> Result<(), DatabaseError> {
        self.inner.commit()
    }
    fn rollback(&mut self) {
        self.inner.rollback()
    }
    fn execute_quiet(&mut self, sql: &str, params: &[SqlValue]) -> Result<(), DatabaseError> {
        self.inner.execute_quiet(sql, params)
    }
}

/// What one step did.
pub struct StepRun {
    pub result: Result<(), MigrationError>,
    pub seen: Vec<Observation>,
}

fn plan<'d>(dir: &'d ScriptDirectory, rows: &[String], id: &str, direction: Direction) -> Result<StepPlan<'d>, Box<MigrationError>> {
    let map = dir.map();
    let script = dir.script(id).ok_or_else(|| Box::new(MigrationError::new(format!("no revision {id}"))))?;
    let mut table = VersionTable::new(rows);
    let (updates, from, to) = match direction {
        Direction::Upgrade => (table.upgrade(map, id), script.down_revisions.clone(), vec![id.to_string()]),
        Direction::Downgrade => (table.downgrade(map, id), vec![id.to_string()], script.down_revisions.clone()),
    };
    let updates = updates.map_err(|e| Box::new(MigrationError::new(e.to_string())))?;
    Ok(StepPlan { kind: StepKind::Migration { script, direction }, from, to, doc: script.doc().to_string(), updates })
}

/// Runs revision `id` up or down on the throwaway database, in its own transaction.
pub fn step(
    dir: &ScriptDirectory,
    options: &EnvOptions,
    modules: &ProjectModules,
    db: &mut Throwaway,
    id: &str,
    direction: Direction,
) -> StepRun {
    let rows = db.rows();
    if let Err(e) = db.db.ensure_version_table() {
        return StepRun { result: Err(MigrationError::new(e.to_string())), seen: Vec::new() };
    }
    let step = match plan(dir, &rows, id, direction) {
        Ok(s) => s,
        Err(e) => return StepRun { result: Err(*e), seen: Vec::new() },
    };
    // Each statement within the engine's budget of SQLite instructions, as in a command.
    let limit = match db.db.limit_statements() {
        Ok(limit) => limit,
        Err(e) => return StepRun { result: Err(MigrationError::new(e.to_string())), seen: Vec::new() },
    };
    let mut sink = Watching { inner: OnlineSink::limited(&db.db.conn, limit), seen: Vec::new() };
    let mut out = Output::default();
    let mut runner = engine::operations::Runner::new(modules.clone());
    let result = MigrationContext {
        sink: &mut sink,
        version_table: options.version_table.clone(),
        single_transaction: false,
        record_applied_at: None,
        preamble: Vec::new(),
    }
    .run(&rows, &[step], &mut runner, &mut out);
    let seen = sink.seen;
    db.db.unlimit();
    StepRun { result, seen }
}

/// Renders revision `id` as `--sql` would (`upgrade <down>:<id> --sql`, or the downgrade).
pub fn offline(
    dir: &ScriptDirectory,
    options: &EnvOptions,
    modules: &ProjectModules,
    id: &str,
    direction: Direction,
) -> Result<(), Box<MigrationError>> {
    let script = dir.script(id).ok_or_else(|| Box::new(MigrationError::new(format!("no revision {id}"))))?;
    let rows = match direction {
        Direction::Upgrade => script.down_revisions.clone(),
        Direction::Downgrade => vec![id.to_string()],
    };
    let step = plan(dir, &rows, id, direction)?;
    let mut sink = OfflineSink::default();
    let mut out = Output::default();
    let mut runner = engine::operations::Runner::new(modules.clone());
    MigrationContext {
        sink: &mut sink,
        version_table: options.version_table.clone(),
        single_transaction: false,
        record_applied_at: None,
        preamble: Vec::new(),
    }
    .run(&rows, &[step], &mut runner, &mut out)
    .map_err(Box::new)
}
