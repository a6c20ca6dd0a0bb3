//! SQLAlchemy Core as revision files use it: `table.c.x` and column operators building
//! expressions, `select`/`insert`/`update`/`delete` with their builder methods, `and_`,
//! `or_`, `not_`, `bindparam`, `literal`, `cast`, `case`; executed through `op.execute` or
//! `conn.execute`. The SQL text is sqlschema's (`sqlschema::expr`).

use std::rc::Rc;

use pylite::ast::{BinOp, CmpOp, UnaryOp};
use pylite::eval::{CallContext, EvalError, HostObject, Operator, Value};
use sqlschema::expr::{self, BinaryOp, Bind, Delete, Expr, InItems, Insert, Select, Statement, TableRef, Update};
use sqlschema::{Column, ServerDefault, SqlType, Table};

use super::args::{bind, items};
use super::convert::{to_literal, to_sql};
use super::sa::{type_of, SaObj};
use super::{downcast, obj, unsupported, Session};
use crate::runtime::{QueryResult, SqlValue};

/// A Core object: an expression, a statement, a table's column collection, or a bound method.
#[derive(Debug, Clone)]
pub enum CoreObj {
    Expr(Expr),
    Stmt(Statement),
    /// `table.c`
    Columns(TableRef),
    Method(Rc<CoreObj>, &'static str),
}

/// `sa.select`, `sa.and_`, ...: the factories this file provides.
pub const FACTORIES: &[&str] = super::sa::CORE_FACTORIES;

pub fn table_ref(t: &Table) -> TableRef {
    TableRef::of(t)
}

fn type_err(cx: &CallContext, msg: String) -> EvalError {
    cx.error("type-error", msg).catchable("TypeError")
}

fn argument_error(cx: &CallContext, msg: impl Into<String>) -> EvalError {
    cx.error("argument-error", format!("sqlalchemy.exc.ArgumentError: {}", msg.into())).catchable("Exception")
}

/// `v` as a SQL expression; a Python value is bound with `hint`'s type. `None` is NULL and
/// a bool `true()`/`false()` (`compare`), or bound values (`!compare`, as in `values()`).
pub fn to_expr(v: &Value, hint: Option<&SqlType>, compare: bool, cx: &CallContext) -> Result<Expr, EvalError> {
    let param = |value| Ok(Expr::Param { value, type_: hint.cloned() });
    match v {
        Value::None if compare => Ok(Expr::Null),
        Value::Bool(b) if compare => Ok(Expr::Bool(*b)),
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => param(to_literal(v, cx)?),
        _ => {
            if let Some(c) = downcast::<CoreObj>(v) {
                return match c {
                    CoreObj::Expr(e) => Ok(e.clone()),
                    CoreObj::Stmt(Statement::Select(s)) => Ok(Expr::Subquery(s.clone())),
                    _ => Err(argument_error(cx, format!("SQL expression element expected, got {}", v.type_name()))),
                };
            }
            match downcast::<SaObj>(v) {
                Some(SaObj::Column(c)) => Ok(Expr::Column { table: None, name: c.name.clone(), type_: c.type_.clone() }),
                Some(SaObj::Expr(d)) => Ok(server_default_expr(d)),
                Some(SaObj::Text { sql, .. }) => Ok(Expr::Raw(sql.clone())),
                _ => Err(argument_error(cx, format!("SQL expression element expected, got {}", v.repr()))),
            }
        }
    }
}

/// `func.now()`, `true()`, `literal_column(...)` as built for defaults, used in a statement.
pub fn server_default_expr(d: &ServerDefault) -> Expr {
    match d {
        ServerDefault::String(s) => Expr::Param { value: sqlschema::Value::Str(s.clone()), type_: None },
        ServerDefault::Text(s) | ServerDefault::LiteralColumn(s) if s == "NULL" => Expr::Null,
        ServerDefault::Text(s) | ServerDefault::LiteralColumn(s) => Expr::Raw(s.clone()),
        ServerDefault::Func { name, args } => Expr::Func { name: name.clone(), args: args.iter().map(server_default_expr).collect() },
        ServerDefault::True => Expr::Bool(true),
        ServerDefault::False => Expr::Bool(false),
    }
}

/// Whether `v` is a Core column expression (so `func.x(v)` is one too).
pub fn is_core(v: &Value) -> bool {
    downcast::<CoreObj>(v).is_some() || matches!(downcast::<SaObj>(v), Some(SaObj::Column(_)))
}

/// `func.<name>(*args)` over column expressions.
pub fn func(name: &str, args: &[Value], cx: &CallContext) -> Result<Value, EvalError> {
    let args = args.iter().map(|a| to_expr(a, None, false, cx)).collect::<Result<_, _>>()?;
    Ok(obj(CoreObj::Expr(Expr::Func { name: name.to_string(), args })))
}

/// A column-like operand's overload of a Python operator (`==`, `&`, `~`, `+`, ...).
pub fn operator(
    this: &Expr,
    op: Operator,
    other: Option<&Value>,
    reflected: bool,
    cx: &mut CallContext,
) -> Option<Result<Value, EvalError>> {
    let make = |e: Result<Expr, EvalError>| Some(e.map(|e| obj(CoreObj::Expr(e))));
    let other_expr = |compare: bool| to_expr(other.unwrap_or(&Value::None), this.type_(), compare, cx);
    let sides = |o: Expr| if reflected { (o, this.clone()) } else { (this.clone(), o) };
    let cmp = match op {
        Operator::Unary(UnaryOp::Invert) => return make(Ok(this.clone().negate())),
        Operator::Unary(_) => return None,
        Operator::Cmp(c) => c,
        Operator::Bin(b) => {
            let o = match other_expr(false) {
                Ok(o) => o,
                Err(e) => return Some(Err(e)),
            };
            let (left, right) = sides(o);
            return make(Ok(match b {
                BinOp::BitAnd => Expr::Clauses { and: true, items: flatten(true, vec![left, right]) },
                BinOp::BitOr => Expr::Clauses { and: false, items: flatten(false, vec![left, right]) },
                BinOp::Add if is_string(this) => Expr::Binary { left: Box::new(left), op: BinaryOp::Concat, right: Box::new(right) },
                BinOp::Add => Expr::Binary { left: Box::new(left), op: BinaryOp::Add, right: Box::new(right) },
                BinOp::Sub => Expr::Binary { left: Box::new(left), op: BinaryOp::Sub, right: Box::new(right) },
                BinOp::Mult => Expr::Binary { left: Box::new(left), op: BinaryOp::Mul, right: Box::new(right) },
                BinOp::Div => Expr::Binary { left: Box::new(left), op: BinaryOp::Div, right: Box::new(right) },
                BinOp::Mod => Expr::Binary { left: Box::new(left), op: BinaryOp::Mod, right: Box::new(right) },
                _ => return None,
            }));
        }
    };
    let op = match (cmp, reflected) {
        (CmpOp::Eq, _) => BinaryOp::Eq,
        (CmpOp::NotEq, _) => BinaryOp::Ne,
        (CmpOp::Lt, false) | (CmpOp::Gt, true) => BinaryOp::Lt,
        (CmpOp::LtE, false) | (CmpOp::GtE, true) => BinaryOp::Le,
        (CmpOp::Gt, false) | (CmpOp::Lt, true) => BinaryOp::Gt,
        (CmpOp::GtE, false) | (CmpOp::LtE, true) => BinaryOp::Ge,
        _ => return None,
    };
    // `5 == col` is `col = 5`: the column stays on the left, as SQLAlchemy reflects it.
    make(other_expr(true).map(|o| Expr::compare(this.clone(), op, o)))
}

fn is_string(e: &Expr) -> bool {
    matches!(e.type_(), Some(SqlType::String(_) | SqlType::Unicode(_) | SqlType::Text | SqlType::UnicodeText))
}

/// `and_(a, and_(b, c))` is `a AND b AND c`.
fn flatten(and: bool, items: Vec<Expr>) -> Vec<Expr> {
    let mut out = Vec::new();
    for e in items {
        match e {
            Expr::Clauses { and: a, items } if a == and => out.extend(items),
            e => out.push(e),
        }
    }
    out
}

/// The methods of a column expression.
const EXPR_METHODS: &[&str] = &[
    "in_",
    "not_in",
    "notin_",
    "is_",
    "is_not",
    "isnot",
    "like",
    "not_like",
    "notlike",
    "ilike",
    "not_ilike",
    "notilike",
    "label",
    "desc",
    "asc",
    "between",
    "contains",
    "startswith",
    "endswith",
    "cast",
    "is_distinct_from",
];

/// `col.<name>` for a column expression.
pub fn expr_attr(e: &Expr, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    if let Some(m) = EXPR_METHODS.iter().find(|m| **m == name) {
        return Ok(obj(CoreObj::Method(Rc::new(CoreObj::Expr(e.clone())), m)));
    }
    match (e, name) {
        (Expr::Column { name: n, .. } | Expr::Label { name: n, .. }, "name" | "key") => Ok(Value::str(n)),
        (Expr::Column { type_, .. }, "type") => Ok(obj(SaObj::Type(type_.clone()))),
        _ => Err(unsupported(cx, &format!("ColumnElement.{name}"))),
    }
}

fn expr_method(e: &Expr, m: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Expr, EvalError> {
    let hint = e.type_();
    let one = |param: &'static str, args: Vec<Value>, kwargs: Vec<(String, Value)>| -> Result<Value, EvalError> {
        let b = bind(m, &[param], false, args, kwargs, cx)?;
        Ok(b.required(param, cx)?.clone())
    };
    let binary = |op: BinaryOp, v: &Value, compare: bool| -> Result<Expr, EvalError> {
        Ok(Expr::compare(e.clone(), op, to_expr(v, hint, compare, cx)?))
    };
    let boxed = Box::new(e.clone());
    Ok(match m {
        "in_" | "not_in" | "notin_" => {
            let v = one("other", args, kwargs)?;
            let items = match downcast::<CoreObj>(&v) {
                Some(CoreObj::Stmt(Statement::Select(s))) => InItems::Select(s.clone()),
                _ => InItems::Values(super::args::items(&v, cx)?.iter().map(|x| to_expr(x, hint, false, cx)).collect::<Result<_, _>>()?),
            };
            Expr::In { expr: boxed, items, negate: m != "in_" }
        }
        "is_" => binary(BinaryOp::Is, &one("other", args, kwargs)?, true)?,
        "is_not" | "isnot" => binary(BinaryOp::IsNot, &one("other", args, kwargs)?, true)?,
        "like" => binary(BinaryOp::Like, &one("other", args, kwargs)?, false)?,
        "not_like" | "notlike" => binary(BinaryOp::NotLike, &one("other", args, kwargs)?, false)?,
        "ilike" => binary(BinaryOp::ILike, &one("other", args, kwargs)?, false)?,
        "not_ilike" | "notilike" => binary(BinaryOp::NotILike, &one("other", args, kwargs)?, false)?,
        "is_distinct_from" => return Err(unsupported(cx, "is_distinct_from()")),
        "contains" | "startswith" | "endswith" => {
            let v = to_expr(&one("other", args, kwargs)?, hint, false, cx)?;
            Expr::Group(Box::new(Expr::Affix { expr: boxed, value: Box::new(v), before: m != "startswith", after: m != "endswith" }))
        }
        "label" => {
            let b = bind(m, &["name"], false, args, kwargs, cx)?;
            Expr::Label { expr: boxed, name: b.req_str("name", cx)? }
        }
        "desc" | "asc" => {
            bind(m, &[], false, args, kwargs, cx)?;
            Expr::Order { expr: boxed, desc: m == "desc" }
        }
        "between" => {
            let b = bind(m, &["cleft", "cright", "symmetric"], false, args, kwargs, cx)?;
            Expr::Between {
                expr: boxed,
                low: Box::new(to_expr(b.required("cleft", cx)?, hint, false, cx)?),
                high: Box::new(to_expr(b.required("cright", cx)?, hint, false, cx)?),
            }
        }
        "cast" => {
            let b = bind(m, &["type_"], false, args, kwargs, cx)?;
            Expr::Cast { expr: boxed, type_: type_arg(b.required("type_", cx)?, cx)? }
        }
        _ => unreachable!("only EXPR_METHODS are bound"),
    })
}

fn type_arg(v: &Value, cx: &CallContext) -> Result<SqlType, EvalError> {
    type_of(v, cx).unwrap_or_else(|| Err(argument_error(cx, format!("a type is expected, got {}", v.repr()))))
}

/// `sa.select(...)`, `sa.and_(...)`, ...
pub fn factory(f: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    let exprs = |args: &[Value]| args.iter().map(|a| to_expr(a, None, true, cx)).collect::<Result<Vec<_>, _>>();
    let out = match f {
        "select" => {
            let b = bind(f, &[], true, args, kwargs, cx)?;
            b.no_extra(&[], cx)?;
            let mut s = Select::default();
            for a in &b.rest {
                s.columns.extend(select_columns(a, cx)?);
            }
            CoreObj::Stmt(Statement::Select(Box::new(s)))
        }
        "insert" | "update" | "delete" => {
            let b = bind(f, &["table"], false, args, kwargs, cx)?;
            CoreObj::Stmt(dml(f, &table_arg(b.required("table", cx)?, cx)?))
        }
        "and_" | "or_" => {
            let b = bind(f, &[], true, args, kwargs, cx)?;
            let and = f == "and_";
            CoreObj::Expr(Expr::Clauses { and, items: flatten(and, exprs(&b.rest)?) })
        }
        "not_" => {
            let b = bind(f, &["clause"], false, args, kwargs, cx)?;
            CoreObj::Expr(to_expr(b.required("clause", cx)?, None, true, cx)?.negate())
        }
        "bindparam" => {
            let b = bind(f, &["key", "value", "type_"], false, args, kwargs, cx)?;
            let value = b.some("value").map(|v| to_literal(v, cx)).transpose()?;
            CoreObj::Expr(Expr::Named { name: b.req_str("key", cx)?, value })
        }
        "literal" => {
            let b = bind(f, &["value", "type_", "literal_execute"], false, args, kwargs, cx)?;
            let type_ = b.some("type_").map(|t| type_arg(t, cx)).transpose()?;
            CoreObj::Expr(to_expr(b.required("value", cx)?, type_.as_ref(), false, cx)?)
        }
        "cast" => {
            let b = bind(f, &["expression", "type_"], false, args, kwargs, cx)?;
            let e = to_expr(b.required("expression", cx)?, None, false, cx)?;
            CoreObj::Expr(Expr::Cast { expr: Box::new(e), type_: type_arg(b.required("type_", cx)?, cx)? })
        }
        "desc" | "asc" => {
            let b = bind(f, &["column"], false, args, kwargs, cx)?;
            CoreObj::Expr(Expr::Order { expr: Box::new(to_expr(b.required("column", cx)?, None, true, cx)?), desc: f == "desc" })
        }
        "case" => {
            let b = bind(f, &[], true, args, kwargs, cx)?;
            let mut whens = Vec::new();
            for w in &b.rest {
                let pair = items(w, cx)?;
                let [cond, then] = &pair[..] else {
                    return Err(argument_error(cx, "case() takes (condition, value) tuples"));
                };
                whens.push((to_expr(cond, None, true, cx)?, to_expr(then, None, false, cx)?));
            }
            let mut else_ = None;
            for (k, v) in &b.extra {
                match k.as_str() {
                    "else_" => else_ = Some(Box::new(to_expr(v, None, false, cx)?)),
                    _ => return Err(unsupported(cx, &format!("case({k}=...)"))),
                }
            }
            CoreObj::Expr(Expr::Case { whens, else_ })
        }
        _ => return Err(unsupported(cx, &format!("sqlalchemy.{f}"))),
    };
    Ok(obj(out))
}

/// A statement's target: `sa.table(...)`, `sa.Table(...)`.
fn table_arg(v: &Value, cx: &CallContext) -> Result<TableRef, EvalError> {
    match downcast::<SaObj>(v) {
        Some(SaObj::Table(t)) => Ok(table_ref(t)),
        _ => Err(argument_error(cx, format!("subject table for an INSERT, UPDATE or DELETE expected, got {}", v.repr()))),
    }
}

fn dml(kind: &str, t: &TableRef) -> Statement {
    match kind {
        "insert" => Statement::Insert(Insert { table: t.clone(), rows: Vec::new() }),
        "update" => Statement::Update(Update { table: t.clone(), values: Vec::new(), where_: Vec::new() }),
        _ => Statement::Delete(Delete { table: t.clone(), where_: Vec::new() }),
    }
}

/// `select(t)` selects every column of `t`; anything else is one column.
fn select_columns(v: &Value, cx: &CallContext) -> Result<Vec<Expr>, EvalError> {
    if let Some(SaObj::Table(t)) = downcast::<SaObj>(v) {
        return Ok(columns_of(&table_ref(t)));
    }
    if let Value::List(_) = v {
        return Err(argument_error(
            cx,
            "Column expression, FROM clause, or other columns clause element expected, got [...]. Did you mean to say select(...)?",
        ));
    }
    Ok(vec![to_expr(v, None, false, cx)?])
}

fn columns_of(t: &TableRef) -> Vec<Expr> {
    t.columns.iter().map(|(n, ty)| Expr::Column { table: Some(t.name.clone()), name: n.clone(), type_: ty.clone() }).collect()
}

/// `table.c`, `table.insert`, ... on a `sa.table`/`sa.Table`.
pub fn table_attr(t: &Table, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    let r = table_ref(t);
    Ok(match name {
        "c" | "columns" => obj(CoreObj::Columns(r)),
        "insert" | "update" | "delete" | "select" => {
            let m = match name {
                "insert" => "insert",
                "update" => "update",
                "delete" => "delete",
                _ => "select",
            };
            obj(CoreObj::Method(Rc::new(CoreObj::Columns(r)), m))
        }
        _ => return Err(unsupported(cx, &format!("Table.{name}"))),
    })
}

/// A bare `sa.column("x", type)` in an expression: unqualified.
fn column_expr(c: &Column) -> Expr {
    Expr::Column { table: None, name: c.name.clone(), type_: c.type_.clone() }
}

/// `col.<name>` on a `sa.column`/`sa.Column`.
pub fn column_attr(c: &Column, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    expr_attr(&column_expr(c), name, cx)
}

/// `expr.<name>` on `func.x()`, `literal_column(...)`, `true()`, ...
pub fn default_attr(d: &ServerDefault, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    expr_attr(&server_default_expr(d), name, cx)
}

/// A column's overload of a Python operator.
pub fn column_operator(
    c: &Column,
    op: Operator,
    other: Option<&Value>,
    reflected: bool,
    cx: &mut CallContext,
) -> Option<Result<Value, EvalError>> {
    operator(&column_expr(c), op, other, reflected, cx)
}

/// The overload of a Python operator on `func.x()`, `literal_column(...)`, ...
pub fn default_operator(
    d: &ServerDefault,
    op: Operator,
    other: Option<&Value>,
    reflected: bool,
    cx: &mut CallContext,
) -> Option<Result<Value, EvalError>> {
    operator(&server_default_expr(d), op, other, reflected, cx)
}

const STMT_METHODS: &[&str] = &[
    "where",
    "filter",
    "values",
    "order_by",
    "group_by",
    "limit",
    "offset",
    "distinct",
    "select_from",
    "scalar_subquery",
    "having",
    "join",
    "outerjoin",
    "returning",
    "execution_options",
];

fn column_of(t: &TableRef, name: &str) -> Option<Expr> {
    t.columns.iter().find(|(n, _)| n == name).map(|(n, ty)| Expr::Column {
        table: Some(t.name.clone()),
        name: n.clone(),
        type_: ty.clone(),
    })
}

impl HostObject for CoreObj {
    fn type_name(&self) -> String {
        match self {
            CoreObj::Expr(_) => "sqlalchemy.sql.elements.ColumnElement".into(),
            CoreObj::Stmt(Statement::Select(_)) => "sqlalchemy.sql.selectable.Select".into(),
            CoreObj::Stmt(Statement::Insert(_)) => "sqlalchemy.sql.dml.Insert".into(),
            CoreObj::Stmt(Statement::Update(_)) => "sqlalchemy.sql.dml.Update".into(),
            CoreObj::Stmt(Statement::Delete(_)) => "sqlalchemy.sql.dml.Delete".into(),
            CoreObj::Columns(_) => "sqlalchemy.sql.base.ReadOnlyColumnCollection".into(),
            CoreObj::Method(_, m) => format!("method {m}"),
        }
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match self {
            CoreObj::Expr(e) => expr_attr(e, name, cx),
            CoreObj::Columns(t) => match column_of(t, name) {
                Some(e) => Ok(obj(CoreObj::Expr(e))),
                None => Err(cx.error("attribute-error", format!("AttributeError: {name}")).catchable("AttributeError")),
            },
            CoreObj::Stmt(_) => match STMT_METHODS.iter().find(|m| **m == name) {
                Some(m) => Ok(obj(CoreObj::Method(Rc::new(self.clone()), m))),
                None => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
            },
            CoreObj::Method(..) => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }

    fn get_item(&self, key: &Value, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self, key) {
            (CoreObj::Columns(t), Value::Str(k)) => match column_of(t, k) {
                Some(e) => Ok(obj(CoreObj::Expr(e))),
                None => Err(cx.error("key-error", format!("KeyError: {}", key.repr())).catchable("KeyError")),
            },
            _ => Err(type_err(cx, format!("'{}' object is not subscriptable", self.type_name()))),
        }
    }

