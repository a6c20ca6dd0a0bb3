//! Reflection: rebuild a [`Table`] from SQLite's `sqlite_master.sql` and the
//! `PRAGMA table_info / index_list / index_info / foreign_key_list` rows,
//! which the caller fetches (this crate does no I/O). Batch mode uses this to
//! recreate a live table.

use crate::schema::{
    CheckConstraint, Column, Constraint, ForeignKeyConstraint, Index, IndexExpr, PrimaryKeyConstraint, ServerDefault, Table,
    UniqueConstraint,
};
use crate::SqlType;

/// One `PRAGMA table_info(t)` row.
#[derive(Debug, Clone, PartialEq)]
pub struct TableInfoRow {
    pub name: String,
    pub type_: String,
    pub notnull: bool,
    pub dflt_value: Option<String>,
    /// 1-based position in the primary key, 0 when not part of it.
    pub pk: i64,
}

/// One `PRAGMA index_list(t)` row with its `PRAGMA index_info` column names
/// (`None` for expression columns).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexListRow {
    pub name: String,
    pub unique: bool,
    /// `c` (CREATE INDEX), `u` (UNIQUE constraint) or `pk`.
    pub origin: String,
    pub columns: Vec<Option<String>>,
    /// The index's own `sqlite_master.sql`, used for a partial index's WHERE.
    pub sql: Option<String>,
}

/// One `PRAGMA foreign_key_list(t)` row.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKeyRow {
    pub id: i64,
    pub seq: i64,
    pub table: String,
    pub from: String,
    /// `None` when the FK names only the table (refers to its primary key);
    /// the caller should fill it from the referred table's key.
    pub to: Option<String>,
    pub on_update: String,
    pub on_delete: String,
}

