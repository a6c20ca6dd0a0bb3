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
        ("contextmanager", Value::Host(Rc::new(Maker::ContextManager))),
        ("asynccontextmanager", Value::Host(Rc::new(Maker::AsyncContextManager))),
        ("suppress", Value::Host(Rc::new(Maker::Suppress))),
        ("nullcontext", Value::Host(Rc::new(Maker::NullContext))),
        ("ExitStack", Value::Host(Rc::new(Maker::ExitStack))),
    ];
    for name in NOT_PROVIDED {
        names.push((name, Value::Host(Rc::new(StandIn { module: "contextlib".into(), attr: Some(name.to_string()) }))));
    }
    super::native_module("contextlib", names)
}

/// The module's callables.
enum Maker {
    ContextManager,
    AsyncContextManager,
    Suppress,
    NullContext,
    ExitStack,
}

impl HostObject for Maker {
    fn type_name(&self) -> String {
        match self {
            Maker::ContextManager | Maker::AsyncContextManager => "function".into(),
            Maker::Suppress | Maker::NullContext | Maker::ExitStack => "type".into(),
        }
    }

    fn repr(&self) -> Option<String> {
        Some(match self {
            Maker::ContextManager => "<function contextmanager>".into(),
            Maker::AsyncContextManager => "<function asynccontextmanager>".into(),
            Maker::ExitStack => "<class 'contextlib.ExitStack'>".into(),
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
                Ok(Value::Host(Rc::new(NativeCall::GeneratorFunction(func))))
            }
            // The `async def` it decorates is refused when called; decorating is harmless.
            Maker::AsyncContextManager => {
                let [func] = <[Value; 1]>::try_from(args)
                    .map_err(|a| type_error(format!("asynccontextmanager() takes 1 positional argument but {} were given", a.len())))?;
                Ok(func)
            }
            Maker::ExitStack => {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(type_error("ExitStack() takes no arguments".into()));
                }
                Ok(Value::Host(Rc::new(ExitStack { exits: Rc::default() })))
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

/// Callables that need the interpreter (`Interpreter::call_value` sends their calls to
/// [`Interpreter::call_native`]).
pub(crate) enum NativeCall {
    /// A function decorated with `@contextmanager`: calling it calls the generator function
    /// and wraps the generator.
    GeneratorFunction(Value),
    /// `stack.callback`, `stack.enter_context`, `stack.close`.
    ExitStackMethod(Rc<RefCell<Vec<Exit>>>, &'static str),
}

impl HostObject for NativeCall {
    fn type_name(&self) -> String {
        match self {
            NativeCall::GeneratorFunction(_) => "function".into(),
            NativeCall::ExitStackMethod(..) => "method".into(),
        }
    }

    fn repr(&self) -> Option<String> {
        Some(match self {
            NativeCall::GeneratorFunction(f) => f.repr(),
            NativeCall::ExitStackMethod(_, name) => format!("<bound method ExitStack.{name} of <contextlib.ExitStack object>>"),
        })
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        match (name, self) {
            ("__wrapped__", NativeCall::GeneratorFunction(f)) => Ok(f.clone()),
            ("__name__", NativeCall::GeneratorFunction(Value::Function(f))) => Ok(Value::str(&f.def.name.name)),
            ("__qualname__", NativeCall::GeneratorFunction(Value::Function(f))) => Ok(Value::str(&f.qualname)),
            _ => Err(cx.error("eval-error", format!("AttributeError: '{}' object has no attribute '{name}'", self.type_name()))),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What an `ExitStack` runs when it closes, last registered first.
pub(crate) enum Exit {
    /// `callback(f, *args, **kwargs)`: called; sees no exception, suppresses none.
    Callback(Value, Vec<Value>, Vec<(String, Value)>),
    /// `enter_context(cm)`: exited as a `with` would.
    Manager(Manager),
}

/// `contextlib.ExitStack()`.
pub(crate) struct ExitStack {
    pub exits: Rc<RefCell<Vec<Exit>>>,
}

impl HostObject for ExitStack {
    fn type_name(&self) -> String {
        "ExitStack".into()
    }

    fn repr(&self) -> Option<String> {
        Some("<contextlib.ExitStack object>".into())
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        let method = match name {
            "callback" => "callback",
            "enter_context" => "enter_context",
            "close" => "close",
            "push" | "pop_all" | "push_async_callback" | "enter_async_context" | "aclose" => {
                return Err(EvalError::new("unsupported", format!("not supported in revision files: 'ExitStack.{name}'"), cx.span))
            }
            _ => return Err(cx.error("eval-error", format!("AttributeError: 'ExitStack' object has no attribute '{name}'"))),
        };
        Ok(Value::Host(Rc::new(NativeCall::ExitStackMethod(self.exits.clone(), method))))
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
    pub(crate) fn call_native(
        &mut self,
        f: &NativeCall,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let type_error = |msg: String| EvalError::new("type-error", msg, span).catchable("TypeError");
        match f {
            NativeCall::GeneratorFunction(func) => {
                let gen = self.call_value(func, args, kwargs, span)?;
                self.alloc_items(1)?;
                Ok(Value::Host(Rc::new(GeneratorContextManager { gen })))
            }
            NativeCall::ExitStackMethod(exits, "callback") => {
                let mut args = args.into_iter();
                let Some(callback) = args.next() else {
                    return Err(type_error("ExitStack.callback() missing 1 required positional argument: 'callback'".into()));
                };
                self.alloc_items(2 + args.len() + kwargs.len())?;
                exits.borrow_mut().push(Exit::Callback(callback.clone(), args.collect(), kwargs));
                Ok(callback)
            }
            NativeCall::ExitStackMethod(exits, "enter_context") => {
                let [cm] = <[Value; 1]>::try_from(args)
                    .map_err(|a| type_error(format!("ExitStack.enter_context() takes 1 positional argument but {} were given", a.len())))?;
                let (manager, entered) = self.enter_manager(cm, span)?;
                self.alloc_items(1)?;
                exits.borrow_mut().push(Exit::Manager(manager));
                Ok(entered)
            }
            NativeCall::ExitStackMethod(exits, _close) => {
                self.unwind_exit_stack(exits, Ok(Flow::Normal), span)?;
                Ok(Value::None)
            }
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
