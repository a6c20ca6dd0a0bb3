//! The evaluator: runs a parsed module's top level and then its functions (`upgrade()`,
//! `downgrade()`) against host objects the caller provides. Knows nothing of Alembic or SQL.
//!
//! Bounded: every statement, expression node and loop iteration costs one step of a budget,
//! and so does the work inside operators and builtins in proportion to its size (elements
//! compared or copied, text scanned: `budget.rs`); the bytes of every string and container
//! built are charged to a memory budget *before* they are allocated; calls nest at most
//! [`MAX_CALL_DEPTH`] deep. So no input can hang, exhaust memory or overflow the stack.
//! Anything valid in Python but not supported here is a located `unsupported` diagnostic.
//! Annotations are not evaluated (as under `from __future__ import annotations`).

mod budget;
mod builtins;
mod builtins_extra;
mod derive;
mod exec;
mod expr;
mod format;
mod generator;
mod left_out;
mod methods;
pub mod modules;
mod ops;
mod sequence;
mod stdlib;
mod suggest;
mod value;
mod wide_ints;
mod with_stmt;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_budget;
#[cfg(test)]
mod tests_errors;
#[cfg(all(test, feature = "stdlib", feature = "generators"))]
mod tests_generators;
#[cfg(test)]
mod tests_imports;
#[cfg(test)]
mod tests_language;
#[cfg(all(test, not(all(feature = "stdlib", feature = "generators"))))]
mod tests_left_out;
#[cfg(test)]
mod tests_operators;
#[cfg(all(test, feature = "stdlib"))]
mod tests_stdlib;

pub use left_out::left_out;
pub use suggest::did_you_mean;
/// A Python enumeration's members (`name`, `value`) in definition order; `None` for other
/// classes (and in a build without the `stdlib` feature, which has no `enum`).
pub fn enum_members(c: &Class) -> Option<Vec<(Rc<str>, Value)>> {
    if !cfg!(feature = "stdlib") {
        return None;
    }
    let members = stdlib::enums::members(c)?;
    Some(members.iter().filter_map(|m| if let Value::Instance(i) = m { stdlib::enums::member(i) } else { None }).collect())
}

pub use value::{
    py_cmp, py_eq, repr_float, repr_str, BoundMethod, Builtin, Class, Decls, Function, HostBase, HostObject, Instance, Operator, Scope,
    Value,
};

use crate::ast::Module;
use diagnostics::{Diagnostic, Span};
use std::collections::HashMap;
use std::rc::Rc;

/// Python's default recursion limit is 1000; revision files need far less, and each level
/// costs native stack (wasm has 1 MB).
pub const MAX_CALL_DEPTH: usize = 100;

/// A budget that no real revision file gets near, yet stops a runaway loop in well under a second.
pub const DEFAULT_BUDGET: u64 = 1_000_000;

/// Bytes of strings and containers an evaluation may build, all told (freed values are not
/// given back: it bounds what a run allocates). Real revision files build a few KB; 32 MiB
/// keeps a hostile one (a string doubled in a loop) far from the gigabytes that abort the
/// process, and a 1 KB script from making a 50 MB value.
pub const DEFAULT_MEMORY_BUDGET: u64 = 32 << 20;

/// A located evaluation failure. `exception` is the Python exception class name when the
/// error is one a `try`/`except` may catch (not budget, recursion-limit or `unsupported`).
#[derive(Clone, Debug)]
pub struct EvalError {
    /// Boxed: errors are rare and `Result<Value, EvalError>` is on every evaluation path.
    pub diagnostic: Box<Diagnostic>,
    pub exception: Option<String>,
    /// Raised by the code itself (`raise`), not by the evaluator or a host object.
    pub raised: bool,
}

impl EvalError {
    pub fn new(code: &'static str, message: impl Into<String>, span: Span) -> EvalError {
        EvalError { diagnostic: Box::new(Diagnostic::error(code, message).with_label(span, "here")), exception: None, raised: false }
    }

    /// Catchable by `except <class>` and `except Exception`.
    pub fn catchable(mut self, class: &str) -> EvalError {
        self.exception = Some(class.to_string());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> EvalError {
        self.diagnostic.help = Some(help.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.diagnostic.message
    }

    pub fn span(&self) -> Option<Span> {
        self.diagnostic.primary_span()
    }
}

/// What a host callable learns about the call it serves.
pub struct CallContext<'a> {
    /// The whole call expression (`op.add_column(...)`), where host errors are reported.
    pub span: Span,
    /// The embedding program, for `serve`.
    host: &'a mut dyn Host,
}

impl<'a> CallContext<'a> {
    pub fn new(span: Span, host: &'a mut dyn Host) -> Self {
        CallContext { span, host }
    }

