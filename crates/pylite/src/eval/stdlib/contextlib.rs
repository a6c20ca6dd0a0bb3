//! `contextlib`: `contextmanager` (a generator as a context manager, with CPython's
//! semantics: the `with` body's exception is thrown in at the `yield`), `suppress`,
//! `nullcontext` and `ExitStack` (`callback`, `enter_context`, `close`). The `with`
//! statement drives them (`with_stmt.rs`); this file makes them. `asynccontextmanager`
//! decorates (its function cannot be called: coroutines do not run here); the module's
//! other names are stand-ins that fail when used.

use crate::eval::modules::StandIn;
use crate::eval::value::{Builtin, HostObject};
use crate::eval::with_stmt::Manager;
use crate::eval::{CallContext, EvalError, Flow, Interpreter, Value};
use diagnostics::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// Names of CPython's `contextlib` that pylite does not provide: importing them works.
const NOT_PROVIDED: &[&str] = &[
    "AbstractContextManager",
    "AbstractAsyncContextManager",
    "AsyncExitStack",
    "ContextDecorator",
    "AsyncContextDecorator",
    "closing",
    "aclosing",
    "redirect_stdout",
    "redirect_stderr",
    "chdir",
];

pub(crate) fn module() -> Value {
    let mut names = vec![
        ("contextmanager", Value::Host(Rc::new(Contextlib::ContextManager))),
        ("asynccontextmanager", Value::Host(Rc::new(Contextlib::AsyncContextManager))),
        ("suppress", Value::Host(Rc::new(Contextlib::SuppressType))),
        ("nullcontext", Value::Host(Rc::new(Contextlib::NullContextType))),
        ("ExitStack", Value::Host(Rc::new(Contextlib::ExitStackType))),
    ];
    for name in NOT_PROVIDED {
        names.push((name, Value::Host(Rc::new(StandIn { module: "contextlib".into(), attr: Some(name.to_string()), failed: None }))));
    }
    super::native_module("contextlib", names)
}

