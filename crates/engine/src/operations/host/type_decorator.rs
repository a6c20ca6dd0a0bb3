//! `sqlalchemy.TypeDecorator` as a base of a project's column types (prefect's `UUID`,
//! airflow's `UtcDateTime`): a call of the subclass is the type SQLAlchemy 2.1 puts in
//! SQLite's DDL — what `load_dialect_impl(dialect)` returns for the SQLite dialect, or, when
//! the class does not define it (or defers to `super()`), its `impl` made with the call's
//! arguments (`TypeDecorator.__init__`: `to_instance(impl, *args, **kwargs)`). Goldens:
//! `tests/tools/type_decorator_golden.py`. Also `sqlalchemy.ext.compiler.compiles`, for the
//! classes a project defines on bases that are not here.

use std::rc::Rc;

use pylite::eval::{CallContext, Class, EvalError, HostBase, HostObject, Value};
use sqlschema::SqlType;

use super::sa::{type_of, SaObj};
use super::sa_types::make_type;
use super::{downcast, obj, unsupported};

/// `sqlalchemy.TypeDecorator` (also `TypeDecorator[T]`).
pub struct TypeDecorator;

impl HostObject for TypeDecorator {
    fn type_name(&self) -> String {
        "sqlalchemy.TypeDecorator".into()
    }

    fn get_item(&self, _: &Value, _: &mut CallContext) -> Result<Value, EvalError> {
        Ok(obj(TypeDecorator))
    }

    fn call(&self, _: Vec<Value>, _: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(cx.error("eval-error", NO_IMPL).catchable("AssertionError"))
    }

    fn as_base(&self) -> Option<Rc<dyn HostBase>> {
        Some(Rc::new(TypeDecorator))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// SQLAlchemy's message for a `TypeDecorator` without `impl`.
const NO_IMPL: &str =
    "AssertionError: TypeDecorator implementations require a class-level variable 'impl' which refers to the class of type being decorated";

impl HostBase for TypeDecorator {
    fn name(&self) -> &'static str {
        "sqlalchemy.TypeDecorator"
    }

    fn hooks(&self) -> Vec<(&'static str, Vec<Value>)> {
        vec![("load_dialect_impl", vec![obj(Dialect(None))])]
    }

    fn make(
        &self,
        class: &Class,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        hooked: Vec<Option<Value>>,
        cx: &mut CallContext,
    ) -> Result<Value, EvalError> {
        let Some(impl_) = class.lookup("impl") else {
            return Err(cx.error("eval-error", NO_IMPL).catchable("AssertionError"));
        };
        // An `impl` instance is used as it is; a class is made with the call's arguments.
        let implementation = match downcast::<SaObj>(&impl_) {
            Some(SaObj::TypeClass(t)) => make_type(t, args, kwargs, cx)?,
            _ => match type_of(&impl_, cx) {
                Some(t) => t?,
                None => return Err(unsupported(cx, &format!("a TypeDecorator whose impl is {}", impl_.repr()))),
            },
        };
        let ddl: SqlType = match hooked.into_iter().next().flatten() {
            None => implementation,
            Some(v) if downcast::<DefaultImpl>(&v).is_some() => implementation,
            Some(v) => match type_of(&v, cx) {
                Some(t) => t?,
                None => {
                    return Err(cx
                        .error("type-error", format!("load_dialect_impl() returned {}, not a type", v.repr()))
                        .catchable("TypeError"))
                }
            },
        };
        Ok(obj(SaObj::Type(ddl)))
    }

    fn super_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "load_dialect_impl" => Ok(obj(Dialect(Some("load_dialect_impl")))),
            _ => Err(unsupported(cx, &format!("super().{name} in a TypeDecorator"))),
        }
    }
}

/// What `TypeDecorator.load_dialect_impl` returns: the decorated `impl`.
struct DefaultImpl;

impl HostObject for DefaultImpl {
    fn type_name(&self) -> String {
        "sqlalchemy type (the TypeDecorator's impl)".into()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The SQLite dialect a `load_dialect_impl` is asked about (`None`), or one of its methods.
struct Dialect(Option<&'static str>);

impl HostObject for Dialect {
    fn type_name(&self) -> String {
        match self.0 {
            None => "sqlalchemy.dialects.sqlite.pysqlite.SQLiteDialect_pysqlite".into(),
            Some(m) => format!("method {m}"),
        }
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match name {
            "name" => Ok(Value::str("sqlite")),
            "driver" => Ok(Value::str("pysqlite")),
            "type_descriptor" => Ok(obj(Dialect(Some("type_descriptor")))),
            _ => Err(unsupported(cx, &format!("dialect.{name}"))),
        }
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self.0, args.as_slice()) {
            // `dialect.type_descriptor(t)`: SQLite's own type for `t`; its DDL is the same.
            (Some("type_descriptor"), [t]) if kwargs.is_empty() => Ok(t.clone()),
            // `super().load_dialect_impl(dialect)`.
            (Some("load_dialect_impl"), [_]) if kwargs.is_empty() => Ok(obj(DefaultImpl)),
            _ => Err(cx
                .error("type-error", format!("'{}' object is not callable with these arguments", self.type_name()))
                .catchable("TypeError")),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `@compiles(cls, *dialects)` (`None`) and the decorator it returns (`Some(cls)`): accepted
/// for a class of the program or a stand-in, whose SQL this host never compiles (using a
/// stand-in fails where it is used); SQLAlchemy's own constructs compile as SQLAlchemy's
/// defaults do here, so registering a compiler for one is refused rather than ignored.
pub struct Compiles(pub Option<String>);

impl HostObject for Compiles {
    fn type_name(&self) -> String {
        "sqlalchemy.ext.compiler.compiles".into()
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (&self.0, args.as_slice()) {
            (None, [cls, dialects @ ..]) if kwargs.is_empty() && dialects.iter().all(|d| matches!(d, Value::Str(_))) => {
                let is_stand_in = matches!(cls, Value::Host(h) if h.as_any().is::<pylite::eval::modules::StandIn>());
                if !matches!(cls, Value::Class(_)) && !is_stand_in {
                    return Err(unsupported(cx, &format!("@compiles for {}", cls.repr())));
                }
                Ok(obj(Compiles(Some(cls.repr()))))
            }
            (Some(_), [f]) if kwargs.is_empty() => Ok(f.clone()),
            _ => Err(cx
                .error("type-error", "compiles() takes a class and dialect names, then decorates one function")
                .catchable("TypeError")),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
