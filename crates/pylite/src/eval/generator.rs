//! Generators, run lazily by a tree-walking evaluator: "unwind and resume by path".
//!
//! A `yield` statement (`yield v`, `x = yield v`, `yield from it`) returns `Flow::Yield`; as
//! it propagates out of the generator's body, every block and compound statement it leaves
//! records where it was (`Frame`: the statement's index, the `if` branch taken, the `for`
//! loop's iterator, the `with`'s manager, the `try`'s clause). Resuming re-enters the body
//! along that path without re-evaluating anything on it, and each compound statement keeps
//! its semantics from there on: a resumed `try` still has its handlers and `finally`, a
//! resumed `with` still exits its manager, a resumed loop continues. The locals live in the
//! generator's `Env`, as any call's do. A `yield` inside a larger expression is refused.

use super::exec::unsupported;
use super::expr::{type_error, value_error};
use super::value::{take_scope, Builtin, Function};
use super::with_stmt::Manager;
use super::{Env, EvalError, Flow, Interpreter, Value};
use crate::ast::{Expr, ExprKind, Stmt, StmtKind};
use diagnostics::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// A generator object: its function, and where its body is.
pub struct Generator {
    pub(crate) func: Rc<Function>,
    pub(crate) state: RefCell<GenState>,
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<generator object {}>", self.func.qualname)
    }
}

pub(crate) enum GenState {
    /// Called, body not started.
    Created(Env),
    /// Stopped at a `yield`: the path to it, innermost first.
    Suspended(Env, Vec<Frame>),
    Running,
    Done,
}

/// Where a suspended body was, one level of nesting.
pub(crate) enum Frame {
    /// The statement at this index of its block.
    Block(usize),
    /// The `if` after `hops` `elif`s: its body, or its final `else`.
    If {
        hops: usize,
        in_else: bool,
    },
    For {
        iter: PyIter,
        in_else: bool,
    },
    While {
        in_else: bool,
    },
    /// One `with` item's entered manager.
    With(Manager),
    Try(TryStage),
    /// The `yield` statement itself.
    Yield,
    /// A `yield from` statement, delegating to this iterator.
    YieldFrom(PyIter),
}

pub(crate) enum TryStage {
    Body,
    /// Running handler `0` for the exception `1`.
    Handler(usize, EvalError),
    Else,
    /// Running `finally`; then this outcome of the rest stands.
    Finally(Box<Result<Flow, EvalError>>),
}

/// A `yield` on its way out of the body.
pub(crate) struct Suspension {
    pub value: Value,
    pub frames: Vec<Frame>,
}

impl Flow {
    /// A suspension leaving a statement records `frame`, where it was in that statement.
    pub(crate) fn within(self, frame: impl FnOnce() -> Frame) -> Flow {
        if !cfg!(feature = "generators") {
            // Nothing suspends without the feature: the page keeps no path-recording code.
            return self;
        }
        match self {
            Flow::Yield(mut s) => {
                s.frames.push(frame());
                Flow::Yield(s)
            }
            flow => flow,
        }
    }
}

/// What a resumed `yield` evaluates to: `next()`/`send()`'s value, or `throw()`'s exception.
pub(crate) enum Resume {
    Send(Value),
    Throw(EvalError),
}

/// How a resumption of a generator ended.
pub(crate) enum Outcome {
    Yielded(Value),
    /// The body finished: `return`'s value (None when it fell off its end).
    Returned(Value),
}

/// A `for` loop's or `yield from`'s iterator: a generator resumed item by item, or the items
/// of anything else (collected when the loop began, as pylite iterates builtins).
pub(crate) enum PyIter {
    Items(std::vec::IntoIter<Value>),
    Gen(Rc<Generator>),
}

impl PyIter {
    pub(crate) fn empty() -> PyIter {
        PyIter::Items(Vec::new().into_iter())
    }

