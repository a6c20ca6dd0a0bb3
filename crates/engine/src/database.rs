//! The live database as the engine sees it: a SQLite connection (handed in by the caller,
//! file or in-memory, native or wasm) and the name of its version table.

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
    /// A statement the engine will not run (its message says why).
    #[error("{0}")]
    Refused(String),
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
}

impl Database {
    /// Foreign-key enforcement is switched off, as SQLite's default and Python's `sqlite3`
    /// (what Alembic runs on) have it: the bundled SQLite is built with it on, which would
    /// make batch mode's `DROP TABLE` cascade into other tables' rows.
    pub fn new(conn: rusqlite::Connection, url: impl Into<String>, version_table: impl Into<String>) -> Database {
        let _ = conn.execute_batch("PRAGMA foreign_keys = OFF");
        Database { conn, url: url.into(), version_table: version_table.into() }
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
