//! pylite's built-in standard-library modules: what revision files import from Python's
//! standard library, with Python's semantics for what migrations touch. Pure: what needs
//! the outside world — the clock (`time.time`, `datetime.now`), randomness (`uuid.uuid4`)
//! and where log records go (`logging`) — is asked of the embedding program through
//! [`Host::now`](super::Host::now), [`Host::random`](super::Host::random) and
//! [`Host::log`](super::Host::log).
//!
//! Module functions are `Builtin::Func("module.name")` (dispatched by [`call`]); the values
//! they make (datetimes, UUIDs, loggers) and the types that make them are [`Native`] host
//! objects, whose attributes and methods the interpreter serves here with its budgets.

mod codec;
mod datetime;
pub(crate) mod enums;
mod json;
mod logging;
mod misc;
mod native;
#[cfg(feature = "stdlib")]
mod re;
// The page's build has no regular-expression engine: its patterns cannot exist.
#[cfg(not(feature = "stdlib"))]
#[path = "re_left_out.rs"]
mod re;
mod uuid;

pub(crate) use native::Native;

use super::exec::unsupported;
use super::value::Builtin;
use super::{EvalError, Interpreter, Value};
use crate::ast::BinOp;
use diagnostics::Span;
use std::rc::Rc;

pub(crate) mod contextlib;

/// The modules of the `stdlib` feature.
const MODULES: &[&str] = &[
    "json",
    "datetime",
    "enum",
    "uuid",
    "logging",
    "time",
    "textwrap",
    "math",
    "base64",
    "hashlib",
    "contextlib",
    "functools",
    "os",
    "os.path",
    "re",
];

/// Whether `name` is one of the standard-library modules pylite implements (in part).
pub(crate) fn provides(name: &str) -> bool {
    MODULES.contains(&name) || is_in_every_build(name)
}

/// The modules pylite provides whether or not the `stdlib` feature is on.
fn is_in_every_build(name: &str) -> bool {
    matches!(name, "typing" | "typing_extensions" | "__future__" | "collections.abc" | "collections")
}

/// The builtins beyond the basic ones: their names are known in every build, and calling
/// one without the `stdlib` feature says it is left out (not "name is not defined").
pub(crate) fn extra_funcs() -> &'static [&'static str] {
    super::builtins_extra::EXTRA_FUNCS
}

/// A module of the `stdlib` feature in a build without it (the page, whose download has
/// no room for them), or a name taken from one: importing and naming work (annotations,
/// unused imports); using one says it is left out, as a stand-in does for a missing package.
struct LeftOut {
    module: &'static str,
    /// `dumps` for `json.dumps`, `a.b` for `module.a.b`.
    attr: Option<String>,
}

impl LeftOut {
    fn error(&self, cx: &super::CallContext) -> EvalError {
        let what = match &self.attr {
            Some(a) => format!("'{}.{a}' (the standard-library module '{}')", self.module, self.module),
            None => format!("the standard-library module '{}'", self.module),
        };
        super::left_out(&what, cx.span)
    }
}

impl super::HostObject for LeftOut {
    fn type_name(&self) -> String {
        match &self.attr {
            Some(a) => format!("{}.{a} (not in the page)", self.module),
            None => format!("module '{}' (not in the page)", self.module),
        }
    }

    fn get_attr(&self, name: &str, _cx: &mut super::CallContext) -> Result<Value, EvalError> {
        let attr = match &self.attr {
            Some(a) => format!("{a}.{name}"),
            None => name.to_string(),
        };
        Ok(Value::Host(Rc::new(LeftOut { module: self.module, attr: Some(attr) })))
    }

    fn call(&self, _: Vec<Value>, _: Vec<(String, Value)>, cx: &mut super::CallContext) -> Result<Value, EvalError> {
        Err(self.error(cx))
    }

    fn enter(&self, cx: &mut super::CallContext) -> Result<Value, EvalError> {
        Err(self.error(cx))
    }

    fn get_item(&self, _: &Value, cx: &mut super::CallContext) -> Result<Value, EvalError> {
        Err(self.error(cx))
    }

