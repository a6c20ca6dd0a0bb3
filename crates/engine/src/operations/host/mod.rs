//! The host side of the evaluator: the modules a revision file imports (`alembic.op`,
//! `sqlalchemy` and its submodules) and the session they share with the running migration.

pub mod args;
pub mod batch;
pub mod bind;
pub mod convert;
pub mod inspect;
pub mod op;
pub mod reflect;
pub mod sa;
/// SQLAlchemy Core: the CLI's (the `sa-core` feature); the page's build has the stand-in
/// `sa_core_left_out.rs` in its place, with the same entry points refusing by name.
#[cfg(feature = "sa-core")]
pub mod sa_core;
#[cfg(not(feature = "sa-core"))]
#[path = "sa_core_left_out.rs"]
pub mod sa_core;
pub mod sa_schema;
pub mod sa_types;
/// `TypeDecorator` subclasses (the CLI's: classes deriving from host classes are pylite's
/// `stdlib` feature).
#[cfg(feature = "stdlib")]
pub mod type_decorator;
pub mod world;

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use diagnostics::Span;
use pylite::eval::{CallContext, EvalError, Host, HostObject, Value};

use crate::database::DatabaseError;
use crate::runtime::{QueryResult, SqlSink, SqlValue};

/// A statement the database refused: what `MigrationError` reports.
#[derive(Clone, Debug)]
pub struct SqlFailure {
    pub message: String,
    pub statement: Option<String>,
}

/// State shared by every `op` object of one script run: whether it is offline, and the
/// failure (if any) that stopped the script. The sink itself stays with `PyHost`, which the
/// interpreter hands to every host call (`CallContext::serve`).
pub struct Session {
    pub failure: RefCell<Option<SqlFailure>>,
    pub offline: bool,
    /// Savepoints `begin_nested()` opened so far: SQLAlchemy names them `sa_savepoint_<n>`.
    pub savepoints: std::cell::Cell<u32>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Session")
    }
}

/// A statement for the running migration's sink, sent by a host object through the call to
/// `PyHost::serve`.
struct SinkRequest {
    sql: String,
    params: Vec<SqlValue>,
    query: bool,
    reply: Option<Reply>,
}

enum Reply {
    Executed(Result<usize, DatabaseError>),
    Queried(Option<Result<QueryResult, DatabaseError>>),
}

impl Session {
    pub fn new(offline: bool) -> Session {
        Session { failure: RefCell::new(None), offline, savepoints: std::cell::Cell::new(0) }
    }

    fn send(&self, sql: &str, params: &[SqlValue], query: bool, cx: &mut CallContext) -> Result<Reply, EvalError> {
        let mut request = SinkRequest { sql: sql.to_string(), params: params.to_vec(), query, reply: None };
        match (cx.serve(&mut request), request.reply) {
            (true, Some(reply)) => Ok(reply),
            _ => Err(cx.error("eval-error", "the migration context is no longer available")),
        }
    }

    /// Executes (online) or prints (offline) one statement; a refusal is recorded and stops
    /// the script (not catchable: the transaction is rolled back anyway).
    pub fn execute(&self, sql: &str, params: &[SqlValue], cx: &mut CallContext) -> Result<usize, EvalError> {
        match self.send(sql, params, false, cx)? {
            Reply::Executed(Ok(n)) => Ok(n),
            Reply::Executed(Err(e)) => Err(self.fail_db(e, sql, cx.span)),
            Reply::Queried(_) => unreachable!("an execute is answered as one"),
        }
    }

    /// Runs a query online; `None` offline.
    pub fn query(&self, sql: &str, params: &[SqlValue], cx: &mut CallContext) -> Result<Option<QueryResult>, EvalError> {
        match self.send(sql, params, true, cx)? {
            Reply::Queried(None) => Ok(None),
            Reply::Queried(Some(Ok(r))) => Ok(Some(r)),
            Reply::Queried(Some(Err(e))) => Err(self.fail_db(e, sql, cx.span)),
            Reply::Executed(_) => unreachable!("a query is answered as one"),
        }
    }

    /// A statement SQLite refused: catchable as SQLAlchemy's class for pysqlite's (SQLite
    /// undoes only the failed statement, as under pysqlite); the engine's own refusals and
    /// budgets are not.
    fn fail_db(&self, e: DatabaseError, sql: &str, span: Span) -> EvalError {
        let class = match &e {
            DatabaseError::Sqlite { .. } => e.sqlalchemy_class(),
            _ => None,
        };
        let err = self.fail(e.to_string(), Some(sql), span);
        match class {
            Some(c) => err.catchable(c),
            None => err,
        }
    }

    /// Records a failure the way SQLAlchemy/Alembic would raise it and returns the located error;
    /// a message that starts with its exception class (`NotImplementedError: …`) is that
    /// class, as catchable as in Python, and ends Alembic's traceback.
    pub fn fail(&self, message: String, statement: Option<&str>, span: Span) -> EvalError {
        // (The page's build leaves the classes out: its console explains `FAILED:` lines.)
        let class = if cfg!(feature = "stdlib") { crate::command::traceback::class_prefix(&message).map(str::to_string) } else { None };
        *self.failure.borrow_mut() = Some(SqlFailure { message: message.clone(), statement: statement.map(String::from) });
        let error = EvalError::new("migration-failed", message, span);
        match class {
            Some(c) => error.catchable(&c),
            None => error,
        }
    }
}

/// Resolves the imports of a revision file to host modules, and lends the run's sink to
/// the host objects' calls.
pub struct PyHost<'s> {
    pub session: Rc<Session>,
    pub sink: &'s mut dyn SqlSink,
    /// The project's own modules, which imports find before anything else.
    pub modules: &'s super::modules::ProjectModules,
    /// The clock, randomness and log the script's standard library reaches.
    pub world: &'s mut world::ScriptWorld,
}

impl Host for PyHost<'_> {
    fn exception_derives(&self, raised: &str, handler: &str) -> bool {
        // The page's build (without `stdlib`) catches by the exact class only: its budget.
        cfg!(feature = "stdlib") && sa::exception_derives(raised, handler)
    }

    fn import(&mut self, module: &str) -> Option<Value> {
        match module {
            "alembic" => Some(obj(op::AlembicModule { session: self.session.clone() })),
            "alembic.op" => Some(obj(op::Op { session: self.session.clone(), method: None })),
            _ => sa::import(module),
        }
    }

    fn find_module(&mut self, module: &str) -> Option<pylite::eval::modules::Found> {
        self.modules.find(module)
    }

    // Only pylite's standard library asks for these (the `stdlib` feature): the page's
    // build keeps none of it.
    fn now(&mut self) -> Option<f64> {
        cfg!(feature = "stdlib").then(|| self.world.now()).flatten()
    }

    fn random(&mut self, buf: &mut [u8]) -> bool {
        cfg!(feature = "stdlib") && self.world.random(buf)
    }

    fn log(&mut self, logger: &str, level: u32, message: &str) {
        if cfg!(feature = "stdlib") {
            self.world.log(logger, level, message)
        }
    }

    fn serve(&mut self, request: &mut dyn Any) -> bool {
        let Some(r) = request.downcast_mut::<SinkRequest>() else { return false };
        r.reply = Some(if r.query {
            Reply::Queried(self.sink.query(&r.sql, &r.params))
        } else {
            Reply::Executed(self.sink.execute(&r.sql, &r.params))
        });
        true
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