    fn into_values(self, out: &mut Vec<Value>) {
        match self {
            PyIter::Items(items) => out.extend(items),
            PyIter::Gen(g) => out.push(Value::Generator(g)),
        }
    }
}

impl Generator {
    /// What it holds, for `Value`'s iterative drop (a chain of generators must not recurse).
    pub(crate) fn into_values(self, out: &mut Vec<Value>) {
        out.push(Value::Function(self.func));
        let (env, frames) = match self.state.into_inner() {
            GenState::Created(env) => (env, Vec::new()),
            GenState::Suspended(env, frames) => (env, frames),
            GenState::Running | GenState::Done => return,
        };
        for scope in env.scopes {
            take_scope(scope, out);
        }
        for f in frames {
            match f {
                Frame::For { iter, .. } | Frame::YieldFrom(iter) => iter.into_values(out),
                Frame::With(m) => m.into_values(out),
                Frame::Block(_) | Frame::If { .. } | Frame::While { .. } | Frame::Try(_) | Frame::Yield => {}
            }
        }
    }

    /// Frees its locals and path (the interpreter's drop: breaks generator ↔ scope cycles).
    pub(crate) fn clear(&self) {
        let state = self.state.try_borrow_mut().map(|mut s| std::mem::replace(&mut *s, GenState::Done));
        drop(state);
    }
}

/// The `yield`/`yield from` of a statement that is one: `yield v`, `x = yield v`, `x: T = yield v`.
pub(crate) fn yield_of(s: &Stmt) -> Option<&Expr> {
    let e = match &s.kind {
        StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } | StmtKind::AnnAssign { value: Some(e), .. } => e,
        _ => return None,
    };
    matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)).then_some(e)
}

fn stop_iteration(value: &Value, span: Span) -> EvalError {
    let text = match value {
        Value::None => "StopIteration".to_string(),
        v => format!("StopIteration: {}", v.to_str()),
    };
    EvalError::new("eval-error", text, span).catchable("StopIteration")
}

fn runtime_error(msg: &str, span: Span) -> EvalError {
    EvalError::new("eval-error", format!("RuntimeError: {msg}"), span).catchable("RuntimeError")
}

