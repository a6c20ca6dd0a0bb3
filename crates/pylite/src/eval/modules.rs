//! Imports as Python resolves them against a project: the project's own `.py` files (run
//! once with pylite, cached like `sys.modules`; packages through `__init__.py`), the host's
//! modules, pylite's built-in standard-library modules (`stdlib/`), namespace packages, and,
//! for anything else, a lazy stand-in that fails only where one of its names is used.
//!
//! Departures from Python, so that a project's revision files run without its whole runtime
//! (COMPATIBILITY.md), all for code that cannot run here (`cannot_run_here`): a package's
//! `__init__.py` that stops is kept as far as it ran — its submodules still import, also when
//! first used as attributes, and a name it did not get to define is a stand-in saying where
//! it stopped; a module whose top level stops becomes a stand-in that carries the error: the
//! import succeeds, and using one of its names fails with that error.

use super::value::{Builtin, Scope};
use super::{CallContext, EvalError, Flow, Interpreter, Value};
use crate::eval::HostObject;
use diagnostics::{LineIndex, Span};
use std::cell::Cell;
use std::rc::Rc;

/// A module of the project, as the host found it: `pkg/sub.py` or `pkg/__init__.py`.
#[derive(Debug)]
pub struct ModuleSource {
    /// The file's path, as shown in messages (`pkg/sub.py`).
    pub path: String,
    pub text: Rc<str>,
    /// An `__init__.py`: the module is a package and may have submodules.
    pub package: bool,
}

/// What the host knows of a module name that is not one of its own objects.
pub enum Found {
    /// A `.py` file of the project.
    File(ModuleSource),
    /// A directory of the project without `__init__.py` (a namespace package).
    Namespace,
}

/// A module object: a project file's globals (shared with its functions), or a namespace
/// package's submodules.
pub struct Module {
    pub name: String,
    pub source: Option<Rc<ModuleSource>>,
    pub globals: Scope,
    /// True while its top level runs (an import cycle sees it partially initialised).
    pub initializing: Cell<bool>,
    /// For a package whose `__init__.py` stopped with an error: where and why (its
    /// namespace holds what ran before).
    pub stopped: std::cell::RefCell<Option<String>>,
}

impl Module {
    fn repr(&self) -> String {
        match &self.source {
            Some(s) => format!("<module '{}' from '{}'>", self.name, s.path),
            None => format!("<module '{}' (namespace)>", self.name),
        }
    }
}