    /// An error located at the call; catchable as `Exception` by the script.
    pub fn error(&self, code: &'static str, message: impl Into<String>) -> EvalError {
        EvalError::new(code, message, self.span).catchable("Exception")
    }

    /// Hands `request` to the embedding program (`Host::serve`); false when it does not
    /// serve that kind of request.
    pub fn serve(&mut self, request: &mut dyn std::any::Any) -> bool {
        self.host.serve(request)
    }
}

/// The embedding program: resolves imports to host objects and receives `print` output.
pub trait Host {
    /// `import sqlalchemy as sa` asks for "sqlalchemy"; `from alembic import op` asks for
    /// "alembic" (then its attribute `op`) and, if that is `None`, for "alembic.op".
    /// `typing`, `__future__` and pylite's other standard-library modules work without
    /// the host; what nobody provides becomes a stand-in (`modules::StandIn`).
    fn import(&mut self, module: &str) -> Option<Value>;
    /// A module of the project (`pkg.sub` → `pkg/sub.py` or `pkg/sub/__init__.py` under a
    /// `sys.path` root), run by pylite when first imported. Asked before `import`.
    fn find_module(&mut self, module: &str) -> Option<modules::Found> {
        let _ = module;
        None
    }
    /// One line printed by the script (without the newline).
    fn print(&mut self, line: &str) {
        let _ = line;
    }
    /// The time now, in seconds since the Unix epoch (UTC): `time.time()`, `datetime.now()`.
    /// `None` (the default): no clock, and those calls fail saying so.
    fn now(&mut self) -> Option<f64> {
        None
    }
    /// Fills `buf` with random bytes (`uuid.uuid4()`); false (the default): none available.
    fn random(&mut self, buf: &mut [u8]) -> bool {
        let _ = buf;
        false
    }
    /// A record the script logged through `logging`: the logger's name, Python's level
    /// number (10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL) and the message, already
    /// formatted. Whether it is shown, and how, is the program's logging configuration.
    fn log(&mut self, logger: &str, level: u32, message: &str) {
        let _ = (logger, level, message);
    }
    /// A host object's request, made during a call through `CallContext::serve`: what the
    /// program lends for one run (e.g. a database connection) stays with the program, and
    /// host objects (`'static`, shared) ask for it per call. The program downcasts the
    /// requests it knows, answers in place and returns true.
    fn serve(&mut self, request: &mut dyn std::any::Any) -> bool {
        let _ = request;
        false
    }
    /// Whether the host's exception class `raised` derives from `handler` (dotted names the
    /// host handed out, e.g. a database error and its base): `except`/`suppress` consult it
    /// after Python's own hierarchy, which is all pylite knows.
    fn exception_derives(&self, _raised: &str, _handler: &str) -> bool {
        false
    }
}

/// Statement-level control flow.
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
    /// A generator's body stopped at a `yield` (`generator.rs`).
    Yield(Box<generator::Suspension>),
}

/// Where names resolve: a class body's namespace, the function (and comprehension) scopes
/// from innermost outwards, then globals, builtins.
#[derive(Clone, Default)]
pub(crate) struct Env {
    pub scopes: Vec<Scope>,
    /// How many of the innermost scopes are comprehensions' (`:=` binds outside them).
    pub comps: usize,
    /// A class body's namespace: its statements bind names there; functions do not see it.
    pub class_ns: Option<Scope>,
    /// The running function's `global`/`nonlocal` declarations.
    pub decls: Option<Rc<Decls>>,
    /// The qualified-name prefix of what is defined here: `f.<locals>.`, `A.` (none at module level).
    pub qual: Option<Rc<str>>,
    /// The running function's first argument (`self`, for `super()`).
    pub this: Option<Value>,
}

impl Env {
    pub(crate) fn qualname(&self, name: &str) -> String {
        match &self.qual {
            Some(q) => format!("{q}{name}"),
            None => name.to_string(),
        }
    }
}

pub struct Interpreter<'h> {
    host: &'h mut dyn Host,
    /// The running module's globals: the file being run's, or while a project module or
    /// one of its functions runs, that module's.
    globals: Scope,
    /// The project module whose code is running (`None`: the file being run).
    file: Option<Rc<modules::ModuleSource>>,
    /// Modules imported so far (`sys.modules`), by dotted name.
    modules: HashMap<String, Value>,
    budget: u64,
    steps: u64,
    memory_budget: u64,
    memory_used: u64,
    depth: usize,
    /// The statement being run, where a budget overrun is reported.
    stmt_span: Span,
    /// The exceptions being handled (`except` bodies running), innermost last: a bare
    /// `raise` re-raises the last.
    handling: Vec<EvalError>,
    /// Call scopes captured by functions defined in them that were still referenced when
    /// the call returned: a scope holding such a function (in a list, a class, ...) is a
    /// reference cycle, broken when the interpreter is dropped. Dead entries are pruned as
    /// the list grows.
    captured: Vec<std::rc::Weak<std::cell::RefCell<HashMap<String, Value>>>>,
    /// `captured`'s length after its last pruning.
    captured_live: usize,
    /// The generators made, to free their locals when the interpreter is dropped: one held
    /// by its own locals (or a scope it holds) is a cycle. Dead entries are pruned as the
    /// list grows.
    generators: Vec<std::rc::Weak<generator::Generator>>,
    generators_live: usize,
    /// The enumerations made: each holds its members, which hold it (a cycle, broken when
    /// the interpreter is dropped).
    enums: Vec<std::rc::Weak<Class>>,
}

