//! pylite: a hand-written lexer and recursive-descent parser for the Python subset used by
//! Alembic revision files and `env.py`. Total: `parse` always returns a tree and every error.
//!
//! Diagnostic codes: `syntax-error` and `indentation-error` (messages and positions follow
//! CPython 3.11), `unsupported` (valid Python that revision files may not use:
//! `not supported in revision files: '<keyword>'`, at the keyword).
//! `try`/`except`/`finally` is parsed into the tree without a diagnostic: whether it can run
//! is the evaluator's call.
//!
//! Where we knowingly differ from CPython 3.11 (each for a more useful position or a bounded
//! stack): f-string and escape errors point at the offending `{`/`\\`, not the string's end;
//! "cannot mix bytes and nonbytes literals" points at the first mismatching literal;
//! "positional argument follows keyword argument" at the argument; at most 100 nested brackets
//! (CPython: 200), 5,000 chained operators/trailers per statement and 1,000 nested blocks or
//! `elif`s; after an error parsing resumes at the next statement, so later errors are reported
//! too (CPython stops at the first).
//!
//! Regenerate the golden files in `test_data/` with `UPDATE_GOLDEN=1 cargo test -p pylite`.

pub mod ast;
pub mod dump;
pub mod eval;
mod lexer;
mod number;
mod parser;
mod string_lit;
mod token;

#[cfg(test)]
mod tests;

pub use ast::{Expr, ExprKind, FunctionDef, Module, Stmt, StmtKind};
pub use dump::dump;
pub use eval::{CallContext, EvalError, Host, HostObject, Interpreter, Value};

/// The result of [`parse`]: a tree (with `Error` nodes where parsing failed) and every error.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub module: Module,
    pub errors: Vec<diagnostics::Diagnostic>,
}

impl Parsed {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Parses a Python source file. Never panics, never fails.
pub fn parse(source: &str) -> Parsed {
    let (module, errors) = parser::parse_module(source);
    Parsed { module, errors }
}