/// A reflected type keeps its text, normalised the way SQLAlchemy's
/// `ischema_names` lookup would re-render it (upper case, `(10, 2)` spacing,
/// argument-less types drop their arguments).
pub fn reflect_type(text: &str) -> SqlType {
    let t = text.trim();
    let (word, args) = match t.find('(') {
        Some(i) => (t[..i].trim(), Some(t[i + 1..].trim_end_matches(')').trim())),
        None => (t, None),
    };
    let upper = word.to_ascii_uppercase();
    let keeps_args = ["VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "TEXT", "NUMERIC", "DECIMAL"];
    let renamed = match upper.as_str() {
        "INT" => "INTEGER",
        "BOOL" => "BOOLEAN",
        u => u,
    };
    let known = [
        "BIGINT",
        "BLOB",
        "BOOLEAN",
        "CHAR",
        "DATE",
        "DATETIME",
        "DOUBLE",
        "DECIMAL",
        "FLOAT",
        "INTEGER",
        "JSON",
        "NUMERIC",
        "REAL",
        "SMALLINT",
        "TEXT",
        "TIME",
        "TIMESTAMP",
        "VARCHAR",
        "NVARCHAR",
        "NCHAR",
    ];
    if !known.contains(&renamed) {
        return SqlType::Custom(t.to_string());
    }
    match args {
        Some(a) if keeps_args.contains(&renamed) && !a.is_empty() => {
            let parts: Vec<&str> = a.split(',').map(str::trim).collect();
            SqlType::Custom(format!("{renamed}({})", parts.join(", ")))
        }
        _ => SqlType::Custom(renamed.to_string()),
    }
}

/// Split the body of `CREATE TABLE x (...)` at top-level commas.
fn split_elements(sql: &str) -> Vec<String> {
    let Some(start) = sql.find('(') else { return Vec::new() };
    let body = &sql[start + 1..];
    let (mut depth, mut quote, mut cur, mut out) = (0i32, None::<char>, String::new(), Vec::new());
    for ch in body.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`' | '[') => quote = Some(if ch == '[' { ']' } else { ch }),
            (None, '(') => depth += 1,
            (None, ')') if depth == 0 => {
                out.push(cur.trim().to_string());
                return out;
            }
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out
}

fn unquote(name: &str) -> String {
    let n = name.trim();
    for (open, close) in [('"', '"'), ('`', '`'), ('[', ']'), ('\'', '\'')] {
        if n.starts_with(open) && n.ends_with(close) && n.len() >= 2 {
            return n[1..n.len() - 1].replace(&format!("{close}{close}"), &close.to_string());
        }
    }
    n.to_string()
}

/// Take a leading identifier (quoted or bare) off `s`.
fn take_ident(s: &str) -> (String, &str) {
    let s = s.trim_start();
    let close = match s.chars().next() {
        Some('"') => Some('"'),
        Some('`') => Some('`'),
        Some('[') => Some(']'),
        _ => None,
    };
    let end = match close {
        Some(c) => s[1..].find(c).map(|i| i + 2).unwrap_or(s.len()),
        None => s.find(|c: char| c.is_whitespace() || c == '(').unwrap_or(s.len()),
    };
    (unquote(&s[..end]), &s[end..])
}

fn starts_kw(s: &str, kw: &str) -> bool {
    s.len() >= kw.len() && s[..kw.len()].eq_ignore_ascii_case(kw)
}

/// The text inside the first balanced parentheses of `s`.
fn paren_body(s: &str) -> String {
    let Some(i) = s.find('(') else { return String::new() };
    let mut depth = 0;
    for (j, c) in s[i..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return s[i + 1..i + j].trim().to_string();
                }
            }
            _ => {}
        }
    }
    s[i + 1..].to_string()
}

fn ident_list(s: &str) -> Vec<String> {
    paren_body(s).split(',').map(unquote).collect()
}

/// Rebuild table `name`. Constraints come back in the order the CREATE
/// statement declares them; unnamed ones stay unnamed.
pub fn reflect_table(name: &str, sql: &str, columns: &[TableInfoRow], indexes: &[IndexListRow], fks: &[ForeignKeyRow]) -> Table {
    let mut table = Table::new(name, Vec::new());
    table.sqlite_autoincrement = sql.to_ascii_uppercase().contains("AUTOINCREMENT");
    for row in columns {
        let mut col = Column::new(&row.name, reflect_type(&row.type_)).nullable(!row.notnull);
        col.primary_key = row.pk > 0;
        col.server_default = row.dflt_value.clone().map(ServerDefault::Text);
        table.columns.push(col);
    }
    let mut pk_cols: Vec<&TableInfoRow> = columns.iter().filter(|c| c.pk > 0).collect();
    sorting::sort_by_key(&mut pk_cols, |c| c.pk);
    let mut pk = PrimaryKeyConstraint { columns: pk_cols.iter().map(|c| c.name.clone()).collect(), name: None };

    let mut fk_groups: Vec<ForeignKeyConstraint> = Vec::new();
    let mut ids: Vec<i64> = fks.iter().map(|f| f.id).collect();
    sorting::sort(&mut ids);
    ids.dedup();
    for id in ids {
        let mut rows: Vec<&ForeignKeyRow> = fks.iter().filter(|f| f.id == id).collect();
        sorting::sort_by_key(&mut rows, |f| f.seq);
        let action = |a: &str| (!a.eq_ignore_ascii_case("NO ACTION")).then(|| a.to_string());
        fk_groups.push(ForeignKeyConstraint {
            columns: rows.iter().map(|r| r.from.clone()).collect(),
            refcolumns: rows.iter().map(|r| format!("{}.{}", r.table, r.to.clone().unwrap_or_default())).collect(),
            ondelete: action(&rows[0].on_delete),
            onupdate: action(&rows[0].on_update),
            ..Default::default()
        });
    }

    for element in split_elements(sql) {
        let mut rest = element.as_str();
        let mut cname = None;
        if starts_kw(rest, "CONSTRAINT ") {
            let (n, r) = take_ident(&rest["CONSTRAINT ".len()..]);
            cname = Some(n);
            rest = r.trim_start();
        }
        if starts_kw(rest, "PRIMARY KEY") {
            pk.name = cname;
        } else if starts_kw(rest, "UNIQUE") {
            let c = UniqueConstraint { columns: ident_list(rest), name: cname };
            table.constraints.push(Constraint::Unique(c));
        } else if starts_kw(rest, "CHECK") {
            let c = CheckConstraint { sqltext: paren_body(rest), name: cname };
            table.constraints.push(Constraint::Check(c));
        } else if starts_kw(rest, "FOREIGN KEY") {
            let cols = ident_list(rest);
            if let Some(i) = fk_groups.iter().position(|f| f.columns == cols) {
                let mut fk = fk_groups.remove(i);
                fk.name = cname;
                let upper = rest.to_ascii_uppercase();
                if upper.contains("NOT DEFERRABLE") {
                    fk.deferrable = Some(false);
                } else if upper.contains("DEFERRABLE") {
                    fk.deferrable = Some(true);
                }
                for mode in ["DEFERRED", "IMMEDIATE"] {
                    if upper.contains(&format!("INITIALLY {mode}")) {
                        fk.initially = Some(mode.into());
                    }
                }
                table.constraints.push(Constraint::ForeignKey(fk));
            }
        } else {
            // A column definition: inline UNIQUE / CHECK / REFERENCES move to
            // table level the way SQLAlchemy's reflection reports them.
            let (col_name, tail) = take_ident(rest);
            let upper = tail.to_ascii_uppercase();
            if upper.contains(" UNIQUE") {
                table.constraints.push(Constraint::Unique(UniqueConstraint { columns: vec![col_name.clone()], name: None }));
            }
            if let Some(i) = upper.find("CHECK") {
                let c = CheckConstraint { sqltext: paren_body(&tail[i..]), name: None };
                table.constraints.push(Constraint::Check(c));
            }
            if upper.contains("REFERENCES") {
                if let Some(i) = fk_groups.iter().position(|f| f.columns == [col_name.clone()]) {
                    table.constraints.push(Constraint::ForeignKey(fk_groups.remove(i)));
                }
            }
        }
    }
    // FKs the text did not reveal (unusual spellings) are still kept.
    table.constraints.extend(fk_groups.into_iter().map(Constraint::ForeignKey));
    if !pk.columns.is_empty() {
        table.constraints.insert(0, Constraint::PrimaryKey(pk));
    }
    for ix in indexes.iter().filter(|i| i.origin == "c") {
        let where_ = ix.sql.as_ref().and_then(|s| {
            let upper = s.to_ascii_uppercase();
            upper.rfind(" WHERE ").map(|i| s[i + 7..].trim().to_string())
        });
        table.indexes.push(Index {
            name: ix.name.clone(),
            table: name.into(),
            expressions: ix.columns.iter().flatten().map(|c| IndexExpr::Column(c.clone())).collect(),
            unique: ix.unique,
            sqlite_where: where_,
        });
    }
    table
}

/// A column type as SQLAlchemy's SQLite `Inspector.get_columns` reports it: the class its
/// `_resolve_type_affinity` picks for a declared type (the `ischema_names` lookup, then
/// SQLite's affinity rules), with the declaration's numbers as positional arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectedType {
    /// `VARCHAR(length=50)`: the type object's `repr`.
    pub repr: String,
    /// `VARCHAR(50)`: its `str` (and its DDL on SQLite).
    pub text: String,
}

/// `declared` is `PRAGMA table_info`'s type column.
pub fn inspect_type(declared: &str) -> InspectedType {
    let upper = declared.to_ascii_uppercase();
    // SQLAlchemy's `([\w ]+)(\(.*?\))?` at the start.
    let word_len = upper.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ' ')).unwrap_or(upper.len());
    let word = &upper[..word_len];
    let args_text = upper[word_len..].strip_prefix('(').and_then(|r| r.find(')').map(|i| &r[..i]));
    let class = match word {
        "BIGINT" | "BLOB" | "BOOLEAN" | "CHAR" | "DATE" | "DATETIME" | "DOUBLE" | "DECIMAL" | "FLOAT" | "INTEGER" | "JSON" | "JSONB"
        | "NUMERIC" | "REAL" | "SMALLINT" | "TEXT" | "TIME" | "TIMESTAMP" | "VARCHAR" | "NVARCHAR" | "NCHAR" => word,
        "BOOL" => "BOOLEAN",
        "DATE_CHAR" => "DATE",
        "DATETIME_CHAR" => "DATETIME",
        "TIME_CHAR" => "TIME",
        "INT" => "INTEGER",
        w if w.contains("INT") => "INTEGER",
        w if w.contains("CHAR") || w.contains("CLOB") || w.contains("TEXT") => "TEXT",
        w if w.contains("BLOB") || w.is_empty() => "NullType",
        w if w.contains("REAL") || w.contains("FLOA") || w.contains("DOUB") => "REAL",
        _ => "NUMERIC",
    };
    let numbers: Vec<String> = match args_text {
        Some(a) => a.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(String::from).collect(),
        None => Vec::new(),
    };
    let names: &[&str] = match class {
        "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" | "TEXT" | "BLOB" => &["length"],
        "NUMERIC" | "DECIMAL" | "FLOAT" | "REAL" | "DOUBLE" => &["precision", "scale"],
        _ => &[],
    };
    // More numbers than the constructor takes: SQLAlchemy warns and calls it bare.
    let numbers = if numbers.len() > names.len() { Vec::new() } else { numbers };
    let repr_args: Vec<String> = names.iter().zip(&numbers).map(|(n, v)| format!("{n}={v}")).collect();
    let repr = format!("{class}({})", repr_args.join(", "));
    let text = match class {
        "NullType" => "NULL".to_string(),
        // The generic compiler drops the numbers of FLOAT, REAL, DOUBLE and BLOB.
        "FLOAT" | "REAL" | "DOUBLE" | "BLOB" => class.to_string(),
        _ if numbers.is_empty() => class.to_string(),
        _ => format!("{class}({})", numbers.join(", ")),
    };
    InspectedType { repr, text }
}