    fn iterate(&self, cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        match self {
            CoreObj::Columns(t) => Ok(columns_of(t).into_iter().map(|e| obj(CoreObj::Expr(e))).collect()),
            _ => Err(type_err(cx, format!("'{}' object is not iterable", self.type_name()))),
        }
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let CoreObj::Method(this, m) = self else {
            return Err(type_err(cx, format!("'{}' object is not callable", self.type_name())));
        };
        let out = match (&**this, *m) {
            (CoreObj::Expr(e), m) => CoreObj::Expr(expr_method(e, m, args, kwargs, cx)?),
            (CoreObj::Columns(t), "select") => {
                bind(m, &[], false, args, kwargs, cx)?;
                CoreObj::Stmt(Statement::Select(Box::new(Select { columns: columns_of(t), ..Select::default() })))
            }
            (CoreObj::Columns(t), kind) => {
                bind(kind, &[], false, args, kwargs, cx)?;
                CoreObj::Stmt(dml(kind, t))
            }
            (CoreObj::Stmt(s), m) => return stmt_method(s, m, args, kwargs, cx),
            (CoreObj::Method(..), _) => unreachable!("methods are bound to objects"),
        };
        Ok(obj(out))
    }

    fn operator(&self, op: Operator, other: Option<&Value>, reflected: bool, cx: &mut CallContext) -> Option<Result<Value, EvalError>> {
        match self {
            CoreObj::Expr(e) => operator(e, op, other, reflected, cx),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `stmt.where(...)`, `.values(...)`, ...: a new statement, as SQLAlchemy's are generative.
fn stmt_method(s: &Statement, m: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    let mut s = s.clone();
    let clauses = |args: &[Value]| args.iter().map(|a| to_expr(a, None, true, cx)).collect::<Result<Vec<_>, _>>();
    let bad = || unsupported(cx, &format!("{m}() on this statement"));
    match (&mut s, m) {
        (Statement::Select(q), "where" | "filter") => q.where_.extend(where_exprs(clauses(&args)?)),
        (Statement::Update(u), "where") => u.where_.extend(where_exprs(clauses(&args)?)),
        (Statement::Delete(d), "where") => d.where_.extend(where_exprs(clauses(&args)?)),
        (Statement::Select(q), "order_by") => q.order_by.extend(order_exprs(&args, q, cx)?),
        (Statement::Select(q), "group_by") => q.group_by.extend(order_exprs(&args, q, cx)?),
        (Statement::Select(q), "limit" | "offset") => {
            let b = bind(m, &["limit"], false, args, kwargs, cx)?;
            let v = b.required("limit", cx)?;
            let e = match v {
                Value::None => None,
                _ => Some(to_expr(v, Some(&SqlType::Integer), false, cx)?),
            };
            if m == "limit" {
                q.limit = e;
            } else {
                q.offset = e;
            }
            return Ok(obj(CoreObj::Stmt(s)));
        }
        (Statement::Select(q), "distinct") => {
            if !args.is_empty() {
                return Err(unsupported(cx, "distinct(*expr)"));
            }
            q.distinct = true;
        }
        (Statement::Select(q), "select_from") => {
            for a in &args {
                match downcast::<SaObj>(a) {
                    Some(SaObj::Table(t)) if !q.from.contains(&t.name) => q.from.push(t.name.clone()),
                    Some(SaObj::Table(_)) => {}
                    _ => return Err(unsupported(cx, &format!("select_from() of a {}", a.type_name()))),
                }
            }
        }
        (Statement::Select(q), "having") => q.having.extend(clauses(&args)?),
        (Statement::Select(q), "join" | "outerjoin") => {
            let b = bind(m, &["target", "onclause", "isouter", "full"], false, args, kwargs, cx)?;
            let table = match downcast::<SaObj>(b.required("target", cx)?) {
                Some(SaObj::Table(t)) => t.name.clone(),
                _ => return Err(unsupported(cx, "join() to anything but a table")),
            };
            let Some(on) = b.some("onclause") else {
                return Err(unsupported(cx, "join() without an ON clause"));
            };
            if b.flag("full", false) {
                return Err(unsupported(cx, "a FULL OUTER JOIN (SQLite before 3.39)"));
            }
            let outer = m == "outerjoin" || b.flag("isouter", false);
            q.joins.push(expr::Join { table, on: to_expr(on, None, true, cx)?, outer });
            return Ok(obj(CoreObj::Stmt(s)));
        }
        (Statement::Select(q), "scalar_subquery") => return Ok(obj(CoreObj::Expr(Expr::Subquery(q.clone())))),
        (Statement::Insert(i), "values") => {
            let rows = values_rows(args, kwargs, &i.table, true, cx)?;
            i.rows.extend(rows);
            return Ok(obj(CoreObj::Stmt(s)));
        }
        (Statement::Update(u), "values") => {
            let mut rows = values_rows(args, kwargs, &u.table, false, cx)?;
            if rows.len() != 1 {
                return Err(argument_error(cx, "UPDATE construct does not support multiple parameter sets."));
            }
            for (k, v) in rows.remove(0) {
                u.values.retain(|(n, _)| *n != k);
                u.values.push((k, v));
            }
            return Ok(obj(CoreObj::Stmt(s)));
        }
        (_, "execution_options") => return Ok(obj(CoreObj::Stmt(s))),
        _ => return Err(bad()),
    }
    if !kwargs.is_empty() {
        return Err(bad());
    }
    Ok(obj(CoreObj::Stmt(s)))
}

/// A boolean column on its own in WHERE is `col = 1` on SQLite.
fn where_exprs(items: Vec<Expr>) -> Vec<Expr> {
    items
        .into_iter()
        .map(|e| match e {
            Expr::Column { type_: SqlType::Boolean { .. }, .. } => {
                Expr::Binary { left: Box::new(e), op: BinaryOp::Eq, right: Box::new(Expr::Bool(true)) }
            }
            e => e,
        })
        .collect()
}

/// ORDER BY / GROUP BY items: expressions, or a column's name as a string.
fn order_exprs(args: &[Value], q: &Select, cx: &CallContext) -> Result<Vec<Expr>, EvalError> {
    args.iter()
        .map(|a| match a {
            Value::Str(name) => {
                let found = q.columns.iter().find_map(|c| match c {
                    Expr::Column { name: n, .. } | Expr::Label { name: n, .. } if **n == **name => Some(c.clone()),
                    _ => None,
                });
                Ok(match found {
                    Some(Expr::Label { name, .. }) => Expr::Raw(sqlschema::quoting::quote(&name)),
                    Some(c) => c,
                    None => Expr::Raw(name.to_string()),
                })
            }
            _ => to_expr(a, None, false, cx),
        })
        .collect()
}

/// `values(a=1)`, `values({"a": 1})`, `values([{...}, {...}])` (INSERT only): rows of
/// column → expression, each value typed by its column.
fn values_rows(
    args: Vec<Value>,
    kwargs: Vec<(String, Value)>,
    t: &TableRef,
    many: bool,
    cx: &CallContext,
) -> Result<Vec<Vec<(String, Expr)>>, EvalError> {
    let row = |pairs: Vec<(String, Value)>| -> Result<Vec<(String, Expr)>, EvalError> {
        pairs
            .into_iter()
            .map(|(k, v)| {
                let hint = t.columns.iter().find(|(n, _)| *n == k).map(|(_, ty)| ty);
                Ok((k, to_expr(&v, hint, false, cx)?))
            })
            .collect()
    };
    match (args.as_slice(), kwargs.is_empty()) {
        ([], _) => Ok(vec![row(kwargs)?]),
        ([Value::Dict(_)], true) => Ok(vec![row(super::convert::dict_pairs(&args[0], cx)?)?]),
        ([Value::List(_)], true) if many => {
            items(&args[0], cx)?.iter().map(|d| row(super::convert::dict_pairs(d, cx)?)).collect::<Result<Vec<_>, _>>()
        }
        _ => Err(unsupported(cx, "values() with these arguments")),
    }
}

/// What a Core statement did: rows (a SELECT online), rows changed, or printed (offline).
pub enum Executed {
    Rows(QueryResult, Vec<String>, Vec<Option<SqlType>>),
    Count(usize),
    Offline,
}

/// Runs (online) or prints (offline, values inline) a Core statement, once per group of
/// execution parameters (`conn.execute(stmt, [{...}, {...}])` is executemany).
pub fn execute(s: &Session, stmt: &Statement, groups: &[Vec<(String, Value)>], cx: &mut CallContext) -> Result<Executed, EvalError> {
    let stmt = complete(stmt, groups.first().map(Vec::as_slice).unwrap_or(&[]));
    let compiled = expr::compile(&stmt, s.offline).map_err(|e| s.fail(format!("sqlalchemy.exc.CompileError: {}", e.0), None, cx.span))?;
    if s.offline {
        s.execute(&compiled.sql, &[], cx)?;
        return Ok(Executed::Offline);
    }
    let one = [Vec::new()];
    let groups = if groups.is_empty() { &one[..] } else { groups };
    let mut count = 0;
    for (n, g) in groups.iter().enumerate() {
        let mut params = Vec::with_capacity(compiled.binds.len());
        for b in &compiled.binds {
            let v = match b {
                Bind::Value(v, t) => lit_to_sql(v, t.as_ref()),
                Bind::Named(name, default) => match (g.iter().find(|(k, _)| k == name), default) {
                    (Some((_, v)), _) => to_sql(v, cx)?,
                    (None, Some(v)) => lit_to_sql(v, None),
                    (None, None) => {
                        let group = if groups.len() > 1 { format!(", in parameter group {n}") } else { String::new() };
                        let msg = format!("(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{name}'{group}");
                        return Err(s.fail(msg, Some(&compiled.sql), cx.span));
                    }
                },
            };
            params.push(v);
        }
        if let Statement::Select(q) = &stmt {
            let rows = s.query(&compiled.sql, &params, cx)?.unwrap_or_default();
            return Ok(Executed::Rows(rows, compiled.columns, q.columns.iter().map(|c| c.type_().cloned()).collect()));
        }
        count += s.execute(&compiled.sql, &params, cx)?;
    }
    Ok(Executed::Count(count))
}

/// An INSERT without `values()` takes its columns from the execution's parameters, and an
/// UPDATE its SET clause from those that are columns and not bindparam names.
fn complete(stmt: &Statement, params: &[(String, Value)]) -> Statement {
    let named = |k: &str| Expr::Named { name: k.to_string(), value: None };
    let mut stmt = stmt.clone();
    match &mut stmt {
        Statement::Insert(i) if i.rows.is_empty() && !params.is_empty() => {
            i.rows.push(params.iter().map(|(k, _)| (k.clone(), named(k))).collect());
        }
        Statement::Update(u) if u.values.is_empty() => {
            let bound = expr::compile(&Statement::Update(u.clone()), false).map(|c| c.binds).unwrap_or_default();
            let is_bind = |k: &str| bound.iter().any(|b| matches!(b, Bind::Named(n, _) if n == k));
            u.values = params
                .iter()
                .filter(|(k, _)| u.table.columns.iter().any(|(c, _)| c == k) && !is_bind(k))
                .map(|(k, _)| (k.clone(), named(k)))
                .collect();
        }
        _ => {}
    }
    stmt
}

/// A bound value as pysqlite receives it after the type's bind processor.
fn lit_to_sql(v: &sqlschema::Value, t: Option<&SqlType>) -> SqlValue {
    use sqlschema::Value as L;
    let integer = matches!(t, Some(SqlType::Integer | SqlType::BigInteger | SqlType::SmallInteger));
    match v {
        L::Null => SqlValue::Null,
        L::Bool(b) => SqlValue::Integer(*b as i64),
        L::Int(i) => SqlValue::Integer(*i as i64),
        L::Float(f) if integer => SqlValue::Integer(f.trunc() as i64),
        L::Float(f) => SqlValue::Real(*f),
        L::Str(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.render(None).trim_matches('\'').to_string()),
    }
}