/// Breaks the reference cycles a run leaves: globals hold the module's functions, which
/// hold the globals; captured call scopes hold the functions defined in them. Without this
/// every interpreter would leak its module (and the fuzz target's process would grow).
impl Drop for Interpreter<'_> {
    fn drop(&mut self) {
        for g in std::mem::take(&mut self.generators).iter().filter_map(std::rc::Weak::upgrade) {
            g.clear();
        }
        for c in std::mem::take(&mut self.enums).iter().filter_map(std::rc::Weak::upgrade) {
            let attrs = c.attrs.try_borrow_mut().map(|mut a| std::mem::take(&mut *a)).unwrap_or_default();
            drop(attrs);
        }
        let mut scopes: Vec<Scope> = std::mem::take(&mut self.captured).iter().filter_map(std::rc::Weak::upgrade).collect();
        scopes.push(self.globals.clone());
        for m in std::mem::take(&mut self.modules).into_values() {
            if let Value::Host(ref h) = m {
                if let Some(m) = h.as_any().downcast_ref::<modules::Module>() {
                    scopes.push(m.globals.clone());
                }
            }
        }
        for scope in scopes {
            // Taken out first: dropping the values may drop other scopes.
            let values = scope.try_borrow_mut().map(|mut l| std::mem::take(&mut *l)).unwrap_or_default();
            drop(values);
        }
    }
}

impl<'h> Interpreter<'h> {
    /// `budget`: steps ([`DEFAULT_BUDGET`]); `memory_budget`: bytes ([`DEFAULT_MEMORY_BUDGET`]).
    pub fn new(host: &'h mut dyn Host, budget: u64, memory_budget: u64) -> Self {
        Interpreter {
            host,
            globals: Scope::default(),
            file: None,
            modules: HashMap::new(),
            budget,
            steps: 0,
            memory_budget,
            memory_used: 0,
            depth: 0,
            stmt_span: Span::point(0),
            handling: Vec::new(),
            captured: Vec::new(),
            captured_live: 0,
            generators: Vec::new(),
            generators_live: 0,
            enums: Vec::new(),
        }
    }

    /// Runs the module's top level: docstring, imports, assignments, `def`s.
    pub fn run_module(&mut self, module: &Module) -> Result<(), EvalError> {
        let env = Env::default();
        match self.exec_block(&module.body, &env)? {
            Flow::Normal => Ok(()),
            // The parser accepts `return`/`break` anywhere; Python rejects them at compile time.
            Flow::Return(_) => Err(EvalError::new("eval-error", "'return' outside function", self.stmt_span)),
            Flow::Break | Flow::Continue => Err(EvalError::new("eval-error", "'break' or 'continue' outside loop", self.stmt_span)),
            Flow::Yield(_) => Err(EvalError::new("syntax-error", "'yield' outside function", self.stmt_span)),
        }
    }

    /// Calls a module-level function without arguments, e.g. `upgrade`.
    pub fn call_function(&mut self, name: &str) -> Result<Value, EvalError> {
        let f = self.globals.borrow().get(name).cloned();
        let Some(f @ Value::Function(_)) = f else {
            return Err(EvalError::new("name-error", format!("name '{name}' is not defined"), Span::point(0)).catchable("NameError"));
        };
        let Value::Function(def) = &f else { unreachable!() };
        let span = def.def.name.span;
        self.call_value(&f, Vec::new(), Vec::new(), span)
    }

    /// Binds a module-level variable before `run_module` (`__name__`, `__file__`).
    pub fn set_global(&mut self, name: &str, value: Value) {
        self.globals.borrow_mut().insert(name.to_string(), value);
    }

    /// A module-level variable after `run_module`.
    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.borrow().get(name).cloned()
    }

    /// Steps used so far (all runs of this interpreter share one budget).
    pub fn steps_used(&self) -> u64 {
        self.steps
    }

    /// Bytes charged to the memory budget so far.
    pub fn memory_used(&self) -> u64 {
        self.memory_used
    }

    /// One unit of work; fails once the budget is spent.
    pub(crate) fn step(&mut self) -> Result<(), EvalError> {
        self.work(1)
    }
}
