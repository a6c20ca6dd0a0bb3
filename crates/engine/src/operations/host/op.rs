//! `alembic.op`: each call runs at once through the session (online) or prints (offline),
//! with the SQL Alembic's SQLite implementation emits, and fails where Alembic fails.

use std::rc::Rc;

use pylite::eval::{CallContext, EvalError, HostObject, Value};
use sqlschema::{alter, ddl, AddColumnOptions, AlterColumn, Column, Index, SqlType, Table};

use super::args::{bind, items, name_of, names};
use super::batch::BatchContext;
use super::bind::Connection;
use super::convert::{dict_pairs, to_literal, to_sql};
use super::sa::{type_of, SaObj};
use super::sa_schema::{index_of, server_default, sql_text, table};
use super::{downcast, obj, unsupported, Session};

/// Alembic's message for constraint ALTERs on SQLite (`SQLiteImpl.add_constraint` /
/// `drop_constraint`), raised as `NotImplementedError`.
pub const NO_ALTER_CONSTRAINT: &str = "No support for ALTER of constraints in SQLite dialect. Please refer to the batch mode feature which allows for SQLite migrations using a copy-and-move strategy.";

/// The `alembic` package: `from alembic import op`.
#[derive(Debug)]
pub struct AlembicModule {
    pub session: Rc<Session>,
}

