//! `contextlib`: `contextmanager` (a generator as a context manager, with CPython's
//! semantics: the `with` body's exception is thrown in at the `yield`), `suppress` and
//! `nullcontext`. The `with` statement drives them (`with_stmt.rs`); this file makes them.

use crate::eval::value::{Builtin, HostObject};
use crate::eval::{CallContext, EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

pub(crate) fn module() -> Value {
    super::native_module(
        "contextlib",
        vec![
            ("contextmanager", Value::Host(Rc::new(Maker::ContextManager))),
            ("suppress", Value::Host(Rc::new(Maker::Suppress))),
            ("nullcontext", Value::Host(Rc::new(Maker::NullContext))),
        ],
    )
}

/// The module's callables.
enum Maker {
    ContextManager,
    Suppress,
    NullContext,
}

impl HostObject for Maker {
    fn type_name(&self) -> String {
        match self {
            Maker::ContextManager => "function".into(),
            Maker::Suppress | Maker::NullContext => "type".into(),
        }
    }

    fn repr(&self) -> Option<String> {
        Some(match self {
            Maker::ContextManager => "<function contextmanager>".into(),
            Maker::Suppress => "<class 'contextlib.suppress'>".into(),
            Maker::NullContext => "<class 'contextlib.nullcontext'>".into(),
        })
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let type_error = |msg: String| EvalError::new("type-error", msg, cx.span).catchable("TypeError");
        match self {
            Maker::ContextManager => {
                if let Some((k, _)) = kwargs.first() {
                    return Err(type_error(format!("contextmanager() got an unexpected keyword argument '{k}'")));
                }
                let [func] = <[Value; 1]>::try_from(args)
                    .map_err(|a| type_error(format!("contextmanager() takes 1 positional argument but {} were given", a.len())))?;
                Ok(Value::Host(Rc::new(GeneratorFunction { func })))
            }
            Maker::Suppress => {
                if let Some((k, _)) = kwargs.first() {
                    return Err(type_error(format!("suppress() got an unexpected keyword argument '{k}'")));
                }
                let mut classes = Vec::with_capacity(args.len());
                for a in &args {
                    match a {
                        Value::Builtin(b) => match &**b {
                            Builtin::ExcType(c) => classes.push(*c),
                            _ => return Err(not_exception_class(cx.span)),
                        },
                        _ => return Err(not_exception_class(cx.span)),
                    }
                }
                Ok(Value::Host(Rc::new(Suppress { classes: classes.into() })))
            }
            Maker::NullContext => {
                let value = match (args.len(), kwargs.as_slice()) {
                    (0, []) => Value::None,
                    (1, []) => args.into_iter().next().unwrap_or(Value::None),
                    (0, [(k, v)]) if k == "enter_result" => v.clone(),
                    _ => return Err(type_error("nullcontext() takes at most 1 argument (enter_result)".into())),
                };
                Ok(Value::Host(Rc::new(NullContext(value))))
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// CPython only fails when an exception is compared against it; checked here, at the call.
fn not_exception_class(span: Span) -> EvalError {
    EvalError::new("type-error", "catching classes that do not inherit from BaseException is not allowed", span).catchable("TypeError")
}

/// A function decorated with `@contextmanager`: calling it calls the generator function and
/// wraps the generator (`Interpreter::call_value` sends the call to [`call_generator_function`]).
pub(crate) struct GeneratorFunction {
    pub func: Value,
}

impl HostObject for GeneratorFunction {
    fn type_name(&self) -> String {
        "function".into()
    }

    fn repr(&self) -> Option<String> {
        Some(self.func.repr())
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (name, &self.func) {
            ("__wrapped__", f) => Ok(f.clone()),
            ("__name__", Value::Function(f)) => Ok(Value::str(&f.def.name.name)),
            ("__qualname__", Value::Function(f)) => Ok(Value::str(&f.qualname)),
            _ => Err(cx.error("eval-error", format!("AttributeError: 'function' object has no attribute '{name}'"))),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What a `@contextmanager` function returns: entered and exited by the `with` statement.
pub(crate) struct GeneratorContextManager {
    pub gen: Value,
}

impl HostObject for GeneratorContextManager {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }

    fn repr(&self) -> Option<String> {
        Some("<contextlib._GeneratorContextManager object>".into())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `suppress(*exceptions)`.
pub(crate) struct Suppress {
    pub classes: Rc<[&'static str]>,
}

impl HostObject for Suppress {
    fn type_name(&self) -> String {
        "suppress".into()
    }

    fn repr(&self) -> Option<String> {
        Some("<contextlib.suppress object>".into())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `nullcontext(enter_result=None)`: a plain host manager.
struct NullContext(Value);

impl HostObject for NullContext {
    fn type_name(&self) -> String {
        "nullcontext".into()
    }

    fn repr(&self) -> Option<String> {
        Some("<contextlib.nullcontext object>".into())
    }

    fn enter(&self, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(self.0.clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Interpreter<'_> {
    /// Calling a `@contextmanager` function: its generator, wrapped.
    pub(crate) fn call_generator_function(
        &mut self,
        f: &GeneratorFunction,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let gen = self.call_value(&f.func, args, kwargs, span)?;
        self.alloc_items(1)?;
        Ok(Value::Host(Rc::new(GeneratorContextManager { gen })))
    }
}
