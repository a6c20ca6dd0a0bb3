//! Reflecting a live table for batch mode: `sqlite_master.sql` and the PRAGMA rows, fetched
//! through the session and handed to `sqlschema::reflect::reflect_table`.

use pylite::eval::{CallContext, EvalError};
use sqlschema::reflect::{reflect_table, ForeignKeyRow, IndexListRow, TableInfoRow};
use sqlschema::Table;

use super::Session;
use crate::runtime::{QueryResult, SqlValue};

fn rows(s: &Session, sql: &str, params: &[SqlValue], cx: &mut CallContext) -> Result<QueryResult, EvalError> {
    Ok(s.query(sql, params, cx)?.unwrap_or_default())
}

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) => t.clone(),
        SqlValue::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

fn opt_text(v: &SqlValue) -> Option<String> {
    (!matches!(v, SqlValue::Null)).then(|| text(v))
}

fn int(v: &SqlValue) -> i64 {
    match v {
        SqlValue::Integer(i) => *i,
        _ => 0,
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Alembic's SQLite impl (`autogen_column_reflect`, used by batch reflection) wraps a
/// reflected default in parentheses unless it looks like a constant: a single digit or dot,
/// a quoted string, or already parenthesized. SQLite's PRAGMA strips the parentheses of
/// `DEFAULT (CURRENT_TIMESTAMP)`, so without this the recreated table would read
/// `DEFAULT CURRENT_TIMESTAMP`; with it, `-1` or `10` come back as `(-1)` / `(10)`, as in Alembic.
/// Its tests are Python regular expressions (`^\(.+\)$`): `.` stops at a newline, so a
/// multi-line default that is already parenthesized gets a second pair, as in Alembic.
fn parenthesize_expression_default(default: String) -> String {
    let single_digit_or_dot = matches_line(&default, |body| body.len() == 1 && body.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    let quoted = matches_line(&default, |body| enclosed(body, '\'', '\''));
    let parenthesized = matches_line(&default, |body| enclosed(body, '(', ')'));
    if default.is_empty() || single_digit_or_dot || quoted || parenthesized {
        default
    } else {
        format!("({default})")
    }
}

/// Python's `re.match(r"^…$", s)`: `$` also matches before a final newline.
fn matches_line(s: &str, test: impl Fn(&str) -> bool) -> bool {
    test(s) || s.strip_suffix('\n').is_some_and(&test)
}

/// `open`, one or more characters other than a newline (`.+`), `close`.
fn enclosed(body: &str, open: char, close: char) -> bool {
    let inner = body.strip_prefix(open).and_then(|b| b.strip_suffix(close));
    inner.is_some_and(|i| !i.is_empty() && !i.contains('\n'))
}

/// The table as SQLAlchemy reflects it; `NoSuchTableError` when it does not exist.
pub fn reflect_live(s: &Session, name: &str, cx: &mut CallContext) -> Result<Table, EvalError> {
    let master = rows(s, "SELECT sql FROM sqlite_master WHERE name = ? AND type = 'table'", &[SqlValue::Text(name.into())], cx)?;
    let Some(sql) = master.rows.first().map(|r| text(&r[0])) else {
        return Err(s.fail(format!("sqlalchemy.exc.NoSuchTableError: {name}"), None, cx.span));
    };
    let q = quoted(name);
    let columns: Vec<TableInfoRow> = rows(s, &format!("PRAGMA table_info({q})"), &[], cx)?
        .rows
        .iter()
        .map(|r| TableInfoRow {
            name: text(&r[1]),
            type_: text(&r[2]),
            notnull: int(&r[3]) != 0,
            dflt_value: opt_text(&r[4]).map(parenthesize_expression_default),
            pk: int(&r[5]),
        })
        .collect();
    let mut indexes = Vec::new();
    for r in rows(s, &format!("PRAGMA index_list({q})"), &[], cx)?.rows {
        let ix_name = text(&r[1]);
        let cols = rows(s, &format!("PRAGMA index_info({})", quoted(&ix_name)), &[], cx)?;
        let ix_sql = rows(s, "SELECT sql FROM sqlite_master WHERE name = ? AND type = 'index'", &[SqlValue::Text(ix_name.clone())], cx)?;
        indexes.push(IndexListRow {
            name: ix_name,
            unique: int(&r[2]) != 0,
            origin: text(&r[3]),
            columns: cols.rows.iter().map(|c| opt_text(&c[2])).collect(),
            sql: ix_sql.rows.first().and_then(|x| opt_text(&x[0])),
        });
    }
    let mut fks = Vec::new();
    for r in rows(s, &format!("PRAGMA foreign_key_list({q})"), &[], cx)?.rows {
        let (table, from) = (text(&r[2]), text(&r[3]));
        let mut to = opt_text(&r[4]);
        if to.is_none() {
            // REFERENCES t without columns: the referred table's primary key, in order.
            let pk = rows(s, &format!("PRAGMA table_info({})", quoted(&table)), &[], cx)?;
            let seq = int(&r[1]);
            to = pk.rows.iter().find(|c| int(&c[5]) == seq + 1).map(|c| text(&c[1]));
        }
        fks.push(ForeignKeyRow { id: int(&r[0]), seq: int(&r[1]), table, from, to, on_update: text(&r[5]), on_delete: text(&r[6]) });
    }
    Ok(reflect_table(name, &sql, &columns, &indexes, &fks))
}
