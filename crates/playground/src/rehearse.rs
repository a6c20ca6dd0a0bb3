//! Rehearsal: a command run first on a copy of the database (serialised and read back), and what
//! it would lose there — tables, columns, rows and non-null values — found by comparing the
//! copy's tables before and after. The live database is untouched until the user confirms.

use engine::runtime::applied::APPLIED_TABLE;
use rusqlite::Connection;

use crate::inspect::quote;

/// A user table's size: its rows, and per column how many values are not NULL.
#[derive(Clone, Debug, PartialEq)]
pub struct TableStats {
    pub name: String,
    pub rows: i64,
    pub columns: Vec<(String, i64)>,
}

/// One thing a command would lose.
#[derive(Clone, Debug, PartialEq)]
pub enum Loss {
    Table { name: String, rows: i64, values: i64 },
    Column { table: String, column: String, values: i64 },
    Rows { table: String, rows: i64 },
}

impl Loss {
    pub fn describe(&self) -> String {
        let s = |n: i64| if n == 1 { "" } else { "s" };
        match self {
            Loss::Table { name, rows, values } => {
                format!("table {name} is dropped with its {rows} row{} ({values} non-null value{})", s(*rows), s(*values))
            }
            Loss::Column { table, column, values } => {
                format!("column {table}.{column} is dropped with its {values} non-null value{}", s(*values))
            }
            Loss::Rows { table, rows } => format!("{rows} row{} of {table} {} deleted", s(*rows), if *rows == 1 { "is" } else { "are" }),
        }
    }
}

/// A copy of `conn` in a new in-memory database. (Serialising is what snapshots do anyway;
/// SQLite's backup API would add its code to the page for the same result.)
pub fn copy(conn: &mut Connection) -> rusqlite::Result<Connection> {
    let mut to = Connection::open_in_memory()?;
    let data = conn.serialize(rusqlite::MAIN_DB)?;
    to.deserialize_read_exact(rusqlite::MAIN_DB, &data[..], data.len(), false)?;
    Ok(to)
}

/// Every user table (not the version table, not the applied record) and its counts.
pub fn stats(conn: &Connection, version_table: &str) -> rusqlite::Result<Vec<TableStats>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for name in names.into_iter().filter(|n| n != version_table && n != APPLIED_TABLE) {
        let q = quote(&name);
        let mut cols = conn.prepare(&format!("SELECT name FROM pragma_table_info({})", quote_literal(&name)))?;
        let columns: Vec<String> = cols.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let counts: Vec<String> = columns.iter().map(|c| format!("count({})", quote(c))).collect();
        let sql = format!("SELECT count(*){}{} FROM {q}", if counts.is_empty() { "" } else { ", " }, counts.join(", "));
        let row: Vec<i64> = conn.query_row(&sql, [], |r| (0..=columns.len()).map(|i| r.get(i)).collect())?;
        out.push(TableStats { name, rows: row[0], columns: columns.into_iter().zip(row[1..].iter().copied()).collect() });
    }
    Ok(out)
}

fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// What disappeared between `before` and `after`: only what held something (a table with
/// rows, a column with non-null values, rows) — an empty table or column loses nothing.
pub fn losses(before: &[TableStats], after: &[TableStats]) -> Vec<Loss> {
    let mut out = Vec::new();
    for b in before {
        let Some(a) = after.iter().find(|a| a.name == b.name) else {
            if b.rows > 0 {
                out.push(Loss::Table { name: b.name.clone(), rows: b.rows, values: b.columns.iter().map(|c| c.1).sum() });
            }
            continue;
        };
        for (column, values) in &b.columns {
            if *values > 0 && !a.columns.iter().any(|(c, _)| c == column) {
                out.push(Loss::Column { table: b.name.clone(), column: column.clone(), values: *values });
            }
        }
        if a.rows < b.rows {
            out.push(Loss::Rows { table: b.name.clone(), rows: b.rows - a.rows });
        }
    }
    out
}

/// Losses listed one a line up to this many; the rest are summed up in one line.
pub const LISTED: usize = 8;

/// The losses as the confirmation lists them: the first `LISTED`, then one line for the rest
/// (a `downgrade base` over 500 revisions is not 500 lines).
pub fn summary(losses: &[Loss]) -> Vec<String> {
    let mut lines: Vec<String> = losses.iter().take(LISTED).map(Loss::describe).collect();
    let rest = losses.get(LISTED..).unwrap_or_default();
    if !rest.is_empty() {
        let rows: i64 = rest.iter().map(|l| if let Loss::Table { rows, .. } | Loss::Rows { rows, .. } = l { *rows } else { 0 }).sum();
        lines.push(format!("and {} more (tables, columns or rows), with {rows} rows among them", rest.len()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_tables_and_columns_lose_nothing() {
        let table = |name: &str, rows, values| TableStats { name: name.into(), rows, columns: vec![("id".into(), values)] };
        let before = [table("empty", 0, 0), table("posts", 2, 2), table("tags", 3, 0)];
        let after = [TableStats { name: "tags".into(), rows: 3, columns: vec![] }];
        let lost: Vec<String> = losses(&before, &after).iter().map(Loss::describe).collect();
        assert_eq!(lost, ["table posts is dropped with its 2 rows (2 non-null values)"]);
    }

    #[test]
    fn many_losses_are_summed_up_after_the_first_few() {
        let many: Vec<Loss> = (0..500).map(|i| Loss::Table { name: format!("t{i}"), rows: 2, values: 2 }).collect();
        let lines = summary(&many);
        assert_eq!(lines.len(), LISTED + 1);
        assert_eq!(lines[0], "table t0 is dropped with its 2 rows (2 non-null values)");
        assert_eq!(lines[LISTED], "and 492 more (tables, columns or rows), with 984 rows among them");
        assert_eq!(summary(&many[..3]).len(), 3);
    }

    #[test]
    fn dropped_tables_columns_and_deleted_rows_are_counted() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE alembic_version (version_num VARCHAR(32));
             CREATE TABLE posts (id INTEGER, title TEXT, deleted_at TEXT);
             INSERT INTO posts VALUES (1, 'a', NULL), (2, 'b', '2024'), (3, NULL, '2024');
             CREATE TABLE archive (id INTEGER); INSERT INTO archive VALUES (1);",
        )
        .unwrap();
        let copy = copy(&mut conn).unwrap();
        let before = stats(&copy, "alembic_version").unwrap();
        assert_eq!(
            before[1],
            TableStats { name: "posts".into(), rows: 3, columns: vec![("id".into(), 3), ("title".into(), 2), ("deleted_at".into(), 2)] }
        );
        copy.execute_batch("DROP TABLE archive; DELETE FROM posts WHERE id = 3; ALTER TABLE posts DROP COLUMN deleted_at;").unwrap();
        let lost: Vec<String> = losses(&before, &stats(&copy, "alembic_version").unwrap()).iter().map(Loss::describe).collect();
        assert_eq!(
            lost,
            [
                "table archive is dropped with its 1 row (1 non-null value)",
                "column posts.deleted_at is dropped with its 2 non-null values",
                "1 row of posts is deleted",
            ]
        );
        // The live database is untouched.
        assert_eq!(stats(&conn, "alembic_version").unwrap(), before);
    }
}
