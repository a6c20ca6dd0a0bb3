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
    /// How many bytes of offline text it has printed (online: none).
    fn printed(&self) -> usize {
        0
    }
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
///
/// A migration's own transaction control (`op.execute("COMMIT")`, …) is handled as pysqlite
/// would where that keeps the one-transaction-per-migration promise, and refused where it
/// would not (`transaction_control`).
pub struct OnlineSink<'c> {
    pub conn: &'c rusqlite::Connection,
    log: Vec<Statement>,
    /// Each statement's budget, when the connection has one (`Database::limit_statements`).
    limit: Option<StatementLimit>,
    /// Whether pysqlite (Python's `sqlite3`, legacy transaction control, what Alembic runs on)
    /// would have a transaction open now: it opens one before the first
    /// INSERT/UPDATE/DELETE/REPLACE, and SQLite does at BEGIN or SAVEPOINT; until then its DDL
    /// autocommits. Reset at each `begin`.
    pysqlite_open: bool,
}

impl<'c> OnlineSink<'c> {
    pub fn new(conn: &'c rusqlite::Connection) -> Self {
        OnlineSink { conn, log: Vec::new(), limit: None, pysqlite_open: false }
    }

    /// Statements run within `limit` (installed on `conn`), an overrun reported as such.
    pub fn limited(conn: &'c rusqlite::Connection, limit: StatementLimit) -> Self {
        OnlineSink { conn, log: Vec::new(), limit: Some(limit), pysqlite_open: false }
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

    /// Handles a statement that controls transactions; `Some` when it must not reach SQLite
    /// (a `BEGIN` pysqlite would start a transaction with: ours is already open), or fails.
    fn transaction_control(&mut self, sql: &str) -> Option<Result<usize, DatabaseError>> {
        let control = classify(sql);
        let was_open = self.pysqlite_open;
        self.pysqlite_open = was_open || control.opens();
        match control {
            Control::Begin if !was_open => Some(Ok(0)),
            Control::Commit | Control::Rollback if !was_open => {
                // No transaction in pysqlite yet: SQLite's own refusal, as Alembic shows it.
                let what = if control == Control::Commit { "commit" } else { "rollback" };
                Some(Err(DatabaseError::Sqlite {
                    kind: "sqlite3.OperationalError",
                    message: format!("cannot {what} - no transaction is active"),
                }))
            }
            Control::Commit | Control::Rollback => Some(Err(DatabaseError::Refused(format!(
                "{} inside a migration is refused: each migration runs in one transaction together with its \
                 alembic_version update, and ending that transaction partway would leave alembic_version out of step \
                 with what was applied (savepoints work: SAVEPOINT name / RELEASE name / ROLLBACK TO name)",
                if control == Control::Commit { "COMMIT" } else { "ROLLBACK" }
            )))),
            _ => None,
        }
    }
}

/// What a statement does to transactions, by its leading keywords (as pysqlite and SQLite
/// read them: comments and whitespace skipped, any case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Control {
    /// INSERT, UPDATE, DELETE, REPLACE: pysqlite opens a transaction before it.
    Dml,
    Begin,
    /// COMMIT or END.
    Commit,
    /// ROLLBACK without TO.
    Rollback,
    Savepoint,
    /// RELEASE or ROLLBACK TO: SQLite's savepoint semantics inside our transaction.
    SavepointEnd,
    Other,
}

impl Control {
    fn opens(self) -> bool {
        matches!(self, Control::Dml | Control::Begin | Control::Savepoint)
    }
}

/// The statement's first `n` keywords, upper-cased, after comments and whitespace.
fn leading_words(sql: &str, n: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = sql;
    while words.len() < n {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            words.push(rest[..end].to_ascii_uppercase());
            rest = &rest[end..];
        }
    }
    words
}

fn classify(sql: &str) -> Control {
    let words = leading_words(sql, 3);
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    match word(0) {
        "INSERT" | "UPDATE" | "DELETE" | "REPLACE" => Control::Dml,
        "BEGIN" => Control::Begin,
        "COMMIT" | "END" => Control::Commit,
        "ROLLBACK" => {
            let next = if word(1) == "TRANSACTION" { word(2) } else { word(1) };
            if next == "TO" {
                Control::SavepointEnd
            } else {
                Control::Rollback
            }
        }
        "SAVEPOINT" => Control::Savepoint,
        "RELEASE" => Control::SavepointEnd,
        _ => Control::Other,
    }
}

impl SqlSink for OnlineSink<'_> {
    fn execute(&mut self, sql: &str, params: &[SqlValue]) -> Result<usize, DatabaseError> {
        self.log.push(Statement { sql: sql.to_string(), params: params.to_vec() });
        let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        let conn = self.conn;
        // Prepared first: one statement only (pysqlite's rule), and a syntax error stays SQLite's.
        let mut stmt = conn.prepare(sql).map_err(|e| self.explain(e))?;
        if let Some(handled) = self.transaction_control(sql) {
            return handled;
        }
        self.start();
        stmt.execute(rusqlite::params_from_iter(values)).map_err(|e| self.explain(e))
    }

    fn query(&mut self, sql: &str, params: &[SqlValue]) -> Option<Result<QueryResult, DatabaseError>> {
        self.log.push(Statement { sql: sql.to_string(), params: params.to_vec() });
        let values: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        let conn = self.conn;
        let mut stmt = match conn.prepare(sql) {
            Ok(stmt) => stmt,
            Err(e) => return Some(Err(self.explain(e))),
        };
        if let Some(handled) = self.transaction_control(sql) {
            return Some(handled.map(|_| QueryResult::default()));
        }
        let columns: Vec<String> = stmt.column_names().map(String::from).collect();
        let n = columns.len();
        self.start();
        let run = || -> rusqlite::Result<QueryResult> {
            let mut rows = Vec::new();
            let mut q = stmt.query(rusqlite::params_from_iter(values))?;
            while let Some(row) = q.next()? {
                rows.push((0..n).map(|i| row.get_ref(i).map(from_sql)).collect::<Result<_, _>>()?);
            }
            Ok(QueryResult { columns, rows })
        };
        let result = run();
        Some(result.map_err(|e| self.explain(e)))
    }

    fn is_offline(&self) -> bool {
        false
    }

    fn begin(&mut self) -> Result<(), DatabaseError> {
        self.pysqlite_open = false;
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

    fn printed(&self) -> usize {
        self.text.len()
    }

    fn statements(&self) -> &[Statement] {
        &self.log
    }
}