    fn iterate(&self, cx: &mut super::CallContext) -> Result<Vec<Value>, EvalError> {
        Err(self.error(cx))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The module `name`, if pylite provides it.
pub(crate) fn import(name: &str) -> Option<Value> {
    if !cfg!(feature = "stdlib") && !is_in_every_build(name) {
        return MODULES.iter().find(|m| **m == name).map(|m| Value::Host(Rc::new(LeftOut { module: m, attr: None })));
    }
    Some(match name {
        // Names for annotations: any attribute is an inert typing value, subscriptable.
        "typing" | "typing_extensions" | "__future__" | "collections.abc" => Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))),
        "collections" => native_module(
            "collections",
            vec![
                ("abc", Value::Builtin(Rc::new(Builtin::Typing("collections.abc".into())))),
                // Python's dicts keep insertion order: an OrderedDict behaves as one here
                // (its repr is a dict's).
                ("OrderedDict", Value::Builtin(Rc::new(Builtin::Func("dict")))),
            ],
        ),
        _ if cfg!(feature = "stdlib") => return feature_module(name),
        _ => return None,
    })
}

/// The modules of the `stdlib` feature (only called when it is on, so a build without it
/// leaves their code out).
fn feature_module(name: &str) -> Option<Value> {
    Some(match name {
        "json" => native_module(
            "json",
            vec![
                ("dumps", func("json.dumps")),
                ("loads", func("json.loads")),
                ("JSONDecodeError", Value::Builtin(Rc::new(Builtin::ExcType("JSONDecodeError")))),
            ],
        ),
        "datetime" => native_module("datetime", datetime::module_attrs()),
        "uuid" => native_module("uuid", uuid::module_attrs()),
        "enum" => native_module("enum", enums::module_attrs()),
        "logging" => native_module("logging", logging::module_attrs()),
        "time" => native_module(
            "time",
            vec![
                ("time", func("time.time")),
                ("monotonic", func("time.monotonic")),
                ("perf_counter", func("time.perf_counter")),
                ("sleep", func("time.sleep")),
            ],
        ),
        "textwrap" => native_module("textwrap", vec![("dedent", func("textwrap.dedent")), ("indent", func("textwrap.indent"))]),
        "math" => native_module("math", misc::math_attrs()),
        "base64" => native_module("base64", codec::base64_attrs()),
        "hashlib" => native_module("hashlib", codec::hashlib_attrs()),
        "contextlib" => contextlib::module(),
        "functools" => native_module(
            "functools",
            vec![("wraps", func("functools.wraps")), ("lru_cache", func("functools.lru_cache")), ("cache", func("functools.cache"))],
        ),
        "os" => native_module("os", misc::os_attrs()),
        "os.path" => misc::os_path(),
        "re" => native_module("re", re::module_attrs()),
        _ => return None,
    })
}

fn func(name: &'static str) -> Value {
    Value::Builtin(Rc::new(Builtin::Func(name)))
}

/// `typing.<name>`: inert typing values, except `TYPE_CHECKING`, which is False at run time.
pub(crate) fn typing_name(name: &str) -> Value {
    match name {
        "TYPE_CHECKING" => Value::Bool(false),
        _ => Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))),
    }
}

/// A module implemented here: a namespace of values.
pub(crate) fn native_module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let globals = super::Scope::default();
    globals.borrow_mut().extend(attrs.into_iter().map(|(k, v)| (k.to_string(), v)));
    Value::Host(Rc::new(super::modules::Module {
        name: name.to_string(),
        source: None,
        globals,
        initializing: std::cell::Cell::new(false),
        stopped: Default::default(),
    }))
}

/// `a op b` when an operand is a [`Native`] value (datetime arithmetic); `None` otherwise.
pub(crate) fn binop(op: BinOp, l: &Value, r: &Value, span: Span) -> Option<Result<Value, EvalError>> {
    if !cfg!(feature = "stdlib") {
        return None;
    }
    let (a, b) = (native::of(l), native::of(r));
    if a.is_none() && b.is_none() {
        return None;
    }
    datetime::binop(op, l, r, span)
}

fn recv_name(n: &Native) -> String {
    super::HostObject::type_name(n)
}

