//! SQLAlchemy Core in a build without the `sa-core` feature (the page's, whose download has
//! no room for it): `sa_core.rs`'s entry points, each refusing with one message that names
//! what is left out and that the CLI runs it. The names still import (`from sqlalchemy
//! import select` works; calling it fails), so a revision file fails where it uses Core.

use pylite::eval::{left_out, CallContext, EvalError, Operator, Value};
use sqlschema::{Column, ServerDefault, Table};

use super::downcast;
use super::sa::SaObj;

/// `sa.select`, `sa.and_`, ...: they import, and calling one says it is left out.
pub const FACTORIES: &[&str] = super::sa::CORE_FACTORIES;

fn core(what: &str, cx: &CallContext) -> EvalError {
    left_out(&format!("{what} (SQLAlchemy Core)"), cx.span)
}

pub fn is_core(v: &Value) -> bool {
    matches!(downcast::<SaObj>(v), Some(SaObj::Column(_)))
}

pub fn factory(f: &str, _: Vec<Value>, _: Vec<(String, Value)>, cx: &CallContext) -> Result<Value, EvalError> {
    Err(core(&format!("sqlalchemy.{f}()"), cx))
}

pub fn func(name: &str, _: &[Value], cx: &CallContext) -> Result<Value, EvalError> {
    Err(core(&format!("func.{name}() over columns"), cx))
}

pub fn table_attr(_: &Table, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    Err(core(&format!("Table.{name}"), cx))
}

pub fn column_attr(_: &Column, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    Err(core(&format!("Column.{name}"), cx))
}

pub fn default_attr(_: &ServerDefault, name: &str, cx: &CallContext) -> Result<Value, EvalError> {
    Err(core(&format!("ColumnElement.{name}"), cx))
}

pub fn column_operator(_: &Column, op: Operator, _: Option<&Value>, _: bool, cx: &mut CallContext) -> Option<Result<Value, EvalError>> {
    Some(Err(core(&format!("the operator '{}' on a column", symbol(op)), cx)))
}

pub fn default_operator(
    _: &ServerDefault,
    op: Operator,
    _: Option<&Value>,
    _: bool,
    cx: &mut CallContext,
) -> Option<Result<Value, EvalError>> {
    Some(Err(core(&format!("the operator '{}' on a SQL expression", symbol(op)), cx)))
}

fn symbol(op: Operator) -> &'static str {
    match op {
        Operator::Bin(o) => o.symbol(),
        Operator::Cmp(o) => o.symbol(),
        Operator::Unary(o) => o.symbol(),
    }
}
