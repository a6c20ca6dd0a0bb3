//! The `with` statement's protocol over the context managers pylite knows: host objects
//! (`op.batch_alter_table`, `conn.begin()`), instances of the file's classes with
//! `__enter__`/`__exit__`, and `contextlib`'s (`stdlib/contextlib.rs`): a generator-based
//! manager (`@contextmanager`), `suppress`, `nullcontext`.

use super::exec::exc_matches;
use super::generator::{lost, Frame, Generator, Outcome, Resume};
use super::stdlib::contextlib::{Contextlib, Exit};
use super::value::{Builtin, HostObject};
use super::{CallContext, Env, EvalError, Flow, Interpreter, Value};
use crate::ast::{Stmt, WithItem};
use diagnostics::Span;
use std::rc::Rc;

/// An entered context manager, exited when its `with` body ends.
pub(crate) enum Manager {
    Host(Rc<dyn HostObject>),
    /// An instance of a class of the program: its `__exit__` is called.
    Instance(Value),
    /// `@contextmanager`: the generator, stopped at its `yield`.
    Generator(Rc<Generator>),
    /// `contextlib.suppress`: the exception classes it swallows.
    Suppress(Rc<[&'static str]>),
    /// `contextlib.ExitStack`: its registered exits.
    ExitStack(Rc<std::cell::RefCell<Vec<Exit>>>),
}

impl Manager {
    pub(crate) fn into_values(self, out: &mut Vec<Value>) {
        match self {
            Manager::Instance(v) => out.push(v),
            Manager::Generator(g) => out.push(Value::Generator(g)),
            Manager::ExitStack(exits) => {
                for exit in Rc::try_unwrap(exits).map(|e| e.into_inner()).unwrap_or_default() {
                    match exit {
                        Exit::Callback(f, args, kwargs) => {
                            out.push(f);
                            out.extend(args);
                            out.extend(kwargs.into_iter().map(|(_, v)| v));
                        }
                        Exit::Manager(m) => m.into_values(out),
                    }
                }
            }
            Manager::Host(_) | Manager::Suppress(_) => {}
        }
    }
}

fn runtime_error(msg: &str, span: Span) -> EvalError {
    EvalError::new("eval-error", format!("RuntimeError: {msg}"), span).catchable("RuntimeError")
}

fn no_protocol(v: &Value, span: Span) -> EvalError {
    EvalError::new("type-error", format!("'{}' object does not support the context manager protocol", v.type_name()), span)
        .catchable("TypeError")
}

impl Interpreter<'_> {
    pub(crate) fn with(&mut self, items: &[WithItem], body: &[Stmt], env: &Env) -> Result<Flow, EvalError> {
        let Some((item, rest)) = items.split_first() else { return self.exec_block(body, env) };
        let ctx = self.eval(&item.context, env)?;
        let (manager, entered) = self.enter_manager(ctx, item.context.span)?;
        let result = match &item.target {
            Some(t) => self.assign(t, entered, env).and_then(|()| self.with(rest, body, env)),
            None => self.with(rest, body, env),
        };
        self.exit_manager(manager, result, item.context.span)
    }

    /// A suspended generator resumed inside a `with`: `manager` is `items[0]`'s.
    pub(crate) fn resume_with(
        &mut self,
        manager: Manager,
        items: &[WithItem],
        body: &[Stmt],
        env: &Env,
        frames: &mut Vec<Frame>,
        input: Resume,
    ) -> Result<Flow, EvalError> {
        let span = items.first().map_or(self.stmt_span, |i| i.context.span);
        let result = if items.len() > 1 {
            match frames.pop() {
                Some(Frame::With(inner)) => self.resume_with(inner, &items[1..], body, env, frames, input),
                _ => Err(lost(span)),
            }
        } else {
            self.resume_block(body, env, frames, input)
        };
        self.exit_manager(manager, result, span)
    }

    pub(crate) fn enter_manager(&mut self, ctx: Value, span: Span) -> Result<(Manager, Value), EvalError> {
        match &ctx {
            // contextlib's managers exist only with the `stdlib` feature (the page has none).
            Value::Host(h) if !cfg!(feature = "stdlib") => {
                let entered = h.enter(&mut CallContext::new(span, &mut *self.host))?;
                Ok((Manager::Host(h.clone()), entered))
            }
            Value::Host(h) => {
                match h.as_any().downcast_ref::<Contextlib>() {
                    Some(Contextlib::Suppress(classes)) => return Ok((Manager::Suppress(classes.clone()), Value::None)),
                    Some(Contextlib::ExitStack(exits)) => return Ok((Manager::ExitStack(exits.clone()), ctx.clone())),
                    _ => {}
                }
                if let Some(Contextlib::GeneratorContextManager(gen)) = h.as_any().downcast_ref::<Contextlib>() {
                    let Value::Generator(g) = gen else {
                        return Err(super::expr::type_error(format!("'{}' object is not an iterator", gen.type_name()), span));
                    };
                    return match self.resume_generator(g, Resume::Send(Value::None), span)? {
                        Outcome::Yielded(v) => Ok((Manager::Generator(g.clone()), v)),
                        Outcome::Returned(_) => Err(runtime_error("generator didn't yield", span)),
                    };
                }
                let entered = h.enter(&mut CallContext::new(span, &mut *self.host))?;
                Ok((Manager::Host(h.clone()), entered))
            }
            Value::Instance(i) if i.class.lookup("__enter__").is_some() && i.class.lookup("__exit__").is_some() => {
                let enter = self.get_attr(&ctx, "__enter__", span)?;
                let entered = self.call_value(&enter, Vec::new(), Vec::new(), span)?;
                Ok((Manager::Instance(ctx), entered))
            }
            _ => Err(no_protocol(&ctx, span)),
        }
    }

    /// The end of a `with` body that ended with `result`; a suspended body (a generator's
    /// `yield`) keeps its manager entered.
    pub(crate) fn exit_manager(&mut self, manager: Manager, result: Result<Flow, EvalError>, span: Span) -> Result<Flow, EvalError> {
        if let Ok(Flow::Yield(_)) = result {
            return result.map(|f| f.within(|| Frame::With(manager)));
        }
        match manager {
            Manager::Host(h) => {
                h.exit(result.is_ok(), &mut CallContext::new(span, &mut *self.host))?;
                result
            }
            // An error no `except` may catch (a budget, `unsupported`) ends the run: no
            // Python-level exit code runs after it.
            _ if result.as_ref().is_err_and(|e| e.exception.is_none()) => result,
            Manager::Instance(v) => {
                let (class, value) = match &result {
                    Err(e) => {
                        let class =
                            super::builtins::EXCEPTIONS.iter().copied().find(|c| Some(*c) == e.exception.as_deref()).unwrap_or("Exception");
                        let msg = e.message().split_once(": ").map_or("", |x| x.1).to_string();
                        (Value::Builtin(Rc::new(Builtin::ExcType(class))), Value::Builtin(Rc::new(Builtin::ExcInstance(class, msg))))
                    }
                    Ok(_) => (Value::None, Value::None),
                };
                let exit = self.get_attr(&v, "__exit__", span)?;
                let suppress = self.call_value(&exit, vec![class, value, Value::None], Vec::new(), span)?.truthy();
                match result {
                    Err(_) if suppress => Ok(Flow::Normal),
                    r => r,
                }
            }
            // Only contextlib makes the managers below (the `stdlib` feature).
            _ if !cfg!(feature = "stdlib") => result,
            Manager::Generator(g) => match result {
                Ok(flow) => match self.resume_generator(&g, Resume::Send(Value::None), span)? {
                    Outcome::Yielded(_) => Err(runtime_error("generator didn't stop", span)),
                    Outcome::Returned(_) => Ok(flow),
                },
                // Thrown in at the `yield`: re-raised, replaced, or swallowed by the generator.
                Err(e) => match self.resume_generator(&g, Resume::Throw(e), span)? {
                    Outcome::Yielded(_) => Err(runtime_error("generator didn't stop after throw()", span)),
                    Outcome::Returned(_) => Ok(Flow::Normal),
                },
            },
            Manager::ExitStack(exits) => self.unwind_exit_stack(&exits, result, span),
            Manager::Suppress(classes) => match &result {
                Err(e)
                    if e.exception
                        .as_deref()
                        .is_some_and(|c| classes.iter().any(|h| exc_matches(h, c) || self.host.exception_derives(c, h))) =>
                {
                    Ok(Flow::Normal)
                }
                _ => result,
            },
        }
    }
}
