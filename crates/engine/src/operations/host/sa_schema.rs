//! `sa.Column`, `sa.ForeignKey`, the constraint classes, `sa.Index`, and tables
//! (`sa.table`/`sa.column`, `sa.Table`, `op.create_table`'s argument list) as sqlschema models.

use pylite::eval::{CallContext, EvalError, Value};
use sqlschema::{
    CheckConstraint, Column, Constraint, ForeignKey, ForeignKeyConstraint, Index, IndexExpr, PrimaryKeyConstraint, ServerDefault, SqlType,
    Table, UniqueConstraint,
};

use super::args::{bind, name_of, names, Bound};
use super::sa::{expr_of, type_of, SaObj};
use super::{downcast, obj, unsupported};

/// Keywords SQLAlchemy accepts that change nothing in SQLite's DDL.
const COLUMN_IGNORED: &[&str] = &[
    "default",
    "onupdate",
    "server_onupdate",
    "doc",
    "info",
    "key",
    "quote",
    "system",
    "insert_default",
    "sort_order",
    "comment",
    "_omit_from_statements",
];

pub fn build(f: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    Ok(obj(match f {
        "Column" => SaObj::Column(column(args, kwargs, cx)?),
        "column" => {
            let b = bind(f, &["text", "type_"], false, args, kwargs, cx)?;
            let type_ = match b.some("type_") {
                Some(t) => type_of(t, cx).unwrap_or_else(|| Err(unsupported(cx, "this column type")))?,
                None => SqlType::Custom("NULL".into()),
            };
            SaObj::Column(Column::new(&b.req_str("text", cx)?, type_))
        }
        "ForeignKey" => {
            let b = bind(
                f,
                &["column", "_constraint", "use_alter", "name", "onupdate", "ondelete", "deferrable", "initially"],
                false,
                args,
                kwargs,
                cx,
            )?;
            b.no_extra(&["link_to_name", "match", "info", "comment"], cx)?;
            SaObj::ForeignKey(ForeignKey {
                target: b.req_str("column", cx)?,
                name: b.opt_str("name", cx)?,
                ondelete: b.opt_str("ondelete", cx)?,
                onupdate: b.opt_str("onupdate", cx)?,
                deferrable: b.some("deferrable").map(Value::truthy),
                initially: b.opt_str("initially", cx)?,
            })
        }
        "PrimaryKeyConstraint" | "UniqueConstraint" => {
            let b = bind(f, &[], true, args, kwargs, cx)?;
            let columns = b.rest.iter().map(|v| name_of(v, cx)).collect::<Result<Vec<_>, _>>()?;
            let name = extra_str(&b, "name", cx)?;
            SaObj::Constraint(if f == "UniqueConstraint" {
                Constraint::Unique(UniqueConstraint { columns, name })
            } else {
                Constraint::PrimaryKey(PrimaryKeyConstraint { columns, name })
            })
        }
        "CheckConstraint" => {
            let b = bind(f, &["sqltext", "name"], false, args, kwargs, cx)?;
            b.no_extra(&["info", "deferrable", "initially", "_create_rule", "_type_bound"], cx)?;
            SaObj::Constraint(Constraint::Check(CheckConstraint {
                sqltext: sql_text(b.required("sqltext", cx)?, cx)?,
                name: b.opt_str("name", cx)?,
            }))
        }
        "ForeignKeyConstraint" => {
            let b =
                bind(f, &["columns", "refcolumns", "name", "onupdate", "ondelete", "deferrable", "initially"], false, args, kwargs, cx)?;
            b.no_extra(&["use_alter", "link_to_name", "match", "info", "comment"], cx)?;
            SaObj::Constraint(Constraint::ForeignKey(ForeignKeyConstraint {
                columns: names(b.required("columns", cx)?, cx)?,
                refcolumns: names(b.required("refcolumns", cx)?, cx)?,
                name: b.opt_str("name", cx)?,
                ondelete: b.opt_str("ondelete", cx)?,
                onupdate: b.opt_str("onupdate", cx)?,
                deferrable: b.some("deferrable").map(Value::truthy),
                initially: b.opt_str("initially", cx)?,
            }))
        }
        "Index" => {
            let b = bind(f, &["name"], true, args, kwargs, cx)?;
            let mut ix = index_of(b.req_str("name", cx)?, "", &b.rest, cx)?;
            for (k, v) in &b.extra {
                match k.as_str() {
                    "unique" => ix.unique = v.truthy(),
                    "sqlite_where" => ix.sqlite_where = Some(sql_text(v, cx)?),
                    "info" | "quote" => {}
                    _ => return Err(unsupported(cx, &format!("Index({k}=...)"))),
                }
            }
            SaObj::Index(ix)
        }
        "table" | "Table" => {
            let b = bind(f, &["name"], true, args, kwargs, cx)?;
            let items: Vec<Value> = b.rest.iter().filter(|v| !matches!(downcast::<SaObj>(v), Some(SaObj::MetaData))).cloned().collect();
            SaObj::Table(table(&b.req_str("name", cx)?, &items, &b.extra, cx)?)
        }
        _ => return Err(unsupported(cx, &format!("sqlalchemy.{f}"))),
    }))
}

