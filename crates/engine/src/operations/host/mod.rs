//! The host side of the evaluator: the modules a revision file imports (`alembic.op`,
//! `sqlalchemy` and its submodules) and the session they share with the running migration.

pub mod args;
pub mod batch;
pub mod bind;
pub mod convert;
pub mod op;
pub mod reflect;
pub mod sa;
pub mod sa_schema;
pub mod sa_types;

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::Rc;

use diagnostics::Span;
use pylite::eval::{CallContext, EvalError, Host, HostObject, Value};

use crate::runtime::{QueryResult, SqlSink, SqlValue};

/// A statement the database refused: what `MigrationError` reports.
#[derive(Clone, Debug)]
pub struct SqlFailure {
    pub message: String,
    pub statement: Option<String>,
}

/// State shared by every `op` object of one script run: the sink statements go to, and the
/// failure (if any) that stopped the script.
pub struct Session {
    /// Set only while `Runner::run` holds the `&mut dyn SqlSink` (see `SinkGuard`).
    sink: Cell<Option<NonNull<dyn SqlSink>>>,
    pub failure: RefCell<Option<SqlFailure>>,
    pub offline: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session")
    }
}

/// Clears the session's sink pointer when the run ends, however it ends.
pub struct SinkGuard(pub Rc<Session>);

impl Drop for SinkGuard {
    fn drop(&mut self) {
        self.0.sink.set(None);
    }
}

impl Session {
    /// Host objects are `'static` (`Rc<dyn HostObject>`) but the sink is borrowed for one run,
    /// so the session keeps a lifetime-erased pointer that `SinkGuard` clears before the
    /// borrow ends; every host object is dropped with the interpreter inside that run.
    pub fn attach<'a>(sink: &'a mut (dyn SqlSink + 'a)) -> SinkGuard {
        let offline = sink.is_offline();
        let ptr: NonNull<dyn SqlSink + 'a> = NonNull::from(sink);
        // SAFETY: only the lifetime is erased; the pointer is used only while the guard lives,
        // and the guard is dropped before the `'a` borrow of the sink ends (see `Runner::run`).
        let ptr: NonNull<dyn SqlSink + 'static> = unsafe { std::mem::transmute(ptr) };
        let session = Session { sink: Cell::new(Some(ptr)), failure: RefCell::new(None), offline };
        SinkGuard(Rc::new(session))
    }

    fn with_sink<R>(&self, cx: &CallContext, f: impl FnOnce(&mut dyn SqlSink) -> R) -> Result<R, EvalError> {
        let Some(mut ptr) = self.sink.get() else {
            return Err(cx.error("eval-error", "the migration context is no longer available"));
        };
        // SAFETY: set by `attach` from a live `&mut`, cleared before that borrow ends; host
        // calls are not re-entrant, so no other reference to the sink is active here.
        Ok(f(unsafe { ptr.as_mut() }))
    }

    /// Executes (online) or prints (offline) one statement; a refusal is recorded and stops
    /// the script (not catchable: the transaction is rolled back anyway).
    pub fn execute(&self, sql: &str, params: &[SqlValue], cx: &CallContext) -> Result<usize, EvalError> {
        match self.with_sink(cx, |s| s.execute(sql, params))? {
            Ok(n) => Ok(n),
            Err(e) => Err(self.fail(e.to_string(), Some(sql), cx.span)),
        }
    }

    /// Runs a query online; `None` offline.
    pub fn query(&self, sql: &str, params: &[SqlValue], cx: &CallContext) -> Result<Option<QueryResult>, EvalError> {
        match self.with_sink(cx, |s| s.query(sql, params))? {
            None => Ok(None),
            Some(Ok(r)) => Ok(Some(r)),
            Some(Err(e)) => Err(self.fail(e.to_string(), Some(sql), cx.span)),
        }
    }

    /// Records a failure the way SQLAlchemy/Alembic would raise it and returns the located error.
    pub fn fail(&self, message: String, statement: Option<&str>, span: Span) -> EvalError {
        *self.failure.borrow_mut() = Some(SqlFailure { message: message.clone(), statement: statement.map(String::from) });
        EvalError::new("migration-failed", message, span)
    }
}

/// Resolves the imports of a revision file to host modules.
pub struct PyHost {
    pub session: Rc<Session>,
}

impl Host for PyHost {
    fn import(&mut self, module: &str) -> Option<Value> {
        match module {
            "alembic" => Some(obj(op::AlembicModule { session: self.session.clone() })),
            "alembic.op" => Some(obj(op::Op { session: self.session.clone(), method: None })),
            _ => sa::import(module),
        }
    }
}

/// Wraps a host object as a value.
pub fn obj<T: HostObject + 'static>(t: T) -> Value {
    Value::Host(Rc::new(t))
}

/// The host object behind a value, if it is one of ours of type `T`.
pub fn downcast<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Host(h) => h.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// An `unsupported` error naming the construct: valid Python, not available here.
pub fn unsupported(cx: &CallContext, what: &str) -> EvalError {
    EvalError::new("unsupported", format!("{what} is not supported here"), cx.span)
}