impl HostObject for Module {
    fn type_name(&self) -> String {
        "module".into()
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        if let Some(v) = self.globals.borrow().get(name) {
            return Ok(v.clone());
        }
        if name == "__name__" {
            return Ok(Value::str(&self.name));
        }
        let mut msg = if self.initializing.get() {
            format!(
                "AttributeError: partially initialized module '{}' has no attribute '{name}' (most likely due to a circular import)",
                self.name
            )
        } else {
            format!("AttributeError: module '{}' has no attribute '{name}'", self.name)
        };
        if let Some(stopped) = self.stopped.borrow().as_ref() {
            msg.push_str(&format!(" (its __init__.py stopped early here: {stopped})"));
        }
        Err(EvalError::new("eval-error", msg, cx.span).catchable("AttributeError"))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A module that is neither a project file nor built in (the project's dependencies, not
/// present here), or a name taken from one. Importing it succeeds and so does naming it (as
/// annotations and unused imports do); using it stops the run with a message saying what
/// to add.
pub struct StandIn {
    /// The module imported, e.g. `mlflow.store.db.types`.
    pub module: String,
    /// The name taken from it (`MSSQL`, `a.b` for `module.a.b`), if any.
    pub attr: Option<String>,
    /// Why a project module is a stand-in: its top level failed with this error.
    pub failed: Option<Rc<EvalError>>,
}

impl StandIn {
    fn module(module: &str) -> StandIn {
        StandIn { module: module.to_string(), attr: None, failed: None }
    }

    fn name(&self, attr: String) -> Value {
        Value::Host(Rc::new(StandIn { module: self.module.clone(), attr: Some(attr), failed: self.failed.clone() }))
    }

    /// A name of a standard-library module that pylite implements only in part.
    fn not_modelled(module: &str, attr: &str) -> Value {
        let e = EvalError::new("unsupported", format!("pylite's '{module}' module does not implement '{attr}'"), Span::default());
        StandIn::failed(module, Some(attr), e)
    }

    /// A project module (or one of its names) that could not be imported, and why.
    fn failed(module: &str, attr: Option<&str>, e: EvalError) -> Value {
        Value::Host(Rc::new(StandIn { module: module.to_string(), attr: attr.map(str::to_string), failed: Some(Rc::new(e)) }))
    }

    /// A class whose base is this stand-in (or another base pylite cannot derive from,
    /// `why`): itself a stand-in, failing where it is used with the class's name, file and
    /// line and what its base lacks.
    pub(crate) fn class(module: &str, name: &str, at: &str, why: String, span: Span) -> Value {
        let e = EvalError::new("class-unavailable", format!("class '{name}' ({at}) could not be created: {why}"), span)
            .with_help("the class is a stand-in; only using it fails");
        StandIn::failed(module, Some(name), e)
    }

    /// Why a class deriving from this stand-in cannot be created.
    pub(crate) fn as_base(&self) -> String {
        let name = match &self.attr {
            Some(a) => format!("{}.{a}", self.module),
            None => self.module.clone(),
        };
        match &self.failed {
            Some(f) => format!("its base '{name}' is not available: {}", f.diagnostic.message),
            None => format!(
                "its base '{name}' is not available here: add the package's source to the project, or a stand-in module file at {}.py",
                self.module.replace('.', "/")
            ),
        }
    }

    fn unavailable(&self, cx: &CallContext) -> EvalError {
        let path = format!("{}.py", self.module.replace('.', "/"));
        let what = match &self.attr {
            Some(a) => format!("'{a}' from module '{}'", self.module),
            None => format!("module '{}'", self.module),
        };
        if let Some(failed) = self.failed.as_ref().filter(|f| f.diagnostic.code == "class-unavailable") {
            return EvalError::new("class-unavailable", format!("{what} is not available here: {}", failed.diagnostic.message), cx.span)
                .with_help("the class is a stand-in; only using it fails");
        }
        if let Some(failed) = &self.failed {
            let mut e = EvalError::new("module-failed", format!("{what} could not be imported: {}", failed.diagnostic.message), cx.span)
                .with_help("the import went on with a stand-in; only using this name fails");
            e.diagnostic.notes.extend(failed.diagnostic.notes.iter().cloned());
            return e;
        }
        EvalError::new(
            "module-unavailable",
            format!("{what} is not available here: add the package's source to the project, or a stand-in module file at {path}"),
            cx.span,
        )
        .with_help("the import succeeded with a stand-in; only using one of its names fails")
    }
}

impl HostObject for StandIn {
    fn type_name(&self) -> String {
        match &self.attr {
            Some(a) => format!("{}.{a} (not available here)", self.module),
            None => format!("module '{}' (not available here)", self.module),
        }
    }

    fn get_attr(&self, name: &str, _cx: &mut CallContext) -> Result<Value, EvalError> {
        let attr = match &self.attr {
            Some(a) => format!("{a}.{name}"),
            None => name.to_string(),
        };
        Ok(self.name(attr))
    }

    fn call(&self, _: Vec<Value>, _: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(self.unavailable(cx))
    }

    fn enter(&self, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(self.unavailable(cx))
    }

    fn get_item(&self, _: &Value, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(self.unavailable(cx))
    }

    fn iterate(&self, cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        Err(self.unavailable(cx))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The module's repr, for `repr()` of module objects.
pub fn module_repr(v: &Value) -> Option<String> {
    match v {
        Value::Host(h) => h.as_any().downcast_ref::<Module>().map(Module::repr),
        _ => None,
    }
}

fn import_error(msg: String, span: Span) -> EvalError {
    EvalError::new("import-error", format!("ImportError: {msg}"), span).catchable("ImportError")
}

/// `File "pkg/x.py", line 3, in <module>`: where in a project file an error happened.
fn frame_note(source: &ModuleSource, span: Option<Span>, in_what: &str) -> String {
    let line = span.map_or(1, |s| LineIndex::new(&source.text).line_col(&source.text, (s.start as usize).min(source.text.len())).line);
    format!("File \"{}\", line {line}, in {in_what}", source.path)
}

/// An error raised in a project file, seen from `span` in the file that called it: the
/// message and class stay (a `try` there may catch it); the location becomes the call, and
/// a note says where in the project file it happened.
pub(crate) fn relocate(mut e: EvalError, from: Option<&Rc<ModuleSource>>, span: Span, in_what: &str) -> EvalError {
    let note = match from {
        Some(source) => frame_note(source, e.span(), in_what),
        None => format!("in {in_what}, in the file being run"),
    };
    e.diagnostic.notes.insert(0, note);
    let label = e.diagnostic.labels.first().map_or_else(|| "here".to_string(), |l| l.message.clone());
    e.diagnostic.labels = vec![diagnostics::Label { span, message: label }];
    e
}

impl Interpreter<'_> {
    /// `import a.b.c`: imports `a`, `a.b` and `a.b.c` in turn (each submodule becomes an
    /// attribute of its package) and returns `a.b.c`.
    pub(crate) fn import(&mut self, name: &str, span: Span) -> Result<Value, EvalError> {
        let mut parent: Option<Value> = None;
        let mut end = 0;
        let parts: Vec<&str> = name.split('.').collect();
        for (i, part) in parts.iter().enumerate() {
            end += part.len() + usize::from(i > 0);
            let prefix = &name[..end];
            let v = self.import_one(prefix, span)?;
            if let (Some(Value::Host(p)), true) = (&parent, i > 0) {
                if let Some(m) = p.as_any().downcast_ref::<Module>() {
                    m.globals.borrow_mut().entry(part.to_string()).or_insert_with(|| v.clone());
                }
            }
            parent = Some(v);
        }
        Ok(parent.unwrap_or(Value::None))
    }

    /// One dotted name, its packages already imported.
    fn import_one(&mut self, name: &str, span: Span) -> Result<Value, EvalError> {
        if let Some(v) = self.modules.get(name) {
            return Ok(v.clone());
        }
        let found = self.host.find_module(name);
        let v = match found {
            Some(Found::File(source)) => return self.run_project_module(name, source, span),
            found => match self.host.import(name).or_else(|| super::stdlib::import(name)) {
                Some(v) => v,
                None if matches!(found, Some(Found::Namespace)) => Value::Host(Rc::new(Module {
                    name: name.to_string(),
                    source: None,
                    globals: Scope::default(),
                    initializing: Cell::new(false),
                    stopped: Default::default(),
                })),
                None => Value::Host(Rc::new(StandIn::module(name))),
            },
        };
        self.modules.insert(name.to_string(), v.clone());
        Ok(v)
    }

    /// Runs a project file's top level once, in its own globals, and caches the module
    /// before it runs (so an import cycle finds it, partially initialised, as Python does).
    fn run_project_module(&mut self, name: &str, source: ModuleSource, span: Span) -> Result<Value, EvalError> {
        let source = Rc::new(source);
        self.work((source.text.len() / super::value::BYTES_PER_UNIT) as u64 + 1)?;
        let globals = Scope::default();
        {
            let mut g = globals.borrow_mut();
            g.insert("__name__".into(), Value::str(name));
            g.insert("__file__".into(), Value::str(&source.path));
            // Relative imports resolve against it: the package itself, or the module's parent.
            let package = if source.package { name } else { name.rsplit_once('.').map_or("", |(p, _)| p) };
            g.insert("__package__".into(), Value::str(package));
            // A package's `__path__`: the folder of its `__init__.py` (meltano's reads it).
            if cfg!(feature = "stdlib") && source.package {
                let folder = source.path.rsplit_once('/').map_or("", |(d, _)| d);
                g.insert("__path__".into(), Value::List(Rc::new(std::cell::RefCell::new(vec![Value::str(folder)]))));
            }
        }
        let module = Rc::new(Module {
            name: name.to_string(),
            source: Some(source.clone()),
            globals: globals.clone(),
            initializing: Cell::new(true),
            stopped: Default::default(),
        });
        let value = Value::Host(module.clone());
        let parsed = crate::parse(&source.text);
        if let Some(d) = parsed.errors.first() {
            let line = d.primary_span().map_or(1, |s| LineIndex::new(&source.text).line_col(&source.text, s.start as usize).line);
            if d.code != "unsupported" {
                let msg = format!("SyntaxError: {} ({}, line {line})", d.message, source.path);
                return Err(EvalError::new("syntax-error", msg, span).catchable("SyntaxError"));
            }
            // Valid Python this evaluator does not run.
            module.initializing.set(false);
            let mut e = EvalError::new("unsupported", d.message.clone(), span);
            e.diagnostic.notes.push(format!("File \"{}\", line {line}, in <module>", source.path));
            return Ok(self.cannot_run(name, &module, value, e));
        }
        self.modules.insert(name.to_string(), value.clone());
        let saved_globals = std::mem::replace(&mut self.globals, globals);
        let saved_file = self.file.replace(source.clone());
        let saved_span = self.stmt_span;
        self.depth += 1;
        let result = if self.depth > super::MAX_CALL_DEPTH {
            Err(EvalError::new("eval-error", "RecursionError: maximum recursion depth exceeded while importing", span))
        } else {
            self.exec_block(&parsed.module.body, &super::Env::default())
        };
        self.depth -= 1;
        self.globals = saved_globals;
        self.file = saved_file;
        self.stmt_span = saved_span;
        module.initializing.set(false);
        match result {
            Ok(Flow::Normal) => Ok(value),
            Ok(_) => Err(EvalError::new("syntax-error", format!("SyntaxError: 'return' outside function ({})", source.path), span)),
            Err(e) if cannot_run_here(&e) => Ok(self.cannot_run(name, &module, value, relocate(e, Some(&source), span, "<module>"))),
            Err(e) => {
                // Python removes a module whose top level failed from `sys.modules`.
                self.modules.remove(name);
                Err(relocate(e, Some(&source), span, "<module>"))
            }
        }
    }

    /// A project module whose top level needs what is not here: a package is kept as far as
    /// it ran (its submodules are what revision files use); a module becomes a stand-in that
    /// carries the error to wherever one of its names is used.
    fn cannot_run(&mut self, name: &str, module: &Module, value: Value, e: EvalError) -> Value {
        let kept = if module.source.as_ref().is_some_and(|s| s.package) {
            let at = e.diagnostic.notes.first().cloned().unwrap_or_default();
            *module.stopped.borrow_mut() = Some(format!("{at}: {}", e.diagnostic.message));
            value
        } else {
            StandIn::failed(name, None, e)
        };
        self.modules.insert(name.to_string(), kept.clone());
        kept
    }

    /// The module a `from` import names: `from ..a import b` in `pkg.sub.mod` is `pkg.a`,
    /// resolved against the running module's `__package__` as Python does.
    pub(crate) fn absolute_module(&mut self, module: Option<&str>, level: u32, span: Span) -> Result<String, EvalError> {
        if level == 0 {
            return Ok(module.unwrap_or_default().to_string());
        }
        let package = match self.globals.borrow().get("__package__") {
            Some(Value::Str(p)) if !p.is_empty() => p.to_string(),
            _ => return Err(import_error("attempted relative import with no known parent package".into(), span)),
        };
        let parts: Vec<&str> = package.split('.').collect();
        let Some(keep) = parts.len().checked_sub(level as usize - 1).filter(|k| *k > 0) else {
            return Err(import_error("attempted relative import beyond top-level package".into(), span));
        };
        let base = parts[..keep].join(".");
        Ok(match module {
            Some(m) => format!("{base}.{m}"),
            None => base,
        })
    }

    /// `from module import *`: a project module's `__all__`, else its names without a
    /// leading underscore.
    pub(crate) fn import_star(&mut self, module: &str, span: Span) -> Result<Vec<(String, Value)>, EvalError> {
        let m = self.import(module, span)?;
        let Some(md) = (match &m {
            Value::Host(h) => h.as_any().downcast_ref::<Module>(),
            _ => None,
        }) else {
            return Err(super::exec::unsupported("import * from a module that is not a project file", span));
        };
        let all = md.globals.borrow().get("__all__").cloned();
        let names: Vec<String> = match all {
            Some(all) => self
                .iterate(&all, span)?
                .into_iter()
                .filter_map(|v| if let Value::Str(s) = &v { Some(s.to_string()) } else { None })
                .collect(),
            None => md.globals.borrow().keys().filter(|k| !k.starts_with('_')).cloned().collect(),
        };
        let globals = md.globals.borrow();
        let mut out = Vec::new();
        for name in names {
            match globals.get(&name) {
                Some(v) => out.push((name, v.clone())),
                None => return Err(import_error(format!("module '{module}' has no attribute '{name}'"), span)),
            }
        }
        Ok(out)
    }

    /// `pkg.sub.mod` where the top package's `__init__.py` stopped early: a submodule its
    /// `__init__.py` would likely have imported (Prefect's revisions `import prefect` and use
    /// `prefect.server.utilities.database.UUID`), imported now.
    pub(crate) fn unimported_submodule(&mut self, object: &dyn std::any::Any, name: &str) -> Option<String> {
        let m = object.downcast_ref::<Module>()?;
        let top = m.name.split('.').next().unwrap_or_default();
        let stopped =
            |v: &Value| matches!(v, Value::Host(h) if h.as_any().downcast_ref::<Module>().is_some_and(|t| t.stopped.borrow().is_some()));
        let full = format!("{}.{name}", m.name);
        (self.modules.get(top).is_some_and(stopped) && self.host.find_module(&full).is_some()).then_some(full)
    }

    /// `from module import name`: the module's attribute, else its submodule `module.name`.
    pub(crate) fn import_from(&mut self, module: &str, name: &str, span: Span) -> Result<Value, EvalError> {
        let m = self.import(module, span)?;
        let Value::Host(h) = &m else {
            // `typing` and `__future__`: any name is an inert typing value.
            let cx = CallContext::new(span, &mut *self.host);
            return match &m {
                Value::Builtin(b) if matches!(**b, Builtin::Typing(_)) => Ok(super::stdlib::typing_name(name)),
                _ => Err(cx.error("import-error", format!("cannot import name '{name}' from '{module}'"))),
            };
        };
        if let Some(s) = h.as_any().downcast_ref::<StandIn>() {
            return Ok(s.name(name.to_string()));
        }
        if let Some(md) = h.as_any().downcast_ref::<Module>() {
            if let Some(v) = md.globals.borrow().get(name) {
                return Ok(v.clone());
            }
            // PEP 562: a module's own `__getattr__` answers names it does not define.
            let getattr = md.globals.borrow().get("__getattr__").cloned();
            if let Some(f @ Value::Function(_)) = getattr {
                return match self.call_value(&f, vec![Value::str(name)], Vec::new(), span) {
                    // What it returns needs what is not here: the name carries the error.
                    Err(e) if cannot_run_here(&e) => Ok(StandIn::failed(module, Some(name), e)),
                    answer => answer,
                };
            }
            let full = format!("{module}.{name}");
            if md.source.as_ref().is_none_or(|s| s.package) {
                if let Some(found) = self.host.find_module(&full) {
                    let _ = found;
                    return self.import(&full, span);
                }
            }
            if let Some(stopped) = md.stopped.borrow().as_ref() {
                // Its __init__.py would have defined it: the name carries why it did not.
                let e = EvalError::new("module-failed", format!("its __init__.py stopped early: {stopped}"), span);
                return Ok(StandIn::failed(module, Some(name), e));
            }
            if md.source.is_none() && super::stdlib::provides(module) {
                // A standard-library name pylite does not implement (`from datetime import
                // time`): like a module nobody provides, it fails only where it is used.
                return Ok(StandIn::not_modelled(module, name));
            }
            let mut msg = format!("cannot import name '{name}' from ");
            if md.initializing.get() {
                msg.push_str("partially initialized module ");
            }
            msg.push_str(&format!("'{module}'"));
            if md.initializing.get() {
                msg.push_str(" (most likely due to a circular import)");
            }
            match &md.source {
                Some(s) => msg.push_str(&format!(" ({})", s.path)),
                None => msg.push_str(" (unknown location)"),
            }
            return Err(import_error(msg, span));
        }
        // A host module: its attribute, its submodule, or (a name the host does not model)
        // a stand-in.
        let mut cx = CallContext::new(span, &mut *self.host);
        if let Ok(v) = h.get_attr(name, &mut cx) {
            return Ok(v);
        }
        let full = format!("{module}.{name}");
        match self.host.import(&full).or_else(|| super::stdlib::import(&full)) {
            Some(v) => Ok(v),
            None => Ok(StandIn::module(module).name(name.to_string())),
        }
    }
}

/// Errors that mean "this module's code needs what is not here": its dependencies (a
/// stand-in used), Python or builtins this evaluator does not have, attributes of objects it
/// models only in part. Exceptions the code raises itself, import errors between project
/// modules (cycles, missing names), the run's limits and the database's errors keep Python's
/// behaviour and stop the import.
fn cannot_run_here(e: &EvalError) -> bool {
    match e.diagnostic.code {
        "module-unavailable" | "module-failed" | "class-unavailable" | "unsupported" | "name-error" => true,
        "eval-error" | "type-error" => !e.raised && matches!(e.exception.as_deref(), Some("AttributeError" | "TypeError")),
        _ => false,
    }
}

/// Runs `f` in a function's module (its globals and file), relocating an error raised in
/// another file than the caller's to the call.
pub(crate) fn crosses(caller: &Option<Rc<ModuleSource>>, callee: &Option<Rc<ModuleSource>>) -> bool {
    match (caller, callee) {
        (None, None) => false,
        (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
        _ => true,
    }
}