/// `==` between two host values when both are [`Native`]; `None` otherwise.
pub(crate) fn native_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    if !cfg!(feature = "stdlib") {
        return None;
    }
    let (a, b) = (native::of(a)?, native::of(b)?);
    native::compare(a, b)
}

/// `isinstance(v, t)` when `t` is a native type (`datetime.datetime`, `uuid.UUID`).
pub(crate) fn is_instance(v: &Value, t: &Value) -> bool {
    match (native::of(v), native::of(t)) {
        (Some(v), Some(Native::Type(t))) => v.is_instance_of(t),
        _ => false,
    }
}

impl Interpreter<'_> {
    /// `json.dumps(...)` and the other module functions.
    pub(crate) fn call_module_function(
        &mut self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if !cfg!(feature = "stdlib") {
            return Err(unsupported("pylite's standard-library modules in this build", span));
        }
        let (module, _) = name.split_once('.').unwrap_or((name, ""));
        match module {
            "json" => self.call_json(name, args, kwargs, span),
            "datetime" => self.call_datetime(name, args, kwargs, span),
            "uuid" => self.call_uuid(name, args, kwargs, span),
            "logging" => self.call_logging(name, args, kwargs, span),
            "base64" | "hashlib" => self.call_codec(name, args, kwargs, span),
            "re" => self.call_re(name, args, kwargs, span),
            _ => self.call_misc(name, args, kwargs, span),
        }
    }

    /// `native.name`: a value's attribute, or a method bound to it.
    pub(crate) fn native_attr(&mut self, v: &Value, name: &str, span: Span) -> Result<Value, EvalError> {
        if !cfg!(feature = "stdlib") {
            return Err(unsupported("pylite's standard-library modules in this build", span));
        }
        let n = native::of(v).expect("the caller checked");
        if let Some(m) = n.method(name) {
            return Ok(Value::Builtin(Rc::new(Builtin::Method(v.clone(), m))));
        }
        match n {
            Native::Logger(_) => logging::attr(n, name, span),
            Native::Uuid(_) => uuid::attr(n, name, span),
            Native::Pattern(p) if name == "pattern" => Ok(Value::str(p.source())),
            Native::Match(m) if name == "string" => Ok(m.subject()),
            Native::Digest(_) | Native::Pattern(_) | Native::Match(_) => {
                Err(super::exec::attribute_error(format!("'{}' object has no attribute '{name}'", recv_name(n)), span))
            }
            _ => datetime::attr(n, name, span),
        }
    }

    /// `native.method(...)`.
    pub(crate) fn call_native_method(
        &mut self,
        recv: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if !cfg!(feature = "stdlib") {
            return Err(unsupported("pylite's standard-library modules in this build", span));
        }
        let Some(n) = native::of(recv) else {
            return Err(unsupported(&format!("{}.{name}", recv.type_name()), span));
        };
        match n {
            Native::Logger(logger) => {
                let logger = logger.clone();
                self.logger_method(&logger, name, args, kwargs, span)
            }
            Native::Digest(d) => codec::digest_method(d, name, span),
            Native::Pattern(p) => {
                let p = p.clone();
                self.pattern_method(&p, name, args, kwargs, span)
            }
            Native::Match(m) => {
                let m = m.clone();
                self.match_method(&m, name, args, span)
            }
            Native::Uuid(_) => Err(unsupported(&format!("{}.{name}", recv.type_name()), span)),
            _ => self.datetime_method(n, name, args, kwargs, span),
        }
    }

    /// `T(...)` for a native type.
    pub(crate) fn call_native(
        &mut self,
        t: &Value,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if !cfg!(feature = "stdlib") {
            return Err(unsupported("pylite's standard-library modules in this build", span));
        }
        match native::of(t) {
            Some(Native::Type("UUID")) => self.call_uuid("uuid.UUID", args, kwargs, span),
            Some(Native::Type(name)) => {
                let name = *name;
                self.construct_datetime(name, args, kwargs, span)
            }
            _ => Err(super::expr::type_error(format!("'{}' object is not callable", t.type_name()), span)),
        }
    }
}
