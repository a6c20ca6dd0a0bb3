//! Where a migration's SQL goes: executed on the live SQLite connection (online), or written
//! out as text the way `alembic upgrade --sql` prints it (offline).

use crate::database::{DatabaseError, StatementLimit};

/// A value bound to a `?` placeholder or read back from a query.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// One statement as it ran (or was printed), for the SQL log.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub sql: String,
    pub params: Vec<SqlValue>,
}

/// Rows returned by a query: column names and values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
}

pub trait SqlSink {
    /// Executes (or prints) one statement; returns the number of rows changed (0 offline).
    fn execute(&mut self, sql: &str, params: &[SqlValue]) -> Result<usize, DatabaseError>;
    /// Runs a query. Offline there is no database to ask: `None`.
    fn query(&mut self, sql: &str, params: &[SqlValue]) -> Option<Result<QueryResult, DatabaseError>>;
    fn is_offline(&self) -> bool;
    /// Offline only: a comment or other raw text line (`-- Running upgrade a -> b`).
    fn comment(&mut self, _text: &str) {}
    /// Everything executed or printed so far, in order.
    fn statements(&self) -> &[Statement];
    /// Transaction control: real online, nothing offline (SQLite's `--sql` output has no
    /// BEGIN/COMMIT, as Alembic prints it).
    fn begin(&mut self) -> Result<(), DatabaseError> {
        Ok(())
    }
    fn commit(&mut self) -> Result<(), DatabaseError> {
        Ok(())
    }
    fn rollback(&mut self) {}
    /// Executes without adding to the SQL log (the playground's own bookkeeping); offline it
    /// does nothing.
    fn execute_quiet(&mut self, _sql: &str, _params: &[SqlValue]) -> Result<(), DatabaseError> {
        Ok(())
    }
}

fn to_sql(value: &SqlValue) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::Integer(*i),
        SqlValue::Real(f) => Value::Real(*f),
        SqlValue::Text(s) => Value::Text(s.clone()),
        SqlValue::Blob(b) => Value::Blob(b.clone()),
    }
}

fn from_sql(value: rusqlite::types::ValueRef<'_>) -> SqlValue {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => SqlValue::Null,
        ValueRef::Integer(i) => SqlValue::Integer(i),
        ValueRef::Real(f) => SqlValue::Real(f),
        ValueRef::Text(t) => SqlValue::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => SqlValue::Blob(b.to_vec()),
    }
}

/// Executes on a live connection.
pub struct OnlineSink<'c> {
    pub conn: &'c rusqlite::Connection,
    log: Vec<Statement>,
    /// Each statement's budget, when the connection has one (`Database::limit_statements`).
    limit: Option<StatementLimit>,
}

impl<'c> OnlineSink<'c> {
    pub fn new(conn: &'c rusqlite::Connection) -> Self {
        OnlineSink { conn, log: Vec::new(), limit: None }
    }

    /// Statements run within `limit` (installed on `conn`), an overrun reported as such.
    pub fn limited(conn: &'c rusqlite::Connection, limit: StatementLimit) -> Self {
        OnlineSink { conn, log: Vec::new(), limit: Some(limit) }
    }

    fn start(&self) {
        if let Some(limit) = &self.limit {
            limit.start();
        }
    }

    fn explain(&self, error: rusqlite::Error) -> DatabaseError {
        match &self.limit {
            Some(limit) => limit.explain(error),
            None => DatabaseError::from(error),
        }
    }
}

impl SqlSink for OnlineSink<'_> {
    fn execute(&mut self, sql: &str, params: &[SqlValue]) -> Result<usize, DatabaseError> {
        self.log.push(Statement { sql: sql.to_string(), params: params.to_vec() });
        let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        self.start();
        let run = || -> rusqlite::Result<usize> { self.conn.prepare(sql)?.execute(rusqlite::params_from_iter(values)) };
        run().map_err(|e| self.explain(e))
    }

    fn query(&mut self, sql: &str, params: &[SqlValue]) -> Option<Result<QueryResult, DatabaseError>> {
        self.log.push(Statement { sql: sql.to_string(), params: params.to_vec() });
        let run = || -> Result<QueryResult, rusqlite::Error> {
            let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
            let mut stmt = self.conn.prepare(sql)?;
            let columns: Vec<String> = stmt.column_names().map(String::from).collect();
            let n = columns.len();
            let mut rows = Vec::new();
            let mut q = stmt.query(rusqlite::params_from_iter(values))?;
            while let Some(row) = q.next()? {
                rows.push((0..n).map(|i| row.get_ref(i).map(from_sql)).collect::<Result<_, _>>()?);
            }
            Ok(QueryResult { columns, rows })
        };
        self.start();
        Some(run().map_err(|e| self.explain(e)))
    }

    fn is_offline(&self) -> bool {
        false
    }

    fn begin(&mut self) -> Result<(), DatabaseError> {
        self.start();
        Ok(self.conn.execute_batch("BEGIN")?)
    }

    fn execute_quiet(&mut self, sql: &str, params: &[SqlValue]) -> Result<(), DatabaseError> {
        let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        self.start();
        self.conn.execute(sql, rusqlite::params_from_iter(values)).map_err(|e| self.explain(e))?;
        Ok(())
    }

    fn commit(&mut self) -> Result<(), DatabaseError> {
        self.start();
        Ok(self.conn.execute_batch("COMMIT")?)
    }

    fn rollback(&mut self) {
        self.start();
        // Nothing to do if SQLite already rolled back on its own.
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    fn statements(&self) -> &[Statement] {
        &self.log
    }
}

/// Collects the script `alembic ... --sql` prints: each statement stripped and followed by
/// `;` and a blank line, tabs as four spaces.
#[derive(Default)]
pub struct OfflineSink {
    pub text: String,
    log: Vec<Statement>,
}

impl SqlSink for OfflineSink {
    fn execute(&mut self, sql: &str, _params: &[SqlValue]) -> Result<usize, DatabaseError> {
        self.log.push(Statement { sql: sql.to_string(), params: Vec::new() });
        // Alembic's `static_output`: tabs as four spaces, surrounding whitespace stripped.
        self.text.push_str(sql.replace('\t', "    ").trim());
        self.text.push_str(";\n\n");
        Ok(0)
    }

    fn query(&mut self, _sql: &str, _params: &[SqlValue]) -> Option<Result<QueryResult, DatabaseError>> {
        None
    }

    fn is_offline(&self) -> bool {
        true
    }

    fn comment(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push_str("\n\n");
    }

    fn statements(&self) -> &[Statement] {
        &self.log
    }
}