impl Interpreter<'_> {
    /// Calling a generator function: its arguments are bound, its body waits.
    pub(crate) fn make_generator(&mut self, func: &Rc<Function>, env: Env) -> Result<Value, EvalError> {
        self.alloc_items(4)?;
        let g = Rc::new(Generator { func: func.clone(), state: RefCell::new(GenState::Created(env)) });
        self.track_generator(&g);
        Ok(Value::Generator(g))
    }

    /// Runs the generator's body up to its next `yield` or its end.
    pub(crate) fn resume_generator(&mut self, g: &Rc<Generator>, input: Resume, span: Span) -> Result<Outcome, EvalError> {
        if !cfg!(feature = "generators") {
            // Never reached (no generator is made without the feature); lets the optimiser
            // drop the resuming code from the page.
            return Err(super::left_out("a generator", span));
        }
        let state = std::mem::replace(&mut *g.state.borrow_mut(), GenState::Running);
        let (env, frames) = match (state, input) {
            (GenState::Running, _) => {
                *g.state.borrow_mut() = GenState::Running;
                return Err(EvalError::new("eval-error", "ValueError: generator already executing", span).catchable("ValueError"));
            }
            (GenState::Done, input) => {
                *g.state.borrow_mut() = GenState::Done;
                return match input {
                    Resume::Throw(e) => Err(e),
                    Resume::Send(_) => Ok(Outcome::Returned(Value::None)),
                };
            }
            (GenState::Created(env), Resume::Send(v)) if !matches!(v, Value::None) => {
                *g.state.borrow_mut() = GenState::Created(env);
                return Err(value_error("TypeError", "can't send non-None value to a just-started generator", span));
            }
            (GenState::Created(_), Resume::Throw(e)) => {
                *g.state.borrow_mut() = GenState::Done;
                return Err(e);
            }
            (GenState::Created(env), Resume::Send(_)) => (env, None),
            (GenState::Suspended(env, frames), input) => (env, Some((frames, input))),
        };
        if self.depth >= super::MAX_CALL_DEPTH {
            *g.state.borrow_mut() = GenState::Done;
            return Err(EvalError::new("eval-error", "RecursionError: maximum recursion depth exceeded", span));
        }
        let thrown = match &frames {
            Some((_, Resume::Throw(e))) => Some((e.message().to_string(), e.span())),
            _ => None,
        };
        self.depth += 1;
        let saved = self.stmt_span;
        let func = g.func.clone();
        let crossing = super::modules::crosses(&self.file, &func.file);
        let swapped = (crossing || !Rc::ptr_eq(&self.globals, &func.globals))
            .then(|| (std::mem::replace(&mut self.globals, func.globals.clone()), std::mem::replace(&mut self.file, func.file.clone())));
        let r = match frames {
            None => self.exec_block(&func.def.body, &env),
            Some((mut frames, input)) => self.resume_block(&func.def.body, &env, &mut frames, input),
        };
        if let Some((globals, file)) = swapped {
            self.globals = globals;
            self.file = file;
        }
        self.depth -= 1;
        self.stmt_span = saved;
        let r = match r {
            Ok(Flow::Yield(s)) => {
                *g.state.borrow_mut() = GenState::Suspended(env, s.frames);
                return Ok(Outcome::Yielded(s.value));
            }
            Ok(Flow::Return(v)) => Ok(Outcome::Returned(v)),
            Ok(_) => Ok(Outcome::Returned(Value::None)),
            // PEP 479: a StopIteration escaping the body would end the caller's loop silently.
            Err(e) if e.exception.as_deref() == Some("StopIteration") => Err(runtime_error("generator raised StopIteration", span)),
            // The exception thrown in, re-raised: it keeps its own location.
            Err(e) if thrown.as_ref().is_some_and(|(m, s)| e.message() == m && e.span() == *s) => Err(e),
            Err(e) if crossing => Err(super::modules::relocate(e, func.file.as_ref(), span, &func.qualname)),
            Err(e) => Err(e),
        };
        if let Some(locals) = env.scopes.last() {
            self.release_scope(locals);
        }
        *g.state.borrow_mut() = GenState::Done;
        r
    }

    /// Resumes a block at the statement its frame names, then runs the rest of it.
    pub(crate) fn resume_block(&mut self, body: &[Stmt], env: &Env, frames: &mut Vec<Frame>, input: Resume) -> Result<Flow, EvalError> {
        let Some(Frame::Block(i)) = frames.pop() else { return Err(lost(body.first().map_or(self.stmt_span, |s| s.span))) };
        let Some(s) = body.get(i) else { return Err(lost(self.stmt_span)) };
        match self.resume_stmt(s, env, frames, input)? {
            Flow::Normal => self.exec_block_from(body, i + 1, env),
            flow => Ok(flow.within(|| Frame::Block(i))),
        }
    }

    fn resume_stmt(&mut self, s: &Stmt, env: &Env, frames: &mut Vec<Frame>, input: Resume) -> Result<Flow, EvalError> {
        self.stmt_span = s.span;
        let frame = frames.pop().ok_or_else(|| lost(s.span))?;
        match (frame, &s.kind) {
            (Frame::Yield, _) => match input {
                Resume::Send(v) => self.finish_yield(s, v, env),
                Resume::Throw(e) => Err(e),
            },
            (Frame::YieldFrom(iter), _) => self.delegate(s, iter, input, env),
            (Frame::If { hops, in_else }, StmtKind::If { .. }) => {
                let mut at = s;
                for _ in 0..hops {
                    match &at.kind {
                        StmtKind::If { orelse, .. } if orelse.len() == 1 => at = &orelse[0],
                        _ => return Err(lost(s.span)),
                    }
                }
                let StmtKind::If { body, orelse, .. } = &at.kind else { return Err(lost(s.span)) };
                let branch = if in_else { orelse } else { body };
                Ok(self.resume_block(branch, env, frames, input)?.within(|| Frame::If { hops, in_else }))
            }
            (Frame::For { iter, in_else }, StmtKind::For { target, body, orelse, .. }) => {
                if in_else {
                    return Ok(self
                        .resume_block(orelse, env, frames, input)?
                        .within(|| Frame::For { iter: PyIter::empty(), in_else: true }));
                }
                match self.resume_block(body, env, frames, input) {
                    Ok(Flow::Normal | Flow::Continue) => self.for_loop(s.span, target, body, orelse, iter, env),
                    Ok(Flow::Yield(y)) => Ok(Flow::Yield(y).within(|| Frame::For { iter, in_else: false })),
                    r => self.leave_loop(iter, r, s.span),
                }
            }
            (Frame::While { in_else }, StmtKind::While { test, body, orelse }) => {
                if in_else {
                    return Ok(self.resume_block(orelse, env, frames, input)?.within(|| Frame::While { in_else: true }));
                }
                match self.resume_block(body, env, frames, input)? {
                    Flow::Break => Ok(Flow::Normal),
                    Flow::Yield(y) => Ok(Flow::Yield(y).within(|| Frame::While { in_else: false })),
                    Flow::Return(v) => Ok(Flow::Return(v)),
                    Flow::Normal | Flow::Continue => self.while_loop(s.span, test, body, orelse, env),
                }
            }
            (Frame::With(manager), StmtKind::With { items, body }) => self.resume_with(manager, items, body, env, frames, input),
            (Frame::Try(stage), StmtKind::Try { body, handlers, orelse, finalbody }) => match stage {
                TryStage::Body => {
                    let r = self.resume_block(body, env, frames, input);
                    self.try_after_body(r, handlers, orelse, finalbody, env)
                }
                TryStage::Handler(i, err) => {
                    let h = handlers.get(i).ok_or_else(|| lost(s.span))?;
                    self.handling.push(err.clone());
                    let r = self.resume_block(&h.body, env, frames, input);
                    self.handling.pop();
                    let r = r.map(|f| f.within(|| Frame::Try(TryStage::Handler(i, err))));
                    self.try_finally(r, finalbody, env)
                }
                TryStage::Else => {
                    let r = self.resume_block(orelse, env, frames, input).map(|f| f.within(|| Frame::Try(TryStage::Else)));
                    self.try_finally(r, finalbody, env)
                }
                TryStage::Finally(pending) => match self.resume_block(finalbody, env, frames, input)? {
                    Flow::Normal => *pending,
                    Flow::Yield(y) => Ok(Flow::Yield(y).within(|| Frame::Try(TryStage::Finally(pending)))),
                    flow => Ok(flow),
                },
            },
            _ => Err(lost(s.span)),
        }
    }

    /// A `for` loop left by `break`, `return` or an exception, before its iterator's end. A
    /// generator nothing else refers to is closed, as CPython's reference counting does at
    /// that point (its `finally` blocks run); what its closing raises is ignored, as there.
    pub(crate) fn leave_loop(&mut self, items: PyIter, r: Result<Flow, EvalError>, span: Span) -> Result<Flow, EvalError> {
        if let PyIter::Gen(g) = items {
            if Rc::strong_count(&g) == 1 {
                if let Err(e) = self.close_generator(&g, span) {
                    if e.exception.is_none() {
                        return Err(e);
                    }
                }
            }
        }
        match r {
            Ok(Flow::Break) => Ok(Flow::Normal),
            r => r,
        }
    }

    /// A `yield` statement reached in the normal course of the body.
    pub(crate) fn start_yield(&mut self, s: &Stmt, e: &Expr, env: &Env) -> Result<Flow, EvalError> {
        if !cfg!(feature = "generators") {
            // Unreachable: only a generator function's body has a `yield`, and without the
            // feature none is called.
            return Err(super::left_out("'yield'", s.span));
        }
        match &e.kind {
            ExprKind::Yield(v) => {
                let value = match v {
                    Some(v) => self.eval(v, env)?,
                    None => Value::None,
                };
                Ok(Flow::Yield(Box::new(Suspension { value, frames: vec![Frame::Yield] })))
            }
            ExprKind::YieldFrom(it) => {
                let v = self.eval(it, env)?;
                let iter = self.py_iter(v, it.span)?;
                self.delegate(s, iter, Resume::Send(Value::None), env)
            }
            _ => Err(lost(e.span)),
        }
    }

    /// `yield from`: passes `input` to the inner iterator; suspends with what it yields, or
    /// finishes the statement with what it returned.
    fn delegate(&mut self, s: &Stmt, mut iter: PyIter, input: Resume, env: &Env) -> Result<Flow, EvalError> {
        let span = yield_of(s).map_or(s.span, |e| e.span);
        let outcome = match (&mut iter, input) {
            (PyIter::Gen(g), input) => {
                let g = g.clone();
                self.resume_generator(&g, input, span)?
            }
            (PyIter::Items(items), Resume::Send(Value::None)) => match items.next() {
                Some(v) => Outcome::Yielded(v),
                None => Outcome::Returned(Value::None),
            },
            (PyIter::Items(_), Resume::Send(_)) => {
                return Err(EvalError::new("eval-error", "AttributeError: 'list_iterator' object has no attribute 'send'", span)
                    .catchable("AttributeError"))
            }
            (PyIter::Items(_), Resume::Throw(e)) => return Err(e),
        };
        match outcome {
            Outcome::Yielded(value) => Ok(Flow::Yield(Box::new(Suspension { value, frames: vec![Frame::YieldFrom(iter)] }))),
            Outcome::Returned(v) => self.finish_yield(s, v, env),
        }
    }

    /// The `yield` statement completes with `v`: assigned to its targets, if any.
    fn finish_yield(&mut self, s: &Stmt, v: Value, env: &Env) -> Result<Flow, EvalError> {
        match &s.kind {
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    self.assign(t, v.clone(), env)?;
                }
            }
            StmtKind::AnnAssign { target, .. } => self.assign(target, v, env)?,
            _ => {}
        }
        Ok(Flow::Normal)
    }

    /// An iterator for a `for` loop, comprehension or `yield from`: lazy over generators.
    pub(crate) fn py_iter(&mut self, v: Value, span: Span) -> Result<PyIter, EvalError> {
        Ok(match &v {
            Value::Generator(g) => PyIter::Gen(g.clone()),
            v => PyIter::Items(self.iterate(v, span)?.into_iter()),
        })
    }

    pub(crate) fn iter_next(&mut self, it: &mut PyIter, span: Span) -> Result<Option<Value>, EvalError> {
        match it {
            PyIter::Items(items) => Ok(items.next()),
            PyIter::Gen(_) if !cfg!(feature = "generators") => Err(super::left_out("a generator", span)),
            PyIter::Gen(g) => {
                let g = g.clone();
                match self.resume_generator(&g, Resume::Send(Value::None), span)? {
                    Outcome::Yielded(v) => Ok(Some(v)),
                    Outcome::Returned(_) => Ok(None),
                }
            }
        }
    }

    /// All the items a generator has left (`list(g)`, `tuple(g)`, ...), one step each.
    pub(crate) fn drain_generator(&mut self, g: &Rc<Generator>, span: Span) -> Result<Vec<Value>, EvalError> {
        if !cfg!(feature = "generators") {
            return Err(super::left_out("a generator", span));
        }
        let mut out = Vec::new();
        let mut it = PyIter::Gen(g.clone());
        while let Some(v) = self.iter_next(&mut it, span)? {
            self.step()?;
            self.alloc_items(1)?;
            out.push(v);
        }
        Ok(out)
    }

    /// `next(g)`, with `next`'s optional default.
    pub(crate) fn generator_next(&mut self, g: &Rc<Generator>, default: Option<Value>, span: Span) -> Result<Value, EvalError> {
        if !cfg!(feature = "generators") {
            return Err(super::left_out("a generator", span));
        }
        match (self.resume_generator(g, Resume::Send(Value::None), span)?, default) {
            (Outcome::Yielded(v), _) => Ok(v),
            (Outcome::Returned(_), Some(d)) => Ok(d),
            (Outcome::Returned(v), None) => Err(stop_iteration(&v, span)),
        }
    }

    /// `g.send(v)`, `g.throw(exc)`, `g.close()`, `g.__next__()`.
    pub(crate) fn generator_method(&mut self, g: &Rc<Generator>, name: &str, args: Vec<Value>, span: Span) -> Result<Value, EvalError> {
        if !cfg!(feature = "generators") {
            return Err(super::left_out("a generator", span));
        }
        let want = match name {
            "send" | "throw" => 1,
            _ => 0,
        };
        if args.len() != want {
            return Err(type_error(format!("{name}() takes exactly {want} argument(s) ({} given)", args.len()), span));
        }
        let mut args = args.into_iter();
        let outcome = match name {
            "__next__" => return self.generator_next(g, None, span),
            "send" => self.resume_generator(g, Resume::Send(args.next().unwrap_or(Value::None)), span)?,
            "throw" => {
                let exc = args.next().unwrap_or(Value::None);
                let err = exception_error(&exc, span).ok_or_else(|| type_error("exceptions must derive from BaseException", span))?;
                self.resume_generator(g, Resume::Throw(err), span)?
            }
            "close" => return self.close_generator(g, span).map(|()| Value::None),
            _ => return Err(unsupported(&format!("generator.{name}"), span)),
        };
        match outcome {
            Outcome::Yielded(v) => Ok(v),
            Outcome::Returned(v) => Err(stop_iteration(&v, span)),
        }
    }

    /// `g.close()`: `GeneratorExit` thrown in at the `yield`, which must not yield again.
    pub(crate) fn close_generator(&mut self, g: &Rc<Generator>, span: Span) -> Result<(), EvalError> {
        if !cfg!(feature = "generators") {
            return Err(super::left_out("a generator", span));
        }
        if !matches!(*g.state.borrow(), GenState::Suspended(..)) {
            *g.state.borrow_mut() = GenState::Done;
            return Ok(());
        }
        let exit = EvalError::new("eval-error", "GeneratorExit", span).catchable("GeneratorExit");
        match self.resume_generator(g, Resume::Throw(exit), span) {
            Ok(Outcome::Yielded(_)) => Err(runtime_error("generator ignored GeneratorExit", span)),
            Ok(Outcome::Returned(_)) => Ok(()),
            Err(e) if e.exception.as_deref() == Some("GeneratorExit") => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn track_generator(&mut self, g: &Rc<Generator>) {
        if self.generators.len() >= 2 * self.generators_live.max(16) {
            self.generators.retain(|w| w.strong_count() > 0);
            self.generators_live = self.generators.len();
        }
        self.generators.push(Rc::downgrade(g));
    }
}

/// The exception an exception class or instance raises (`raise X`, `g.throw(X)`).
pub(crate) fn exception_error(v: &Value, span: Span) -> Option<EvalError> {
    let Value::Builtin(b) = v else { return None };
    let (class, msg) = match &**b {
        Builtin::ExcType(t) => (*t, ""),
        Builtin::ExcInstance(t, m) => (*t, m.as_str()),
        _ => return None,
    };
    let text = if msg.is_empty() { class.to_string() } else { format!("{class}: {msg}") };
    Some(EvalError::new("eval-error", text, span).catchable(class))
}

/// A resume path that does not fit the body (cannot happen: the path was recorded on it).
pub(crate) fn lost(span: Span) -> EvalError {
    EvalError::new("eval-error", "internal error: a generator's resume path does not match its body", span)
}