impl HostObject for AlembicModule {
    fn type_name(&self) -> String {
        "module alembic".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "op" => Ok(obj(Op { session: self.session.clone(), method: None })),
            "context" => Ok(obj(AlembicContext { session: self.session.clone(), method: None })),
            _ => Err(unsupported(cx, &format!("alembic.{name}"))),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `from alembic import context` inside a revision: `is_offline_mode()`, `get_context()`,
/// `get_bind()`.
#[derive(Debug)]
pub struct AlembicContext {
    pub session: Rc<Session>,
    pub method: Option<&'static str>,
}

impl HostObject for AlembicContext {
    fn type_name(&self) -> String {
        match self.method {
            None => "module alembic.context".into(),
            Some(m) => format!("context.{m}"),
        }
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        let m = match (self.method, name) {
            (None, "is_offline_mode") => "is_offline_mode",
            (None, "get_context") => "get_context",
            (None, "get_bind") => "get_bind",
            _ => return Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        };
        Ok(obj(AlembicContext { session: self.session.clone(), method: Some(m) }))
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let Some(m) = self.method else {
            return Err(cx.error("type-error", "'module' object is not callable").catchable("TypeError"));
        };
        bind(m, &[], false, args, kwargs, cx)?;
        Ok(match m {
            "is_offline_mode" => Value::Bool(self.session.offline),
            "get_context" => obj(super::bind::MigrationContextObj { session: self.session.clone() }),
            _ => obj(Connection { session: self.session.clone(), method: None }),
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `op` itself (`method: None`) or one of its bound methods.
#[derive(Debug)]
pub struct Op {
    pub session: Rc<Session>,
    pub method: Option<&'static str>,
}

const METHODS: &[&str] = &[
    "create_table",
    "drop_table",
    "rename_table",
    "add_column",
    "drop_column",
    "alter_column",
    "create_index",
    "drop_index",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "create_primary_key",
    "drop_constraint",
    "execute",
    "bulk_insert",
    "get_bind",
    "get_context",
    "inline_literal",
    "f",
    "batch_alter_table",
];

/// Everything `dir(alembic.op)` lists in Alembic 1.20: a name outside it is Python's
/// AttributeError (with CPython's "Did you mean"), a name in it that we don't run is
/// `unsupported`.
const ALEMBIC_OP_NAMES: &[&str] = &[
    "Operations",
    "__builtins__",
    "__cached__",
    "__doc__",
    "__file__",
    "__loader__",
    "__name__",
    "__package__",
    "__spec__",
    "_name_error",
    "add_column",
    "alter_column",
    "batch_alter_table",
    "bulk_insert",
    "context",
    "create_check_constraint",
    "create_exclude_constraint",
    "create_foreign_key",
    "create_index",
    "create_module_class_proxy",
    "create_primary_key",
    "create_table",
    "create_table_comment",
    "create_unique_constraint",
    "drop_column",
    "drop_constraint",
    "drop_index",
    "drop_table",
    "drop_table_comment",
    "execute",
    "f",
    "get_bind",
    "get_context",
    "implementation_for",
    "inline_literal",
    "invoke",
    "register_operation",
    "rename_table",
    "run_async",
];

impl HostObject for Op {
    fn type_name(&self) -> String {
        match self.method {
            None => "alembic.op".into(),
            Some(m) => format!("op.{m}"),
        }
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self.method, METHODS.iter().find(|m| **m == name)) {
            (None, Some(m)) => Ok(obj(Op { session: self.session.clone(), method: Some(m) })),
            (None, None) if !ALEMBIC_OP_NAMES.contains(&name) => {
                let hint =
                    pylite::eval::did_you_mean(name, ALEMBIC_OP_NAMES).map(|s| format!(". Did you mean: '{s}'?")).unwrap_or_default();
                Err(cx
                    .error("attribute-error", format!("AttributeError: module 'alembic.op' has no attribute '{name}'{hint}"))
                    .catchable("AttributeError"))
            }
            _ => Err(unsupported(cx, &format!("{}.{name}", self.type_name()))),
        }
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let Some(m) = self.method else {
            return Err(cx.error("type-error", "'module' object is not callable").catchable("TypeError"));
        };
        run(&self.session, m, args, kwargs, cx)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn run(s: &Rc<Session>, m: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
    let none = Ok(Value::None);
    match m {
        "create_table" => {
            let b = bind(m, &["table_name"], true, args, kwargs, cx)?;
            let t = table(&b.req_str("table_name", cx)?, &b.rest, &b.extra, cx)?;
            let stmts = ddl::create_table_statements(&t).map_err(|e| s.fail(e.0, None, cx.span))?;
            exec_all(s, &stmts, cx)?;
            Ok(obj(SaObj::Table(t)))
        }
        "drop_table" => {
            let b = bind(m, &["table_name", "schema", "if_exists"], false, args, kwargs, cx)?;
            b.no_extra(&[], cx)?;
            let name = b.req_str("table_name", cx)?;
            let sql = if b.flag("if_exists", false) { ddl::drop_table_if_exists(&name) } else { ddl::drop_table(&name) };
            exec(s, &sql, cx).and(none)
        }
        "rename_table" => {
            let b = bind(m, &["old_table_name", "new_table_name", "schema"], false, args, kwargs, cx)?;
            let sql = alter::rename_table(&b.req_str("old_table_name", cx)?, &b.req_str("new_table_name", cx)?);
            exec(s, &sql, cx).and(none)
        }
        "add_column" => {
            let b = bind(
                m,
                &["table_name", "column", "schema", "if_not_exists", "inline_references", "inline_primary_key"],
                false,
                args,
                kwargs,
                cx,
            )?;
            let col = column_arg(b.required("column", cx)?, cx)?;
            let opts = AddColumnOptions {
                if_not_exists: b.flag("if_not_exists", false),
                inline_references: b.flag("inline_references", false),
                inline_primary_key: b.flag("inline_primary_key", false),
            };
            add_column(s, &b.req_str("table_name", cx)?, &col, opts, cx).and(none)
        }
        "drop_column" => {
            let b = bind(m, &["table_name", "column_name", "schema"], false, args, kwargs, cx)?;
            let sql = alter::drop_column(&b.req_str("table_name", cx)?, &b.req_str("column_name", cx)?);
            exec(s, &sql, cx).and(none)
        }
        "alter_column" => {
            let b = bind(m, &["table_name", "column_name"], false, args, kwargs, cx)?;
            let (t, c) = (b.req_str("table_name", cx)?, b.req_str("column_name", cx)?);
            let a = alter_column_args(&b.extra, cx)?;
            exec_alter_column(s, &t, &c, &a, cx).and(none)
        }
        "create_index" => {
            let b = bind(m, &["index_name", "table_name", "columns", "schema", "unique", "if_not_exists"], false, args, kwargs, cx)?;
            let ix = index_arg(
                &b.req_str("index_name", cx)?,
                &b.req_str("table_name", cx)?,
                b.required("columns", cx)?,
                b.flag("unique", false),
                &b.extra,
                cx,
            )?;
            let sql = if b.flag("if_not_exists", false) { ddl::create_index_if_not_exists(&ix) } else { ddl::create_index(&ix) };
            exec(s, &sql, cx).and(none)
        }
        "drop_index" => {
            let b = bind(m, &["index_name", "table_name", "schema", "if_exists"], false, args, kwargs, cx)?;
            let name = b.req_str("index_name", cx)?;
            let sql = if b.flag("if_exists", false) { ddl::drop_index_if_exists(&name) } else { ddl::drop_index(&name) };
            exec(s, &sql, cx).and(none)
        }
        "create_unique_constraint" | "create_foreign_key" | "create_check_constraint" | "create_primary_key" | "drop_constraint" => Err(s
            .fail(format!("NotImplementedError: {NO_ALTER_CONSTRAINT}"), None, cx.span)
            .with_help("SQLite cannot ALTER constraints: use `with op.batch_alter_table(...) as batch_op:`")),
        "execute" => {
            let b = bind(m, &["sqltext", "execution_options"], false, args, kwargs, cx)?;
            let v = b.required("sqltext", cx)?;
            #[cfg(feature = "sa-core")]
            if let Some(super::sa_core::CoreObj::Stmt(stmt)) = downcast::<super::sa_core::CoreObj>(v) {
                return super::sa_core::execute(s, stmt, &[], cx).map(|_| Value::None);
            }
            let binds = match downcast::<SaObj>(v) {
                Some(SaObj::Text { binds, .. }) => binds.clone(),
                _ => Vec::new(),
            };
            let sql = sql_text(v, cx).map_err(|_| unsupported(cx, &format!("op.execute() of a {}", v.type_name())))?;
            execute_text(s, &sql, &binds, &[], cx).map(|_| Value::None)
        }
        "bulk_insert" => {
            let b = bind(m, &["table", "rows", "multiinsert"], false, args, kwargs, cx)?;
            let t = match downcast::<SaObj>(b.required("table", cx)?) {
                Some(SaObj::Table(t)) => t.clone(),
                _ => {
                    return Err(cx
                        .error("type-error", "bulk_insert() needs a table (sa.table(...) or op.create_table's result)")
                        .catchable("TypeError"))
                }
            };
            let rows = items(b.required("rows", cx)?, cx)?.iter().map(|r| dict_pairs(r, cx)).collect::<Result<Vec<_>, _>>()?;
            bulk_insert(s, &t, &rows, cx).and(none)
        }
        "get_bind" => Ok(obj(Connection { session: s.clone(), method: None })),
        "get_context" => Ok(obj(super::bind::MigrationContextObj { session: s.clone() })),
        "inline_literal" => {
            let b = bind(m, &["value", "type_"], false, args, kwargs, cx)?;
            let text = to_literal(b.required("value", cx)?, cx)?.render(None);
            Ok(obj(SaObj::Expr(sqlschema::ServerDefault::LiteralColumn(text))))
        }
        "f" => {
            let b = bind(m, &["name"], false, args, kwargs, cx)?;
            Ok(Value::str(&b.req_str("name", cx)?))
        }
        "batch_alter_table" => Ok(obj(BatchContext::new(s.clone(), args, kwargs, cx)?)),
        _ => Err(unsupported(cx, &format!("op.{m}"))),
    }
}

/// One statement; SQLAlchemy's CompileError and the database's errors both stop the script.
pub fn exec(s: &Session, sql: &str, cx: &mut CallContext) -> Result<usize, EvalError> {
    s.execute(sql, &[], cx)
}

pub fn exec_all(s: &Session, stmts: &[String], cx: &mut CallContext) -> Result<(), EvalError> {
    stmts.iter().try_for_each(|sql| exec(s, sql, cx).map(|_| ()))
}

/// `op.alter_column` outside batch: the generic `ALTER TABLE t ALTER COLUMN c ...` forms,
/// which SQLite's grammar rejects at the second ALTER. They are refused here without asking
/// the database, with the message pysqlite gives (newer SQLite versions name another token),
/// and the help points at batch mode; a rename alone runs natively.
pub fn exec_alter_column(s: &Session, t: &str, c: &str, a: &AlterColumn, cx: &mut CallContext) -> Result<(), EvalError> {
    for sql in alter::alter_column(t, c, a) {
        if sql.contains(" ALTER COLUMN ") && !s.offline {
            let msg = "(sqlite3.OperationalError) near \"ALTER\": syntax error".to_string();
            return Err(s.fail(msg, Some(&sql), cx.span).catchable("sqlalchemy.exc.OperationalError").with_help(format!(
                "SQLite has no ALTER COLUMN; use `with op.batch_alter_table(\"{t}\") as batch_op:` and `batch_op.alter_column(...)`"
            )));
        }
        exec(s, &sql, cx)?;
    }
    Ok(())
}

pub fn column_arg(v: &Value, cx: &mut CallContext) -> Result<Column, EvalError> {
    match downcast::<SaObj>(v) {
        Some(SaObj::Column(c)) => Ok(c.clone()),
        _ => Err(cx.error("type-error", format!("expected a sa.Column, got {}", v.type_name())).catchable("TypeError")),
    }
}

/// `op.add_column` outside batch: ADD COLUMN, then the column's constraints (which SQLite
/// cannot ALTER in: NotImplementedError after the column is added, as Alembic), then its index.
pub fn add_column(s: &Session, t: &str, col: &Column, opts: AddColumnOptions, cx: &mut CallContext) -> Result<(), EvalError> {
    let sql = alter::add_column(t, col, opts).map_err(|e| s.fail(e.0, None, cx.span))?;
    exec(s, &sql, cx)?;
    let one_inline_reference = opts.inline_references && col.foreign_keys.len() == 1;
    let fk_alter = !col.foreign_keys.is_empty() && !one_inline_reference;
    if fk_alter || (col.unique && !col.index) {
        return Err(s.fail(format!("NotImplementedError: {NO_ALTER_CONSTRAINT}"), None, cx.span));
    }
    let table = Table::new(t, vec![col.clone()]);
    for ix in table.all_indexes() {
        exec(s, &ddl::create_index(&ix), cx)?;
    }
    Ok(())
}

/// The keywords of `alter_column` (Alembic's `server_default=False` means "not given").
pub fn alter_column_args(kw: &[(String, Value)], cx: &mut CallContext) -> Result<AlterColumn, EvalError> {
    let mut a = AlterColumn::default();
    for (k, v) in kw {
        match k.as_str() {
            "nullable" if !matches!(v, Value::None) => a.nullable = Some(v.truthy()),
            "server_default" if !matches!(v, Value::Bool(false)) => a.server_default = Some(server_default(v, cx)?),
            "type_" if !matches!(v, Value::None) => {
                a.type_ = Some(type_of(v, cx).unwrap_or_else(|| Err(unsupported(cx, "this column type")))?)
            }
            "new_column_name" if !matches!(v, Value::None) => a.new_column_name = Some(name_of(v, cx)?),
            "nullable"
            | "type_"
            | "new_column_name"
            | "server_default"
            | "comment"
            | "schema"
            | "autoincrement"
            | "existing_type"
            | "existing_server_default"
            | "existing_nullable"
            | "existing_comment"
            | "existing_autoincrement"
            | "insert_before"
            | "insert_after" => {}
            _ => return Err(unsupported(cx, &format!("alter_column({k}=...)"))),
        }
    }
    Ok(a)
}

/// `create_index(name, table, columns, unique=, sqlite_where=)`.
pub fn index_arg(
    name: &str,
    table: &str,
    cols: &Value,
    unique: bool,
    kw: &[(String, Value)],
    cx: &CallContext,
) -> Result<Index, EvalError> {
    let elements = match cols {
        Value::List(_) | Value::Tuple(_) => items(cols, cx)?,
        v => vec![v.clone()],
    };
    let mut ix = index_of(name.to_string(), table, &elements, cx)?;
    ix.unique = unique;
    for (k, v) in kw {
        match k.as_str() {
            "sqlite_where" => ix.sqlite_where = Some(sql_text(v, cx)?),
            "postgresql_where" | "postgresql_using" | "mysql_length" | "info" => {}
            _ => return Err(unsupported(cx, &format!("create_index({k}=...)"))),
        }
    }
    Ok(ix)
}

/// `op.execute` / `conn.execute` of SQL text: `:name` binds become `?` online and literals
/// offline. Returns rows changed.
pub fn execute_text(
    s: &Session,
    sql: &str,
    binds: &[(String, Value)],
    params: &[(String, Value)],
    cx: &mut CallContext,
) -> Result<usize, EvalError> {
    let mut bound = Vec::new();
    let offline = s.offline;
    let compiled = super::convert::rewrite_binds(sql, |name| {
        let v = super::convert::bind_value(name, &[binds, params], cx)?;
        if offline {
            Ok(to_literal(v, cx)?.render(None))
        } else {
            bound.push(to_sql(v, cx)?);
            Ok("?".into())
        }
    })
    .map_err(|e| s.fail(e.message().to_string(), Some(sql), cx.span))?;
    s.execute(&compiled, &bound, cx)
}

/// Online: one parameterised INSERT per row (SQLAlchemy's executemany, columns from the
/// first row in table order); offline: one literal INSERT per row.
fn bulk_insert(s: &Session, t: &Table, rows: &[Vec<(String, Value)>], cx: &mut CallContext) -> Result<(), EvalError> {
    let span = cx.span;
    let compile_err = |e: sqlschema::CompileError| s.fail(e.0, None, span);
    if s.offline {
        for row in rows {
            let lit = row.iter().map(|(k, v)| Ok((k.clone(), to_literal(v, cx)?))).collect::<Result<Vec<_>, EvalError>>()?;
            exec(s, &sqlschema::dml::insert_literal(t, &lit).map_err(compile_err)?, cx)?;
        }
        return Ok(());
    }
    let Some(first) = rows.first() else { return Ok(()) };
    let keys: Vec<String> = first.iter().map(|(k, _)| k.clone()).collect();
    let (sql, order) = sqlschema::dml::insert_params(t, &keys).map_err(compile_err)?;
    for (n, row) in rows.iter().enumerate() {
        let mut params = Vec::new();
        for col in &order {
            match row.iter().find(|(k, _)| k == col) {
                Some((_, v)) => params.push(to_sql(&coerce(v, t, col), cx)?),
                None => {
                    let msg = format!("(sqlalchemy.exc.StatementError) (sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{col}', in parameter group {n}");
                    return Err(s.fail(msg, Some(&sql), cx.span));
                }
            }
        }
        s.execute(&sql, &params, cx)?;
    }
    Ok(())
}

/// SQLAlchemy's bind processors that change a value's storage: floats into Integer columns.
fn coerce(v: &Value, t: &Table, col: &str) -> Value {
    match (v, t.column(col).map(|c| &c.type_)) {
        (Value::Float(f), Some(SqlType::Integer | SqlType::BigInteger | SqlType::SmallInteger)) => Value::Int(f.trunc() as i64),
        _ => v.clone(),
    }
}

/// Names a batch op or `create_*constraint` accept as a list.
pub fn name_list(v: &Value, cx: &CallContext) -> Result<Vec<String>, EvalError> {
    names(v, cx)
}
