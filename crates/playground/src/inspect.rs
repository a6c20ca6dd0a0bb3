//! The live database as the schema panel shows it: tables, columns, indexes, foreign keys and
//! rows, read with SQLite's PRAGMAs; and the SQL box's ad-hoc statements.

use engine::database::DatabaseError;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// Rows shown per table; the count says how many there are in all.
pub const ROW_LIMIT: usize = 200;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<String>,
    /// Values as text (`NULL` for SQL NULL), so the page never interprets them.
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnInfo {
    pub name: String,
    pub type_: String,
    pub notnull: bool,
    pub default: Option<String>,
    /// 1-based position in the primary key, 0 when not part of it.
    pub pk: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndexInfo {
    pub name: String,
    pub unique: bool,
    /// `c` (CREATE INDEX), `u` (UNIQUE constraint) or `pk`.
    pub origin: String,
    pub columns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForeignKeyInfo {
    pub from: String,
    pub table: String,
    pub to: String,
    pub on_delete: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableInfo {
    pub name: String,
    pub sql: String,
    pub columns: Vec<ColumnInfo>,
    pub indexes: Vec<IndexInfo>,
    pub foreign_keys: Vec<ForeignKeyInfo>,
    pub row_count: i64,
    pub rows: Grid,
}

/// Everything the panels show about the database after an action.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DbSnapshot {
    /// The name of Alembic's version table (`alembic_version` unless env.py says otherwise).
    pub version_table: String,
    pub version_rows: Vec<String>,
    pub tables: Vec<TableInfo>,
}

impl DbSnapshot {
    /// The version table's rows as the Database panel says them: a fresh database has no
    /// version table until the first migrating command creates it.
    pub fn version_text(&self) -> String {
        if !self.version_rows.is_empty() {
            self.version_rows.join(", ")
        } else if self.tables.iter().any(|t| t.name == self.version_table) {
            "(empty)".into()
        } else {
            "(does not exist yet)".into()
        }
    }
}

/// What the SQL box shows for one statement.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlBoxResult {
    Rows(Grid),
    Changed(usize),
    /// pysqlite's wording, e.g. `(sqlite3.IntegrityError) NOT NULL constraint failed: posts.is_featured`.
    Error(String),
}

pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub fn value_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => format!("{f:?}"),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => format!("x'{}'", b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// Runs a query and returns at most `limit` rows as text.
pub fn query_grid(conn: &Connection, sql: &str, limit: usize) -> rusqlite::Result<Grid> {
    let mut stmt = conn.prepare(sql)?;
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut rows = Vec::new();
    let mut q = stmt.query([])?;
    while let Some(row) = q.next()? {
        if rows.len() == limit {
            break;
        }
        rows.push((0..columns.len()).map(|i| row.get_ref(i).map(value_text)).collect::<Result<_, _>>()?);
    }
    Ok(Grid { columns, rows })
}

pub fn snapshot(conn: &Connection, version_table: &str, version_rows: Vec<String>) -> rusqlite::Result<DbSnapshot> {
    // The applied record is the page's bookkeeping (drift evidence), not the user's schema.
    let sql = format!(
        "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{}' ORDER BY name",
        engine::runtime::applied::APPLIED_TABLE
    );
    let names = query_grid(conn, &sql, usize::MAX)?;
    let mut tables = Vec::new();
    for row in names.rows {
        let (name, sql) = (row[0].clone(), row[1].clone());
        let q = quote(&name);
        let columns = query_grid(conn, &format!("PRAGMA table_info({q})"), usize::MAX)?
            .rows
            .into_iter()
            .map(|r| ColumnInfo {
                name: r[1].clone(),
                type_: r[2].clone(),
                notnull: r[3] == "1",
                default: (r[4] != "NULL").then(|| r[4].clone()),
                pk: r[5].parse().unwrap_or(0),
            })
            .collect();
        let mut indexes = Vec::new();
        for r in query_grid(conn, &format!("PRAGMA index_list({q})"), usize::MAX)?.rows {
            let cols = query_grid(conn, &format!("PRAGMA index_info({})", quote(&r[1])), usize::MAX)?;
            indexes.push(IndexInfo {
                name: r[1].clone(),
                unique: r[2] == "1",
                origin: r[3].clone(),
                columns: cols.rows.into_iter().map(|c| c[2].clone()).collect(),
            });
        }
        let foreign_keys = query_grid(conn, &format!("PRAGMA foreign_key_list({q})"), usize::MAX)?
            .rows
            .into_iter()
            .map(|r| ForeignKeyInfo { table: r[2].clone(), from: r[3].clone(), to: r[4].clone(), on_delete: r[6].clone() })
            .collect();
        let row_count = conn.query_row(&format!("SELECT count(*) FROM {q}"), [], |r| r.get(0))?;
        let rows = query_grid(conn, &format!("SELECT * FROM {q}"), ROW_LIMIT)?;
        tables.push(TableInfo { name, sql, columns, indexes, foreign_keys, row_count, rows });
    }
    Ok(DbSnapshot { version_table: version_table.to_string(), version_rows, tables })
}

/// Runs one ad-hoc statement: a query shows its rows, anything else how many rows changed.
pub fn run_sql(conn: &Connection, sql: &str) -> SqlBoxResult {
    let run = || -> rusqlite::Result<SqlBoxResult> {
        let stmt = conn.prepare(sql)?;
        if stmt.column_count() > 0 {
            drop(stmt);
            return Ok(SqlBoxResult::Rows(query_grid(conn, sql, ROW_LIMIT)?));
        }
        drop(stmt);
        // SQLite's `changes()` keeps the last INSERT/UPDATE/DELETE's count across DDL; the
        // difference of the running total is what this statement changed (0 for a CREATE).
        let before = conn.total_changes();
        conn.execute(sql, [])?;
        Ok(SqlBoxResult::Changed((conn.total_changes() - before) as usize))
    };
    run().unwrap_or_else(|e| SqlBoxResult::Error(DatabaseError::from(e).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE a (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT 'x');
             CREATE TABLE b (id INTEGER, a_id INTEGER REFERENCES a (id) ON DELETE CASCADE);
             CREATE UNIQUE INDEX ix_b_a ON b (a_id);
             INSERT INTO a (id, name) VALUES (1, '<b>bold</b>'), (2, 'y');
             INSERT INTO b VALUES (1, NULL);",
        )
        .unwrap();
        conn
    }

    #[test]
    fn schema_lists_columns_indexes_and_foreign_keys() {
        let snap = snapshot(&db(), "alembic_version", vec!["r1".into()]).unwrap();
        let names: Vec<&str> = snap.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let a = &snap.tables[0];
        assert_eq!(
            a.columns[1],
            ColumnInfo { name: "name".into(), type_: "VARCHAR(20)".into(), notnull: true, default: Some("'x'".into()), pk: 0 }
        );
        assert_eq!(a.columns[0].pk, 1);
        assert_eq!(a.rows.rows, [["1", "<b>bold</b>"], ["2", "y"]]);
        let b = &snap.tables[1];
        assert_eq!(b.indexes, [IndexInfo { name: "ix_b_a".into(), unique: true, origin: "c".into(), columns: vec!["a_id".into()] }]);
        assert_eq!(
            b.foreign_keys[0],
            ForeignKeyInfo { from: "a_id".into(), table: "a".into(), to: "id".into(), on_delete: "CASCADE".into() }
        );
        assert_eq!(b.rows.rows, [["1", "NULL"]]);
    }

    #[test]
    fn sql_box_queries_changes_and_errors() {
        let conn = db();
        assert_eq!(
            run_sql(&conn, "SELECT count(*) AS n FROM a"),
            SqlBoxResult::Rows(Grid { columns: vec!["n".into()], rows: vec![vec!["2".into()]] })
        );
        assert_eq!(run_sql(&conn, "DELETE FROM b"), SqlBoxResult::Changed(1));
        assert_eq!(run_sql(&conn, "CREATE TABLE c (x)"), SqlBoxResult::Changed(0));
        assert_eq!(
            run_sql(&conn, "INSERT INTO a (id, name) VALUES (3, NULL)"),
            SqlBoxResult::Error("(sqlite3.IntegrityError) NOT NULL constraint failed: a.name".into())
        );
        assert_eq!(run_sql(&conn, "SELEC 1"), SqlBoxResult::Error("(sqlite3.OperationalError) near \"SELEC\": syntax error".into()));
    }
}
