//! The live database as the engine sees it: a SQLite connection (handed in by the caller,
//! file or in-memory, native or wasm) and the name of its version table.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// SQLite virtual-machine instructions one statement of a migration may run. A statement
/// that copies or updates millions of rows stays well below it; an endless recursive CTE
/// reaches it within seconds natively (longer in the page) and is interrupted.
pub const DEFAULT_STATEMENT_BUDGET: u64 = 1_000_000_000;

/// The progress handler calls back every this many VM instructions.
const INSTRUCTIONS_PER_CALLBACK: u64 = 1_000;

/// The caller opens the connection; the engine only asks for it when a command needs it, so
/// commands that Alembic runs without a database (`heads`, `history`) never create the file.
pub trait Connector {
    fn connect(&mut self) -> Result<&mut Database, DatabaseError>;
}

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("(sqlite3.OperationalError) unable to open database file: {path}")]
    Open { path: String },
    #[error("({kind}) {message}")]
    Sqlite { kind: &'static str, message: String },
    /// The statement ran past its budget and SQLite interrupted it.
    #[error("(sqlite3.OperationalError) interrupted: the statement exceeded its budget of {budget} SQLite instructions (a query that never ends?)")]
    StatementBudget { budget: u64 },
    /// A statement the engine will not run (its message says why).
    #[error("{0}")]
    Refused(String),
}

impl DatabaseError {
    /// The class SQLAlchemy wraps pysqlite's error in (`sqlalchemy.exc.OperationalError`);
    /// `None` for this program's own refusals and budgets, which pysqlite never raises.
    pub fn sqlalchemy_class(&self) -> Option<&'static str> {
        match self {
            DatabaseError::Sqlite { kind: "sqlite3.IntegrityError", .. } => Some("sqlalchemy.exc.IntegrityError"),
            DatabaseError::Sqlite { kind: "sqlite3.ProgrammingError", .. } => Some("sqlalchemy.exc.ProgrammingError"),
            DatabaseError::Sqlite { .. } | DatabaseError::Open { .. } => Some("sqlalchemy.exc.OperationalError"),
            DatabaseError::StatementBudget { .. } | DatabaseError::Refused(_) => None,
        }
    }
}

/// Bounds each statement a migration runs: a progress handler on the connection counts
/// SQLite's VM instructions since the statement started ([`StatementLimit::start`]) and
/// interrupts it past the budget. Counted, not timed: the same statement stops at the same
/// point natively and in the page.
#[derive(Clone)]
pub struct StatementLimit {
    callbacks: Arc<AtomicU64>,
    pub budget: u64,
}

impl StatementLimit {
    /// A statement starts: its count restarts.
    pub fn start(&self) {
        self.callbacks.store(0, Ordering::Relaxed);
    }

    /// Whether the statement just run was interrupted for its budget.
    pub fn exceeded(&self) -> bool {
        self.callbacks.load(Ordering::Relaxed).saturating_mul(INSTRUCTIONS_PER_CALLBACK) > self.budget
    }

    /// `error` as it should be reported: the budget, when that is why SQLite stopped.
    pub fn explain(&self, error: rusqlite::Error) -> DatabaseError {
        if self.exceeded() && error.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
            return DatabaseError::StatementBudget { budget: self.budget };
        }
        DatabaseError::from(error)
    }
}

impl From<rusqlite::Error> for DatabaseError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::MultipleStatement = error {
            // pysqlite's words for the same refusal.
            return DatabaseError::Sqlite {
                kind: "sqlite3.ProgrammingError",
                message: "You can only execute one statement at a time.".into(),
            };
        }
        let kind = match &error {
            rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::ConstraintViolation => "sqlite3.IntegrityError",
            _ => "sqlite3.OperationalError",
        };
        let message = match &error {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
            // pysqlite reports a syntax error without rusqlite's " in <sql> at offset N".
            rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
            other => other.to_string(),
        };
        DatabaseError::Sqlite { kind, message }
    }
}

pub struct Database {
    pub conn: rusqlite::Connection,
    /// The URL as Alembic shows it (`sqlite:///path/test.db`), password obfuscated.
    pub url: String,
    pub version_table: String,
    /// SQLite VM instructions each statement of a migration may run
    /// ([`DEFAULT_STATEMENT_BUDGET`]); the caller may change it.
    pub statement_budget: u64,
}

impl Database {
    /// Foreign-key enforcement is switched off, as SQLite's default and Python's `sqlite3`
    /// (what Alembic runs on) have it: the bundled SQLite is built with it on, which would
    /// make batch mode's `DROP TABLE` cascade into other tables' rows.
    pub fn new(conn: rusqlite::Connection, url: impl Into<String>, version_table: impl Into<String>) -> Database {
        let _ = conn.execute_batch("PRAGMA foreign_keys = OFF");
        Database { conn, url: url.into(), version_table: version_table.into(), statement_budget: DEFAULT_STATEMENT_BUDGET }
    }

    /// Installs the statement budget's progress handler until [`Database::unlimit`]; each
    /// statement calls [`StatementLimit::start`] first.
    pub fn limit_statements(&mut self) -> Result<StatementLimit, DatabaseError> {
        let limit = StatementLimit { callbacks: Arc::new(AtomicU64::new(0)), budget: self.statement_budget };
        let callbacks = limit.callbacks.clone();
        let max = self.statement_budget / INSTRUCTIONS_PER_CALLBACK;
        self.conn.progress_handler(
            INSTRUCTIONS_PER_CALLBACK as std::ffi::c_int,
            Some(move || callbacks.fetch_add(1, Ordering::Relaxed) >= max),
        )?;
        Ok(limit)
    }

    /// Removes the progress handler (the connection may live on: the page's SQL box).
    pub fn unlimit(&mut self) {
        let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
    }

    pub fn has_version_table(&self) -> Result<bool, DatabaseError> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [&self.version_table], |row| {
                row.get(0)
            })?;
        Ok(n > 0)
    }

    /// Creates the version table as Alembic does (`CREATE TABLE alembic_version (...)` with
    /// SQLAlchemy's layout and quoting: `sqlschema::dml`, the one writer of the version
    /// table's SQL), if it is missing.
    pub fn ensure_version_table(&self) -> Result<(), DatabaseError> {
        if !self.has_version_table()? {
            self.conn.execute_batch(&sqlschema::dml::version_table_create(&self.version_table))?;
        }
        Ok(())
    }

    /// The rows of the version table in table order (Alembic reads them without ORDER BY);
    /// empty when the table does not exist.
    pub fn version_rows(&self) -> Result<Vec<String>, DatabaseError> {
        if !self.has_version_table()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(&sqlschema::dml::version_select(&self.version_table))?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A connector over an already open database (the browser's in-memory one, tests).
pub struct OpenDatabase(pub Database);

impl Connector for OpenDatabase {
    fn connect(&mut self) -> Result<&mut Database, DatabaseError> {
        Ok(&mut self.0)
    }
}