fn extra_str(b: &Bound, key: &str, cx: &CallContext) -> Result<Option<String>, EvalError> {
    for (k, v) in &b.extra {
        if k == key {
            return if matches!(v, Value::None) { Ok(None) } else { name_of(v, cx).map(Some) };
        }
        if !matches!(k.as_str(), "deferrable" | "initially" | "info" | "sqlite_on_conflict") {
            return Err(unsupported(cx, &format!("{k}=...")));
        }
    }
    Ok(None)
}

/// A SQL fragment: a plain string or `text()`.
pub fn sql_text(v: &Value, cx: &CallContext) -> Result<String, EvalError> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => match downcast::<SaObj>(v) {
            Some(SaObj::Text { sql, .. }) => Ok(sql.clone()),
            _ => Err(cx.error("type-error", format!("expected SQL text, got {}", v.type_name())).catchable("TypeError")),
        },
    }
}

/// `Index(name, *elements)` on `table`: names become columns, `text()` stays an expression.
pub fn index_of(name: String, table: &str, elements: &[Value], cx: &CallContext) -> Result<Index, EvalError> {
    let mut expressions = Vec::new();
    for e in elements {
        expressions.push(match downcast::<SaObj>(e) {
            Some(SaObj::Text { sql, .. }) => IndexExpr::Text(sql.clone()),
            _ => IndexExpr::Column(name_of(e, cx)?),
        });
    }
    Ok(Index { name, table: table.into(), expressions, unique: false, sqlite_where: None })
}

fn column(args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Column, EvalError> {
    let b = bind("Column", &[], true, args, kwargs, cx)?;
    let mut rest = b.rest.iter();
    let name = match rest.next() {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(unsupported(cx, "Column() without a name as its first argument")),
    };
    let mut col = Column::new(&name, SqlType::Custom("NULL".into()));
    for v in rest {
        if let Some(t) = type_of(v, cx) {
            col.type_ = t?;
            continue;
        }
        match downcast::<SaObj>(v) {
            Some(SaObj::ForeignKey(fk)) => col.foreign_keys.push(fk.clone()),
            Some(SaObj::Constraint(Constraint::Check(ck))) => col.constraints.push(ck.clone()),
            _ => return Err(unsupported(cx, &format!("a {} as a Column argument", v.type_name()))),
        }
    }
    for (k, v) in &b.extra {
        match k.as_str() {
            "type_" => col.type_ = type_of(v, cx).unwrap_or_else(|| Err(unsupported(cx, "this column type")))?,
            "nullable" => col.nullable = if matches!(v, Value::None) { None } else { Some(v.truthy()) },
            "primary_key" => col.primary_key = v.truthy(),
            "unique" => col.unique = v.truthy(),
            "index" => col.index = v.truthy(),
            "autoincrement" => {
                col.autoincrement = match v {
                    Value::Bool(b) => Some(*b),
                    _ => None,
                }
            }
            "server_default" => col.server_default = server_default(v, cx)?,
            "comment" => col.comment = super::args::name_of(v, cx).ok(),
            k if COLUMN_IGNORED.contains(&k) => {}
            _ => return Err(unsupported(cx, &format!("Column({k}=...)"))),
        }
    }
    Ok(col)
}

/// `server_default=`: a string is a quoted literal, `text()`/`func`/`true()` are SQL.
pub fn server_default(v: &Value, cx: &CallContext) -> Result<Option<ServerDefault>, EvalError> {
    match v {
        Value::None => Ok(None),
        Value::Str(s) => Ok(Some(ServerDefault::String(s.to_string()))),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Err(cx
            .error("argument-error", format!("(sqlalchemy.exc.ArgumentError) Argument 'arg' is expected to be one of type '<class 'str'>' or '<class 'sqlalchemy.sql.elements.ClauseElement'>' or '<class 'sqlalchemy.sql.elements.TextClause'>', got '{}'", v.type_name()))),
        _ => expr_of(v, cx).map(Some),
    }
}

/// A table from columns, constraints and indexes in declaration order (`Table(...)`,
/// `op.create_table(...)`); keywords are the `sqlite_*` options.
pub fn table(name: &str, items: &[Value], kw: &[(String, Value)], cx: &CallContext) -> Result<Table, EvalError> {
    let mut t = Table::new(name, Vec::new());
    for v in items {
        match downcast::<SaObj>(v) {
            Some(SaObj::Column(c)) => t.columns.push(c.clone()),
            Some(SaObj::Constraint(c)) => t.constraints.push(c.clone()),
            Some(SaObj::Index(i)) => t.indexes.push(Index { table: name.into(), ..i.clone() }),
            _ => return Err(unsupported(cx, &format!("a {} in a table definition", v.type_name()))),
        }
    }
    for (k, v) in kw {
        match k.as_str() {
            "sqlite_autoincrement" => t.sqlite_autoincrement = v.truthy(),
            "sqlite_with_rowid" => t.sqlite_with_rowid = Some(v.truthy()),
            "sqlite_strict" => t.sqlite_strict = v.truthy(),
            "comment" | "info" | "keep_existing" | "extend_existing" => {}
            "schema" if matches!(v, Value::None) => {}
            _ => return Err(unsupported(cx, &format!("a table's {k}=..."))),
        }
    }
    Ok(t)
}
