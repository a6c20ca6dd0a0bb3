//! pylite: a hand-written lexer and recursive-descent parser for the Python subset used by
//! Alembic revision files and `env.py`. Total: `parse` always returns a tree and every error.
//!
//! Diagnostic codes: `syntax-error` and `indentation-error` (messages and positions follow
//! CPython 3.11), `unsupported` (valid Python that revision files may not use:
//! `not supported in revision files: '<keyword>'`, at the keyword).
//! `try`/`except`/`finally` is parsed into the tree without a diagnostic: whether it can run
//! is the evaluator's call.

pub mod ast;
pub mod dump;
mod lexer;
mod number;
mod parser;
mod string_lit;
mod token;

#[cfg(test)]
mod tests;

pub use ast::{Expr, ExprKind, FunctionDef, Module, Stmt, StmtKind};
pub use dump::dump;

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