/// Everything this module makes, as one host type (one set of trait methods in the page).
pub(crate) enum Contextlib {
    /// The module's callables.
    ContextManager,
    AsyncContextManager,
    SuppressType,
    NullContextType,
    ExitStackType,
    /// A function decorated with `@contextmanager`: calling it (`Interpreter::call_native`)
    /// calls the generator function and wraps the generator.
    GeneratorFunction(Value),
    /// What a `@contextmanager` function returns: entered and exited by the `with` statement.
    GeneratorContextManager(Value),
    /// `suppress(*exceptions)`: the classes it swallows.
    Suppress(Rc<[&'static str]>),
    /// `nullcontext(enter_result=None)`.
    NullContext(Value),
    /// `ExitStack()`: its registered exits.
    ExitStack(Rc<RefCell<Vec<Exit>>>),
    /// `stack.callback`, `stack.enter_context`, `stack.close` (`Interpreter::call_native`).
    ExitStackMethod(Rc<RefCell<Vec<Exit>>>, &'static str),
}

/// What an `ExitStack` runs when it closes, last registered first.
pub(crate) enum Exit {
    /// `callback(f, *args, **kwargs)`: called; sees no exception, suppresses none.
    Callback(Value, Vec<Value>, Vec<(String, Value)>),
    /// `enter_context(cm)`: exited as a `with` would.
    Manager(Manager),
}

impl Contextlib {
    /// Calls that run Python code, made by the interpreter.
    pub(crate) fn needs_interpreter(&self) -> bool {
        matches!(self, Contextlib::GeneratorFunction(_) | Contextlib::ExitStackMethod(..))
    }
}

/// CPython only fails when an exception is compared against it; checked here, at the call.
fn not_exception_class(span: Span) -> EvalError {
    EvalError::new("type-error", "catching classes that do not inherit from BaseException is not allowed", span).catchable("TypeError")
}

impl HostObject for Contextlib {
    fn type_name(&self) -> String {
        match self {
            Contextlib::ContextManager | Contextlib::AsyncContextManager | Contextlib::GeneratorFunction(_) => "function",
            Contextlib::SuppressType | Contextlib::NullContextType | Contextlib::ExitStackType => "type",
            Contextlib::GeneratorContextManager(_) => "_GeneratorContextManager",
            Contextlib::Suppress(_) => "suppress",
            Contextlib::NullContext(_) => "nullcontext",
            Contextlib::ExitStack(_) => "ExitStack",
            Contextlib::ExitStackMethod(..) => "method",
        }
        .into()
    }

    fn repr(&self) -> Option<String> {
        Some(match self {
            Contextlib::ContextManager => "<function contextmanager>".into(),
            Contextlib::AsyncContextManager => "<function asynccontextmanager>".into(),
            Contextlib::GeneratorFunction(f) => f.repr(),
            Contextlib::ExitStackMethod(_, name) => format!("<bound method ExitStack.{name} of <contextlib.ExitStack object>>"),
            Contextlib::SuppressType => "<class 'contextlib.suppress'>".into(),
            Contextlib::NullContextType => "<class 'contextlib.nullcontext'>".into(),
            Contextlib::ExitStackType => "<class 'contextlib.ExitStack'>".into(),
            other => format!("<contextlib.{} object>", other.type_name()),
        })
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (self, name) {
            (Contextlib::GeneratorFunction(f), "__wrapped__") => return Ok(f.clone()),
            (Contextlib::GeneratorFunction(Value::Function(f)), "__name__") => return Ok(Value::str(&f.def.name.name)),
            (Contextlib::GeneratorFunction(Value::Function(f)), "__qualname__") => return Ok(Value::str(&f.qualname)),
            (Contextlib::ExitStack(exits), "callback" | "enter_context" | "close") => {
                let method = match name {
                    "callback" => "callback",
                    "enter_context" => "enter_context",
                    _ => "close",
                };
                return Ok(Value::Host(Rc::new(Contextlib::ExitStackMethod(exits.clone(), method))));
            }
            (Contextlib::ExitStack(_), "push" | "pop_all" | "push_async_callback" | "enter_async_context" | "aclose") => {
                return Err(EvalError::new("unsupported", format!("not supported in revision files: 'ExitStack.{name}'"), cx.span));
            }
            _ => {}
        }
        Err(cx.error("eval-error", format!("AttributeError: '{}' object has no attribute '{name}'", self.type_name())))
    }

    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let type_error = |msg: String| EvalError::new("type-error", msg, cx.span).catchable("TypeError");
        let what = match self {
            Contextlib::ContextManager => "contextmanager",
            Contextlib::AsyncContextManager => "asynccontextmanager",
            Contextlib::SuppressType => "suppress",
            Contextlib::NullContextType => "nullcontext",
            Contextlib::ExitStackType => "ExitStack",
            _ => return Err(type_error(format!("'{}' object is not callable", self.type_name()))),
        };
        if let Some((k, v)) = kwargs.first() {
            if what != "nullcontext" || k != "enter_result" || !args.is_empty() || kwargs.len() > 1 {
                return Err(type_error(format!("{what}() got an unexpected keyword argument '{k}'")));
            }
            return Ok(Value::Host(Rc::new(Contextlib::NullContext(v.clone()))));
        }
        Ok(Value::Host(Rc::new(match (self, args.len()) {
            (Contextlib::SuppressType, _) => {
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
                Contextlib::Suppress(classes.into())
            }
            (Contextlib::ExitStackType, 0) => Contextlib::ExitStack(Rc::default()),
            (Contextlib::NullContextType, 0) => Contextlib::NullContext(Value::None),
            (Contextlib::NullContextType, 1) => Contextlib::NullContext(args.into_iter().next().unwrap_or(Value::None)),
            (Contextlib::ContextManager, 1) => Contextlib::GeneratorFunction(args.into_iter().next().unwrap_or(Value::None)),
            // The `async def` it decorates is refused when called; decorating is harmless.
            (Contextlib::AsyncContextManager, 1) => return Ok(args.into_iter().next().unwrap_or(Value::None)),
            (_, n) => return Err(type_error(format!("{what}() takes a different number of arguments ({n} given)"))),
        })))
    }

    fn enter(&self, cx: &mut CallContext) -> Result<Value, EvalError> {
        match self {
            Contextlib::NullContext(v) => Ok(v.clone()),
            _ => Err(cx.error("type-error", format!("'{}' object does not support the context manager protocol", self.type_name()))),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Interpreter<'_> {
    pub(crate) fn call_contextlib(
        &mut self,
        f: &Contextlib,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let type_error = |msg: String| EvalError::new("type-error", msg, span).catchable("TypeError");
        match f {
            Contextlib::GeneratorFunction(func) => {
                let gen = self.call_value(func, args, kwargs, span)?;
                self.alloc_items(1)?;
                Ok(Value::Host(Rc::new(Contextlib::GeneratorContextManager(gen))))
            }
            Contextlib::ExitStackMethod(exits, "callback") => {
                let mut args = args.into_iter();
                let Some(callback) = args.next() else {
                    return Err(type_error("ExitStack.callback() missing 1 required positional argument: 'callback'".into()));
                };
                self.alloc_items(2 + args.len() + kwargs.len())?;
                exits.borrow_mut().push(Exit::Callback(callback.clone(), args.collect(), kwargs));
                Ok(callback)
            }
            Contextlib::ExitStackMethod(exits, "enter_context") => {
                let [cm] = <[Value; 1]>::try_from(args)
                    .map_err(|a| type_error(format!("ExitStack.enter_context() takes 1 positional argument but {} were given", a.len())))?;
                let (manager, entered) = self.enter_manager(cm, span)?;
                self.alloc_items(1)?;
                exits.borrow_mut().push(Exit::Manager(manager));
                Ok(entered)
            }
            Contextlib::ExitStackMethod(exits, _close) => {
                self.unwind_exit_stack(exits, Ok(Flow::Normal), span)?;
                Ok(Value::None)
            }
            other => Err(type_error(format!("'{}' object is not callable", other.type_name()))),
        }
    }

    /// Closes an `ExitStack` whose `with` body (or `close()`) ended with `result`: each exit,
    /// last first, sees what the ones after it left (an exception may be suppressed or
    /// replaced on the way).
    pub(crate) fn unwind_exit_stack(
        &mut self,
        exits: &RefCell<Vec<Exit>>,
        mut result: Result<Flow, EvalError>,
        span: Span,
    ) -> Result<Flow, EvalError> {
        let exits = std::mem::take(&mut *exits.borrow_mut());
        for exit in exits.into_iter().rev() {
            if result.as_ref().is_err_and(|e| e.exception.is_none()) {
                return result;
            }
            result = match exit {
                Exit::Callback(f, args, kwargs) => match self.call_value(&f, args, kwargs, span) {
                    Ok(_) => result,
                    Err(e) => Err(e),
                },
                Exit::Manager(m) => self.exit_manager(m, result, span),
            };
        }
        result
    }
}
