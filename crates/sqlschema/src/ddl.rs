//! SQLite DDL compiler: CREATE/DROP TABLE and INDEX in SQLAlchemy's exact layout.

use crate::quoting::quote;
use crate::schema::{split_target, CheckConstraint, Column, Constraint, ForeignKeyConstraint, Index, IndexExpr, ServerDefault, Table};
use crate::types::Affinity;
use crate::CompileError;

/// The default's SQL text as `DDLCompiler.get_column_default_string` renders
/// it (no SQLite parenthesising; ALTER ... SET DEFAULT uses this form).
pub fn render_default(d: &ServerDefault) -> String {
    match d {
        ServerDefault::String(s) => crate::literal::quote_string(s),
        ServerDefault::Text(s) | ServerDefault::LiteralColumn(s) => s.clone(),
        ServerDefault::True => "1".into(),
        ServerDefault::False => "0".into(),
        ServerDefault::Func { name, args } => render_func(name, args),
    }
}

/// `func.<name>(...)`: the ANSI niladic functions render bare, and SQLite
/// spells `now()` as CURRENT_TIMESTAMP.
fn render_func(name: &str, args: &[ServerDefault]) -> String {
    match name.to_ascii_lowercase().as_str() {
        "now" | "current_timestamp" => "CURRENT_TIMESTAMP".into(),
        "current_date" => "CURRENT_DATE".into(),
        "current_time" => "CURRENT_TIME".into(),
        "localtimestamp" => "DATETIME(CURRENT_TIMESTAMP, 'localtime')".into(),
        "current_user" | "session_user" | "user" | "localtime" => name.to_ascii_uppercase(),
        _ => {
            let args: Vec<String> = args.iter().map(render_default).collect();
            format!("{name}({})", args.join(", "))
        }
    }
}

/// ` DEFAULT x` as SQLite's column specification renders it: an expression
/// that is neither quoted nor parenthesised but has a non-word character is
/// wrapped in parentheses (SQLite's grammar requires it).
pub(crate) fn column_default_clause(d: &ServerDefault) -> String {
    let text = render_default(d);
    let starts_quoted = matches!(text.trim_start().chars().next(), Some('\'' | '"' | '('));
    let has_non_word = text.lines().next().unwrap_or("").chars().any(|c| !(c.is_alphanumeric() || c == '_')) || text.contains('\n');
    if !starts_quoted && has_non_word {
        format!(" DEFAULT ({text})")
    } else {
        format!(" DEFAULT {text}")
    }
}

/// `SQLiteDDLCompiler.get_column_specification`: name, type, default, NOT NULL
/// and the inline `PRIMARY KEY AUTOINCREMENT` of `sqlite_autoincrement` tables.
/// `table` gives primary-key context; `None` treats the column alone (add_column).
pub fn column_specification(col: &Column, table: Option<&Table>) -> Result<String, CompileError> {
    col.type_.renderable().map_err(|e| match table {
        Some(t) => CompileError(format!("(in table '{}', column '{}'): {e}", t.name, col.name)),
        None => CompileError(e),
    })?;
    let mut spec = format!("{} {}", quote(&col.name), col.type_.compile());
    if let Some(d) = &col.server_default {
        spec += &column_default_clause(d);
    }
    let (is_pk, nullable) = match table {
        Some(t) => (t.is_pk(col), t.is_nullable(col)),
        None => (col.primary_key, col.nullable.unwrap_or(!col.primary_key)),
    };
    if !nullable {
        spec += " NOT NULL";
    }
    if let (true, Some(t)) = (is_pk, table) {
        let pk_len = t.primary_key().columns.len();
        if col.autoincrement == Some(true) && pk_len != 1 {
            return Err(CompileError(format!(
                "(in table '{}', column '{}'): SQLite does not support autoincrement for composite primary keys",
                t.name, col.name
            )));
        }
        if inline_autoincrement(t, col) {
            spec += " PRIMARY KEY AUTOINCREMENT";
        }
    }
    Ok(spec)
}

/// With `sqlite_autoincrement=True` a single integer key without FKs must be
/// declared inline, so the table-level PRIMARY KEY is dropped.
fn inline_autoincrement(t: &Table, col: &Column) -> bool {
    t.sqlite_autoincrement
        && t.primary_key().columns.len() == 1
        && t.is_pk(col)
        && col.type_.affinity() == Affinity::Integer
        && col.foreign_keys.is_empty()
}

fn constraint_prefix(name: &Option<String>) -> String {
    name.as_ref().map(|n| format!("CONSTRAINT {} ", quote(n))).unwrap_or_default()
}

fn quoted_list(cols: &[String]) -> String {
    cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
}

pub(crate) fn check_sql(c: &CheckConstraint) -> String {
    format!("{}CHECK ({})", constraint_prefix(&c.name), c.sqltext)
}

/// `FOREIGN KEY(a) REFERENCES t (id) ON DELETE ...`; `None` when the target is
/// in another schema (SQLite's compiler silently omits those).
pub(crate) fn foreign_key_sql(fk: &ForeignKeyConstraint) -> Option<String> {
    let mut remote_table = "";
    let mut remote_cols = Vec::new();
    for target in &fk.refcolumns {
        let (schema, table, col) = split_target(target);
        if schema.is_some() {
            return None;
        }
        remote_table = table;
        remote_cols.push(col.to_string());
    }
    let mut s = format!(
        "{}FOREIGN KEY({}) REFERENCES {} ({})",
        constraint_prefix(&fk.name),
        quoted_list(&fk.columns),
        quote(remote_table),
        quoted_list(&remote_cols)
    );
    s += &cascades_and_deferrability(&fk.ondelete, &fk.onupdate, fk.deferrable, &fk.initially);
    Some(s)
}

