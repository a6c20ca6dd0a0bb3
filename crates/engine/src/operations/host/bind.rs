//! `op.get_bind()`: a connection whose `execute(sa.text(...), params)` runs at once and
//! returns a result (`fetchall`, `fetchone`, `scalar`, `first`, iteration) of rows usable
//! by position, attribute or `._mapping`. Offline it is Alembic's MockConnection: the
//! statement is printed and `execute` returns `None`.

use std::cell::Cell;
use std::rc::Rc;

use pylite::eval::{CallContext, EvalError, HostObject, Value};

use super::args::{bind, items};
use super::convert::{bind_value, dict_pairs, from_sql, rewrite_binds, to_sql};
use super::op::execute_text;
use super::sa::SaObj;
#[cfg(feature = "sa-core")]
use super::sa_core::{self, CoreObj, Executed};
use super::{downcast, obj, unsupported, Session};
use crate::runtime::QueryResult;
use sqlschema::SqlType;

#[derive(Debug)]
pub struct Connection {
    pub session: Rc<Session>,
    pub method: Option<&'static str>,
}

impl HostObject for Connection {
    fn type_name(&self) -> String {
        if self.session.offline { "sqlalchemy.engine.mock.MockConnection" } else { "sqlalchemy.engine.base.Connection" }.into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self.method, name) {
            (None, "execute") => Ok(obj(Connection { session: self.session.clone(), method: Some("execute") })),
            (None, "begin_nested") if !cfg!(feature = "sa-core") => Err(left_out_of_page("Connection.begin_nested()", cx)),
            (None, "begin_nested") if !self.session.offline => Ok(obj(Savepoint { session: self.session.clone(), name: None })),
            // `if bind.dialect.name == "sqlite":` is how migrations branch per database.
            (None, "dialect") => Ok(obj(Dialect)),
            // `bind.engine`: what revision files inspect or read `.dialect`/`.name` from.
            (None, "engine") => Ok(obj(Engine { session: self.session.clone() })),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let b = bind("execute", &["statement", "parameters", "execution_options"], false, args, kwargs, cx)?;
        let stmt = b.required("statement", cx)?;
        #[cfg(feature = "sa-core")]
        if let Some(CoreObj::Stmt(core)) = downcast::<CoreObj>(stmt) {
            let groups = param_groups(b.some("parameters"), cx)?;
            return Ok(match sa_core::execute(&self.session, core, &groups, cx)? {
                Executed::Offline => Value::None,
                Executed::Count(n) => obj(ResultProxy::new(QueryResult::default(), n as i64, &[])),
                Executed::Rows(rows, names, types) => obj(ResultProxy::new(QueryResult { columns: names, rows: rows.rows }, -1, &types)),
            });
        }
        let (sql, binds) = match (stmt, downcast::<SaObj>(stmt)) {
            (_, Some(SaObj::Text { sql, binds })) => (sql.clone(), binds.clone()),
            (Value::Str(s), _) => {
                return Err(cx.error(
                    "eval-error",
                    format!("sqlalchemy.exc.ObjectNotExecutableError: Not an executable object: {}", Value::str(s).repr()),
                ))
            }
            _ => return Err(unsupported(cx, &format!("execute() of a {}", stmt.type_name()))),
        };
        let s = &self.session;
        if s.offline {
            execute_text(s, &sql, &binds, &[], cx)?;
            return Ok(Value::None);
        }
        let mut groups = param_groups(b.some("parameters"), cx)?;
        if groups.is_empty() {
            groups.push(Vec::new());
        }
        let head = sql.trim_start().to_ascii_uppercase();
        let returns_rows = ["SELECT", "WITH", "PRAGMA", "VALUES"].iter().any(|k| head.starts_with(k)) || head.contains(" RETURNING ");
        if returns_rows && groups.len() == 1 {
            let mut params = Vec::new();
            let compiled = rewrite_binds(&sql, |name| {
                params.push(to_sql(bind_value(name, &[&binds, &groups[0]], cx)?, cx)?);
                Ok("?".into())
            })?;
            let result = s.query(&compiled, &params, cx)?.unwrap_or_default();
            return Ok(obj(ResultProxy::new(result, -1, &[])));
        }
        let mut count = 0;
        for g in &groups {
            count += execute_text(s, &sql, &binds, g, cx)?;
        }
        Ok(obj(ResultProxy::new(QueryResult::default(), count as i64, &[])))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// An execution's parameters: a list of dicts is executemany, one dict binds once.
fn param_groups(v: Option<&Value>, cx: &CallContext) -> Result<Vec<Vec<(String, Value)>>, EvalError> {
    match v {
        None => Ok(Vec::new()),
        Some(d @ Value::Dict(_)) => Ok(vec![dict_pairs(d, cx)?]),
        Some(v) => items(v, cx)?.iter().map(|d| dict_pairs(d, cx)).collect(),
    }
}

/// SQLAlchemy's `CursorResult`, fully buffered; its methods share the read position.
#[derive(Debug)]
pub struct ResultProxy(Rc<ResultState>);

#[derive(Debug)]
pub struct ResultState {
    rows: Vec<Value>,
    pos: Cell<usize>,
    rowcount: i64,
    mode: Mode,
    columns: Rc<[String]>,
}

/// What a result yields per row: the row, its first column (`scalars()`), or a mapping of
/// column names to values (`mappings()`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Rows,
    Scalars,
    Mappings,
}

impl ResultProxy {
    /// Rows read back with the result processors of the selected columns' `types` (a
    /// Boolean column's 0/1 is `False`/`True`).
    fn new(r: QueryResult, rowcount: i64, types: &[Option<SqlType>]) -> Self {
        let columns: Rc<[String]> = r.columns.into();
        let value = |i: usize, v: &crate::runtime::SqlValue| match (types.get(i), from_sql(v)) {
            (Some(Some(SqlType::Boolean { .. })), Value::Int(n)) => Value::Bool(n != 0),
            (_, v) => v,
        };
        let rows = r
            .rows
            .iter()
            .map(|vals| obj(Row { columns: columns.clone(), values: vals.iter().enumerate().map(|(i, v)| value(i, v)).collect() }))
            .collect();
        ResultProxy(Rc::new(ResultState { rows, pos: Cell::new(0), rowcount, mode: Mode::Rows, columns }))
    }
}

impl ResultState {
    fn item(&self, row: &Value) -> Value {
        match self.mode {
            Mode::Rows => row.clone(),
            Mode::Scalars => first_value(row),
            Mode::Mappings => downcast::<Row>(row).map_or(Value::None, Row::mapping),
        }
    }
    fn next(&self) -> Option<Value> {
        let row = self.rows.get(self.pos.get())?;
        self.pos.set(self.pos.get() + 1);
        Some(self.item(row))
    }
    fn rest(&self) -> Vec<Value> {
        let out = self.rows[self.pos.get().min(self.rows.len())..].iter().map(|r| self.item(r)).collect();
        self.pos.set(self.rows.len());
        out
    }
}

fn first_value(row: &Value) -> Value {
    downcast::<Row>(row).and_then(|r| r.values.first().cloned()).unwrap_or(Value::None)
}

const RESULT_METHODS: &[&str] = &[
    "fetchall",
    "fetchone",
    "fetchmany",
    "scalar",
    "first",
    "all",
    "one",
    "one_or_none",
    "scalar_one",
    "scalar_one_or_none",
    "scalars",
    "mappings",
    "keys",
    "close",
];

impl HostObject for ResultProxy {
    fn type_name(&self) -> String {
        "sqlalchemy.engine.CursorResult".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        if name == "rowcount" {
            return Ok(Value::Int(self.0.rowcount));
        }
        match RESULT_METHODS.iter().find(|m| **m == name) {
            Some(m) => Ok(obj(ResultMethod(self.0.clone(), m))),
            None => Err(unsupported(cx, &format!("CursorResult.{name}"))),
        }
    }
    fn iterate(&self, _cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        Ok(self.0.rest())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A bound method of a result, e.g. `result.fetchall`.
#[derive(Debug)]
pub struct ResultMethod(Rc<ResultState>, &'static str);

impl HostObject for ResultMethod {
    fn type_name(&self) -> String {
        format!("method CursorResult.{}", self.1)
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let b = bind(self.1, if self.1 == "fetchmany" { &["size"] } else { &[] }, false, args, kwargs, cx)?;
        let r = &self.0;
        let no_row =
            || cx.error("eval-error", "sqlalchemy.exc.NoResultFound: No row was found when one was required").catchable("Exception");
        Ok(match self.1 {
            "fetchall" | "all" => Value::list(r.rest()),
            "fetchone" => r.next().unwrap_or(Value::None),
            "fetchmany" => {
                // DBAPI's default arraysize is 1.
                let size = b.some("size").and_then(Value::as_int).unwrap_or(1).max(0) as usize;
                Value::list((0..size).map_while(|_| r.next()).collect())
            }
            "first" => {
                let v = r.next().unwrap_or(Value::None);
                r.rest();
                v
            }
            "scalar" => {
                let v = r.rows.get(r.pos.get()).map(first_value).unwrap_or(Value::None);
                r.rest();
                v
            }
            "one" | "one_or_none" | "scalar_one" | "scalar_one_or_none" => {
                let rest = r.rest();
                if rest.len() > 1 {
                    return Err(cx
                        .error("eval-error", "sqlalchemy.exc.MultipleResultsFound: Multiple rows were found when exactly one was required")
                        .catchable("Exception"));
                }
                match (rest.into_iter().next(), self.1.ends_with("or_none")) {
                    (None, true) => Value::None,
                    (None, false) => return Err(no_row()),
                    (Some(v), _) if self.1.starts_with("scalar") && r.mode != Mode::Scalars => first_value(&v),
                    (Some(v), _) => v,
                }
            }
            "scalars" | "mappings" => {
                let rows = r.rows[r.pos.get().min(r.rows.len())..].to_vec();
                let mode = if self.1 == "scalars" { Mode::Scalars } else { Mode::Mappings };
                let columns = r.columns.clone();
                obj(ResultProxy(Rc::new(ResultState { rows, pos: Cell::new(0), rowcount: r.rowcount, mode, columns })))
            }
            "keys" => Value::list(r.columns.iter().map(|c| Value::str(c)).collect()),
            "close" => Value::None,
            _ => unreachable!("only RESULT_METHODS are bound"),
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A result row: a named tuple.
#[derive(Debug)]
pub struct Row {
    columns: Rc<[String]>,
    values: Vec<Value>,
}

impl Row {
    /// `row._mapping` / a `mappings()` item: column names to values (a dict here).
    fn mapping(&self) -> Value {
        let pairs = self.columns.iter().zip(&self.values).map(|(k, v)| (Value::str(k), v.clone())).collect();
        Value::Dict(Rc::new(std::cell::RefCell::new(pairs)))
    }
}

impl HostObject for Row {
    fn type_name(&self) -> String {
        "sqlalchemy.engine.Row".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        if name == "_mapping" {
            return Ok(self.mapping());
        }
        if name == "_tuple" || name == "_asdict" {
            return Err(unsupported(cx, &format!("Row.{name}()")));
        }
        match self.columns.iter().position(|c| c == name) {
            Some(i) => Ok(self.values[i].clone()),
            None => Err(cx
                .error("eval-error", format!("AttributeError: Could not locate column in row for column '{name}'"))
                .catchable("AttributeError")),
        }
    }
    fn get_item(&self, key: &Value, cx: &mut CallContext) -> Result<Value, EvalError> {
        let n = self.values.len() as i64;
        match key.as_int() {
            Some(i) if (-n..n).contains(&i) => Ok(self.values[(if i < 0 { i + n } else { i }) as usize].clone()),
            Some(_) => Err(cx.error("eval-error", "IndexError: tuple index out of range").catchable("IndexError")),
            None => Err(cx
                .error("type-error", "tuple indices must be integers or slices, not str (use row._mapping[...])")
                .catchable("TypeError")),
        }
    }
    fn iterate(&self, _cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        Ok(self.values.clone())
    }
    /// A row prints as the tuple of its values.
    fn repr(&self) -> Option<String> {
        let items: Vec<String> = self.values.iter().map(Value::repr).collect();
        Some(if items.len() == 1 { format!("({},)", items[0]) } else { format!("({})", items.join(", ")) })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `bind.dialect` / `op.get_context().dialect`: SQLite through pysqlite, as Alembic runs here.
#[derive(Debug)]
pub struct Dialect;

impl HostObject for Dialect {
    fn type_name(&self) -> String {
        "sqlalchemy.dialects.sqlite.pysqlite.SQLiteDialect_pysqlite".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "name" => Ok(Value::str("sqlite")),
            "driver" => Ok(Value::str("pysqlite")),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `op.get_context()`: the migration context, for its `dialect` and `as_sql`.
#[derive(Debug)]
pub struct MigrationContextObj {
    pub session: Rc<Session>,
}

impl HostObject for MigrationContextObj {
    fn type_name(&self) -> String {
        "alembic.runtime.migration.MigrationContext".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "dialect" => Ok(obj(Dialect)),
            "as_sql" => Ok(Value::Bool(self.session.offline)),
            // SQLite has no schemas: env.py's `version_table_schema` is never set here.
            "version_table_schema" => Ok(Value::None),
            "autocommit_block" if !cfg!(feature = "sa-core") => Err(left_out_of_page("MigrationContext.autocommit_block()", cx)),
            "autocommit_block" => Ok(obj(AutocommitBlock { entered: false })),
            "bind" | "connection" if !self.session.offline => Ok(obj(Connection { session: self.session.clone(), method: None })),
            "bind" | "connection" => Ok(Value::None),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The connection API beyond execute-and-fetch (savepoints, `autocommit_block`, `Session`)
/// goes with Core: the page's build (no `sa-core`) leaves it out.
fn left_out_of_page(what: &str, cx: &CallContext) -> EvalError {
    pylite::eval::left_out(&format!("{what} (SQLAlchemy's connection API)"), cx.span)
}

/// `op.get_context().autocommit_block()` (the method, then the context manager it returns).
/// On SQLite Alembic emits nothing for it offline (no transactional DDL); online it commits
/// the work so far and runs the block in autocommit. Here the block stays in the migration's
/// one transaction (ARCHITECTURE: one transaction per migration): the same rows when the
/// migration succeeds, and all of it undone when it fails.
#[derive(Debug)]
pub struct AutocommitBlock {
    entered: bool,
}

impl HostObject for AutocommitBlock {
    fn type_name(&self) -> String {
        if self.entered { "contextlib._GeneratorContextManager" } else { "method MigrationContext.autocommit_block" }.into()
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        bind("autocommit_block", &[], false, args, kwargs, cx)?;
        Ok(obj(AutocommitBlock { entered: true }))
    }
    fn enter(&self, cx: &mut CallContext) -> Result<Value, EvalError> {
        if !self.entered {
            return Err(cx
                .error("type-error", format!("'{}' object does not support the context manager protocol", self.type_name()))
                .catchable("TypeError"));
        }
        Ok(Value::None)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `sqlalchemy.orm.Session(bind=conn)` on the migration's connection: `execute` is the
/// connection's; `commit`/`close`/`flush` leave the migration's transaction alone, as a
/// Session joined to an outer transaction does. The ORM itself (`query`, `add`) is not here.
#[derive(Debug)]
pub struct OrmSession {
    pub session: Rc<Session>,
    pub method: Option<&'static str>,
}

/// `Session(bind=...)`: the class called.
pub fn orm_session(args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
    if !cfg!(feature = "sa-core") {
        return Err(left_out_of_page("sqlalchemy.orm.Session()", cx));
    }
    let b = bind("Session", &["bind"], false, args, kwargs, cx)?;
    match b.some("bind").and_then(|v| downcast::<Connection>(v)) {
        Some(c) => Ok(obj(OrmSession { session: c.session.clone(), method: None })),
        None => Err(unsupported(cx, "Session() without bind=op.get_bind()")),
    }
}

impl HostObject for OrmSession {
    fn type_name(&self) -> String {
        match self.method {
            Some(m) => format!("method Session.{m}"),
            None => "sqlalchemy.orm.session.Session".into(),
        }
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        let m = match (self.method, name) {
            (None, "execute") => "execute",
            (None, "commit") => "commit",
            (None, "close") => "close",
            (None, "flush") => "flush",
            (None, "connection") => "connection",
            (None, "get_bind") => "get_bind",
            _ => return Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        };
        Ok(obj(OrmSession { session: self.session.clone(), method: Some(m) }))
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let conn = Connection { session: self.session.clone(), method: None };
        match self.method {
            Some("execute") => {
                let params = ["statement", "params", "execution_options", "bind_arguments"];
                let b = bind("execute", &params, false, args, kwargs, cx)?;
                let mut a = vec![b.required("statement", cx)?.clone()];
                a.extend(b.some("params").cloned());
                Connection { method: Some("execute"), ..conn }.call(a, Vec::new(), cx)
            }
            Some("connection" | "get_bind") => {
                bind("connection", &[], false, args, kwargs, cx)?;
                Ok(obj(conn))
            }
            Some(m) => {
                bind(m, &[], false, args, kwargs, cx)?;
                Ok(Value::None)
            }
            None => Err(cx.error("type-error", "'Session' object is not callable").catchable("TypeError")),
        }
    }
    fn enter(&self, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(obj(OrmSession { session: self.session.clone(), method: None }))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `conn.begin_nested()`: `SAVEPOINT sa_savepoint_<n>` inside the migration's transaction;
/// `commit()` (or leaving its `with` block) releases it, `rollback()` (or an exception
/// leaving the block) rolls back to it, as SQLAlchemy does on pysqlite. Before it is called
/// (`name: None`) this is the method; after, a savepoint or one of its methods.
#[derive(Debug)]
pub struct Savepoint {
    session: Rc<Session>,
    name: Option<(String, Option<&'static str>)>,
}

impl Savepoint {
    fn end(&self, release: bool, name: &str, cx: &mut CallContext) -> Result<(), EvalError> {
        let sql = if release { format!("RELEASE SAVEPOINT {name}") } else { format!("ROLLBACK TO SAVEPOINT {name}") };
        self.session.execute(&sql, &[], cx).map(drop)
    }
}

impl HostObject for Savepoint {
    fn type_name(&self) -> String {
        match &self.name {
            None => "method Connection.begin_nested".into(),
            Some((_, None)) => "sqlalchemy.engine.base.NestedTransaction".into(),
            Some((_, Some(m))) => format!("method NestedTransaction.{m}"),
        }
    }
    fn get_attr(&self, attr: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (&self.name, attr) {
            (Some((n, None)), "commit" | "rollback" | "close") => {
                let m = match attr {
                    "commit" => "commit",
                    "rollback" => "rollback",
                    _ => "close",
                };
                Ok(obj(Savepoint { session: self.session.clone(), name: Some((n.clone(), Some(m))) }))
            }
            _ => Err(unsupported(cx, &format!("{}.{attr}", self.type_name()))),
        }
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        match &self.name {
            None => {
                bind("begin_nested", &[], false, args, kwargs, cx)?;
                let n = self.session.savepoints.get() + 1;
                self.session.savepoints.set(n);
                let name = format!("sa_savepoint_{n}");
                self.session.execute(&format!("SAVEPOINT {name}"), &[], cx)?;
                Ok(obj(Savepoint { session: self.session.clone(), name: Some((name, None)) }))
            }
            Some((name, Some(m))) => {
                bind(m, &[], false, args, kwargs, cx)?;
                if *m != "close" {
                    self.end(*m == "commit", name, cx)?;
                }
                Ok(Value::None)
            }
            Some((_, None)) => Err(cx.error("type-error", "'NestedTransaction' object is not callable").catchable("TypeError")),
        }
    }
    fn enter(&self, cx: &mut CallContext) -> Result<Value, EvalError> {
        match &self.name {
            Some((_, None)) => Ok(obj(Savepoint { session: self.session.clone(), name: self.name.clone() })),
            _ => Err(cx.error("type-error", "this object does not support the context manager protocol").catchable("TypeError")),
        }
    }
    fn exit(&self, ok: bool, cx: &mut CallContext) -> Result<(), EvalError> {
        match &self.name {
            Some((name, None)) => self.end(ok, name, cx),
            _ => Ok(()),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `conn.engine`: the migration's engine, for its `dialect` and `name` and for `sa.inspect`.
/// Connecting through it (`begin()`, `connect()`) is not modelled: a migration writes
/// through its own connection.
#[derive(Debug)]
pub struct Engine {
    pub session: Rc<Session>,
}

impl HostObject for Engine {
    fn type_name(&self) -> String {
        "sqlalchemy.engine.base.Engine".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "dialect" => Ok(obj(Dialect)),
            "name" => Ok(Value::str("sqlite")),
            "driver" => Ok(Value::str("pysqlite")),
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
