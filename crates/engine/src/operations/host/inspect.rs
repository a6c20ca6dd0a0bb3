//! `sa.inspect(bind)` / `Inspector.from_engine(bind)`: SQLAlchemy 2.1's SQLite Inspector on
//! the migration's connection. Each method returns what SQLAlchemy's dialect returns (the
//! same dicts, keys in its order, lists in its order), read from PRAGMA rows and the
//! table's `sqlite_master.sql` (through `reflect::reflect_live`).

use std::cell::RefCell;
use std::rc::Rc;

use pylite::eval::{CallContext, EvalError, HostObject, Value};
use sqlschema::reflect::inspect_type;
use sqlschema::{Constraint, SqlType};

use super::args::bind;
use super::bind::Connection;
use super::reflect::reflect_live;
use super::sa::SaObj;
use super::{downcast, obj, unsupported, Session};
use crate::runtime::SqlValue;

#[derive(Debug)]
pub struct Inspector {
    pub session: Rc<Session>,
    pub method: Option<&'static str>,
}

const METHODS: &[&str] = &[
    "get_table_names",
    "get_view_names",
    "has_table",
    "get_columns",
    "get_pk_constraint",
    "get_foreign_keys",
    "get_indexes",
    "get_unique_constraints",
    "get_check_constraints",
];

/// `sa.inspect(x)`: an Inspector for a connection (or its engine); SQLAlchemy's error otherwise.
pub fn inspect(args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    let b = bind("inspect", &["subject", "raiseerr"], false, args, kwargs, cx)?;
    let subject = b.required("subject", cx)?;
    let session = match (downcast::<Connection>(subject), downcast::<super::bind::Engine>(subject)) {
        (Some(c), _) => &c.session,
        (_, Some(e)) => &e.session,
        _ => return Err(no_inspection(subject, cx)),
    };
    if session.offline {
        return Err(no_inspection(subject, cx));
    }
    Ok(obj(Inspector { session: session.clone(), method: None }))
}

fn no_inspection(subject: &Value, cx: &CallContext) -> EvalError {
    let class = match subject {
        Value::None => "NoneType".to_string(),
        Value::Host(_) if downcast::<Connection>(subject).is_some() => "sqlalchemy.engine.mock.MockConnection".to_string(),
        v => v.type_name(),
    };
    cx.error(
        "eval-error",
        format!("sqlalchemy.exc.NoInspectionAvailable: No inspection system is available for object of type <class '{class}'>"),
    )
    .catchable("sqlalchemy.exc.NoInspectionAvailable")
}

fn dict(pairs: Vec<(&str, Value)>) -> Value {
    Value::Dict(Rc::new(RefCell::new(pairs.into_iter().map(|(k, v)| (Value::str(k), v)).collect())))
}

fn strs(v: &[String]) -> Value {
    Value::list(v.iter().map(|s| Value::str(s)).collect())
}

fn opt_str(v: &Option<String>) -> Value {
    v.as_deref().map(Value::str).unwrap_or(Value::None)
}

fn names(s: &Session, kind: &str, cx: &mut CallContext) -> Result<Vec<String>, EvalError> {
    let sql = format!("SELECT name FROM sqlite_master WHERE type='{kind}' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name");
    let rows = s.query(&sql, &[], cx)?.unwrap_or_default();
    Ok(rows.rows.iter().map(|r| if let SqlValue::Text(t) = &r[0] { t.clone() } else { String::new() }).collect())
}

fn exists(s: &Session, table: &str, cx: &mut CallContext) -> Result<bool, EvalError> {
    let q = format!("PRAGMA table_info(\"{}\")", table.replace('"', "\"\""));
    Ok(!s.query(&q, &[], cx)?.unwrap_or_default().rows.is_empty())
}

fn no_such_table(table: &str, cx: &CallContext) -> EvalError {
    cx.error("eval-error", format!("sqlalchemy.exc.NoSuchTableError: {table}")).catchable("sqlalchemy.exc.NoSuchTableError")
}

/// A reflected column type: usable as a type, printed as SQLAlchemy prints it.
pub fn inspected_type(declared: &str) -> Value {
    let t = inspect_type(declared);
    obj(SaObj::Reflected { type_: SqlType::Custom(t.text.clone()), repr: t.repr })
}