pub(crate) fn cascades_and_deferrability(
    ondelete: &Option<String>,
    onupdate: &Option<String>,
    deferrable: Option<bool>,
    initially: &Option<String>,
) -> String {
    let mut s = String::new();
    if let Some(d) = ondelete {
        s += &format!(" ON DELETE {d}");
    }
    if let Some(u) = onupdate {
        s += &format!(" ON UPDATE {u}");
    }
    match deferrable {
        Some(true) => s += " DEFERRABLE",
        Some(false) => s += " NOT DEFERRABLE",
        None => {}
    }
    if let Some(i) = initially {
        s += &format!(" INITIALLY {i}");
    }
    s
}

/// Constraint clauses in SQLAlchemy's creation order: primary key, explicit
/// constraints (built before the Table), then per column its `unique=True`
/// constraint, its type's CHECK and its ForeignKeys (made when attached).
fn table_constraints(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    let pk = t.primary_key();
    let pk_inline = pk.columns.len() == 1 && t.column(&pk.columns[0]).is_some_and(|c| inline_autoincrement(t, c));
    if !pk.columns.is_empty() && !pk_inline {
        out.push(format!("{}PRIMARY KEY ({})", constraint_prefix(&pk.name), quoted_list(&pk.columns)));
    }
    for c in &t.constraints {
        match c {
            Constraint::PrimaryKey(_) => {}
            Constraint::Unique(u) => out.push(format!("{}UNIQUE ({})", constraint_prefix(&u.name), quoted_list(&u.columns))),
            Constraint::Check(ck) => out.push(check_sql(ck)),
            Constraint::ForeignKey(fk) => out.extend(foreign_key_sql(fk)),
        }
    }
    for col in &t.columns {
        if col.unique && !col.index {
            out.push(format!("UNIQUE ({})", quote(&col.name)));
        }
        if let Some((name, sql)) = col.type_.type_check(&quote(&col.name)) {
            out.push(check_sql(&CheckConstraint { sqltext: sql, name }));
        }
        for fk in &col.foreign_keys {
            out.extend(foreign_key_sql(&ForeignKeyConstraint {
                columns: vec![col.name.clone()],
                refcolumns: vec![fk.target.clone()],
                name: fk.name.clone(),
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
                deferrable: fk.deferrable,
                initially: fk.initially.clone(),
            }));
        }
    }
    out
}

/// `CREATE TABLE` exactly as `CreateTable(t).compile(dialect=sqlite)` (stripped).
pub fn create_table(t: &Table) -> Result<String, CompileError> {
    let mut body = Vec::new();
    for col in &t.columns {
        let mut s = column_specification(col, Some(t))?;
        for ck in &col.constraints {
            s += " ";
            s += &check_sql(ck);
        }
        body.push(s);
    }
    body.extend(table_constraints(t));
    let mut options = Vec::new();
    if t.sqlite_with_rowid == Some(false) {
        options.push("WITHOUT ROWID");
    }
    if t.sqlite_strict {
        options.push("STRICT");
    }
    let post = if options.is_empty() { String::new() } else { format!("\n {}", options.join(",\n ")) };
    Ok(format!("CREATE TABLE {} (\n\t{}\n){post}", quote(&t.name), body.join(", \n\t")))
}

/// What `op.create_table` emits: the CREATE TABLE, then one CREATE INDEX per
/// index. (Alembic iterates a Python set here, so with several indexes real
/// output order is arbitrary; ours is column-derived then explicit.)
pub fn create_table_statements(t: &Table) -> Result<Vec<String>, CompileError> {
    let mut out = vec![create_table(t)?];
    out.extend(t.all_indexes().iter().map(create_index));
    Ok(out)
}

pub fn drop_table(name: &str) -> String {
    format!("DROP TABLE {}", quote(name))
}

/// `op.drop_table(..., if_exists=True)`.
pub fn drop_table_if_exists(name: &str) -> String {
    format!("DROP TABLE IF EXISTS {}", quote(name))
}

/// `op.create_index(..., if_not_exists=True)`.
pub fn create_index_if_not_exists(ix: &Index) -> String {
    create_index(ix).replacen("INDEX ", "INDEX IF NOT EXISTS ", 1)
}

/// `op.drop_index(..., if_exists=True)`.
pub fn drop_index_if_exists(name: &str) -> String {
    format!("DROP INDEX IF EXISTS {}", quote(name))
}

pub fn create_index(ix: &Index) -> String {
    let exprs: Vec<String> = ix
        .expressions
        .iter()
        .map(|e| match e {
            IndexExpr::Column(c) => quote(c),
            IndexExpr::Text(t) => t.clone(),
        })
        .collect();
    let mut s = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if ix.unique { "UNIQUE " } else { "" },
        quote(&ix.name),
        quote(&ix.table),
        exprs.join(", ")
    );
    if let Some(w) = &ix.sqlite_where {
        s += &format!(" WHERE {w}");
    }
    s
}

pub fn drop_index(name: &str) -> String {
    format!("DROP INDEX {}", quote(name))
}
