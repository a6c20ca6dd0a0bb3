//! Fuzz target: evaluating any text with pylite's interpreter, under the default step and
//! memory budgets, never panics, aborts, overflows the stack, hangs or allocates without
//! bound; every error it reports lies inside the evaluated source on character boundaries.
//!
//! The input is a whole module when it defines `upgrade` at the top level (then the module
//! runs, then `upgrade()` and `downgrade()`), otherwise the body of an `upgrade()` placed
//! after the usual imports. The host provides `alembic`, `sqlalchemy` and their submodules
//! as a stub whose every attribute is another stub, callable with anything, usable in
//! `with`, subscriptable and iterable (as empty), so revision-like code runs far.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pylite::eval::{DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET};
use pylite::{CallContext, EvalError, Host, HostObject, Interpreter, Value};
use std::rc::Rc;

/// Accepts anything and answers with another stub. Records nothing: the host must not add
/// unbounded work or memory of its own (it does not `repr` its arguments).
struct Stub;

impl HostObject for Stub {
    fn type_name(&self) -> String {
        "stub".into()
    }
    fn get_attr(&self, _name: &str, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(stub())
    }
    fn call(&self, _args: Vec<Value>, _kwargs: Vec<(String, Value)>, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(stub())
    }
    fn enter(&self, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(stub())
    }
    fn get_item(&self, _key: &Value, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(stub())
    }
    fn iterate(&self, _cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        Ok(Vec::new())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn stub() -> Value {
    Value::Host(Rc::new(Stub))
}

struct StubHost;

impl Host for StubHost {
    fn import(&mut self, module: &str) -> Option<Value> {
        let root = module.split('.').next().unwrap_or(module);
        matches!(root, "alembic" | "sqlalchemy" | "sa" | "op").then(stub)
    }
}

const PREAMBLE: &str = "from alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n";

/// The text to run: the input itself if it defines `upgrade`, else the input as its body.
fn source(input: &str) -> String {
    let defines_upgrade = input.lines().any(|l| l.starts_with("def upgrade(") || l.starts_with("async def upgrade("));
    if defines_upgrade {
        return input.to_string();
    }
    let mut src = String::with_capacity(PREAMBLE.len() + input.len() + input.len() / 8 + 16);
    src.push_str(PREAMBLE);
    for line in input.lines() {
        src.push_str("    ");
        src.push_str(line);
        src.push('\n');
    }
    src.push_str("    pass\n");
    src
}

fn check(err: &EvalError, src: &str) {
    for label in &err.diagnostic.labels {
        let (s, e) = (label.span.start as usize, label.span.end as usize);
        assert!(s <= e && e <= src.len(), "span {s}..{e} outside source of {} bytes: {err:?}", src.len());
        assert!(src.is_char_boundary(s) && src.is_char_boundary(e), "span {s}..{e} not on char boundaries: {err:?}");
    }
    let _ = err.diagnostic.render("fuzz.py", src);
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let src = source(input);
    let parsed = pylite::parse(&src);
    let mut host = StubHost;
    let mut interp = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
    // Errors are expected (most inputs fail somewhere); only how they fail matters.
    if let Err(e) = interp.run_module(&parsed.module) {
        check(&e, &src);
        return;
    }
    for name in ["upgrade", "downgrade"] {
        if let Err(e) = interp.call_function(name) {
            check(&e, &src);
        }
    }
    assert!(interp.memory_used() <= DEFAULT_MEMORY_BUDGET, "memory {} past the budget", interp.memory_used());
});