impl HostObject for Inspector {
    fn type_name(&self) -> String {
        match self.method {
            None => "sqlalchemy.engine.reflection.Inspector".into(),
            Some(m) => format!("method Inspector.{m}"),
        }
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self.method, METHODS.iter().find(|m| **m == name)) {
            (None, Some(m)) => Ok(obj(Inspector { session: self.session.clone(), method: Some(m) })),
            (None, None) if name == "bind" => Ok(obj(Connection { session: self.session.clone(), method: None })),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let Some(m) = self.method else {
            return Err(cx.error("type-error", "'Inspector' object is not callable").catchable("TypeError"));
        };
        let s = &self.session;
        let params: &[&str] = match m {
            "get_table_names" | "get_view_names" => &["schema"],
            _ => &["table_name", "schema"],
        };
        let b = bind(m, params, false, args, kwargs, cx)?;
        if b.some("schema").is_some() {
            return Err(unsupported(cx, &format!("Inspector.{m}(schema=...)")));
        }
        match m {
            "get_table_names" => return Ok(strs(&names(s, "table", cx)?)),
            "get_view_names" => return Ok(strs(&names(s, "view", cx)?)),
            _ => {}
        }
        let table = b.req_str("table_name", cx)?;
        let found = exists(s, &table, cx)?;
        if m == "has_table" {
            return Ok(Value::Bool(found));
        }
        if !found {
            return Err(no_such_table(&table, cx));
        }
        let q = format!("\"{}\"", table.replace('"', "\"\""));
        Ok(match m {
            "get_columns" => {
                let rows = s.query(&format!("PRAGMA table_info({q})"), &[], cx)?.unwrap_or_default();
                let text = |v: &SqlValue| match v {
                    SqlValue::Text(t) => Value::str(t),
                    SqlValue::Integer(i) => Value::str(&i.to_string()),
                    SqlValue::Real(f) => Value::str(&pylite::eval::repr_float(*f)),
                    _ => Value::None,
                };
                let int = |v: &SqlValue| if let SqlValue::Integer(i) = v { *i } else { 0 };
                let cols = rows.rows.iter().map(|r| {
                    let declared = if let SqlValue::Text(t) = &r[2] { t.clone() } else { String::new() };
                    dict(vec![
                        ("name", text(&r[1])),
                        ("type", inspected_type(&declared)),
                        ("nullable", Value::Bool(int(&r[3]) == 0)),
                        ("default", text(&r[4])),
                        ("primary_key", Value::Int(int(&r[5]))),
                    ])
                });
                Value::list(cols.collect())
            }
            _ => {
                let t = reflect_live(s, &table, cx)?;
                match m {
                    "get_pk_constraint" => {
                        match t.constraints.iter().find_map(|c| if let Constraint::PrimaryKey(p) = c { Some(p) } else { None }) {
                            Some(pk) => dict(vec![("constrained_columns", strs(&pk.columns)), ("name", opt_str(&pk.name))]),
                            None => dict(vec![("name", Value::None), ("constrained_columns", Value::list(Vec::new()))]),
                        }
                    }
                    "get_foreign_keys" => Value::list(
                        t.constraints
                            .iter()
                            .filter_map(|c| if let Constraint::ForeignKey(f) = c { Some(f) } else { None })
                            .map(|f| {
                                let referred = f.refcolumns.first().and_then(|r| r.rsplit_once('.')).map(|(t, _)| t).unwrap_or("");
                                let cols: Vec<String> =
                                    f.refcolumns.iter().map(|r| r.rsplit_once('.').map(|(_, c)| c).unwrap_or(r).to_string()).collect();
                                let mut options = Vec::new();
                                if let Some(d) = &f.ondelete {
                                    options.push(("ondelete", Value::str(d)));
                                }
                                if let Some(u) = &f.onupdate {
                                    options.push(("onupdate", Value::str(u)));
                                }
                                if let Some(d) = f.deferrable {
                                    options.push(("deferrable", Value::Bool(d)));
                                }
                                if let Some(i) = &f.initially {
                                    options.push(("initially", Value::str(i)));
                                }
                                dict(vec![
                                    ("name", opt_str(&f.name)),
                                    ("constrained_columns", strs(&f.columns)),
                                    ("referred_schema", Value::None),
                                    ("referred_table", Value::str(referred)),
                                    ("referred_columns", strs(&cols)),
                                    ("options", dict(options)),
                                ])
                            })
                            .collect(),
                    ),
                    "get_indexes" => {
                        let mut ixs: Vec<_> = t
                            .indexes
                            .iter()
                            .filter(|i| i.expressions.iter().all(|e| matches!(e, sqlschema::IndexExpr::Column(_))))
                            .collect();
                        sorting::sort_by(&mut ixs, |a, b| a.name.cmp(&b.name));
                        Value::list(
                            ixs.iter()
                                .map(|i| {
                                    let cols: Vec<String> = i
                                        .expressions
                                        .iter()
                                        .map(|e| if let sqlschema::IndexExpr::Column(c) = e { c.clone() } else { String::new() })
                                        .collect();
                                    let mut opts = Vec::new();
                                    if let Some(w) = &i.sqlite_where {
                                        opts.push(("sqlite_where", obj(SaObj::Text { sql: w.clone(), binds: Vec::new() })));
                                    }
                                    dict(vec![
                                        ("name", Value::str(&i.name)),
                                        ("column_names", strs(&cols)),
                                        ("unique", Value::Int(i.unique as i64)),
                                        ("dialect_options", dict(opts)),
                                    ])
                                })
                                .collect(),
                        )
                    }
                    "get_unique_constraints" => {
                        // Table-level UNIQUE (...) first, then inline column UNIQUEs (SQLAlchemy's two patterns).
                        let uqs: Vec<_> =
                            t.constraints.iter().filter_map(|c| if let Constraint::Unique(u) = c { Some(u) } else { None }).collect();
                        let (named, inline): (Vec<_>, Vec<_>) = uqs.into_iter().partition(|u| u.name.is_some() || u.columns.len() > 1);
                        Value::list(
                            named
                                .into_iter()
                                .chain(inline)
                                .map(|u| dict(vec![("name", opt_str(&u.name)), ("column_names", strs(&u.columns))]))
                                .collect(),
                        )
                    }
                    "get_check_constraints" => {
                        let mut cks: Vec<_> =
                            t.constraints.iter().filter_map(|c| if let Constraint::Check(k) = c { Some(k) } else { None }).collect();
                        sorting::sort_by(&mut cks, |a, b| a.name.as_deref().unwrap_or("~").cmp(b.name.as_deref().unwrap_or("~")));
                        Value::list(
                            cks.iter().map(|k| dict(vec![("sqltext", Value::str(&k.sqltext)), ("name", opt_str(&k.name))])).collect(),
                        )
                    }
                    _ => unreachable!("only METHODS are bound"),
                }
            }
        })
    }
    fn repr(&self) -> Option<String> {
        self.method.is_none().then(|| "<sqlalchemy.engine.reflection.Inspector object>".to_string())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
