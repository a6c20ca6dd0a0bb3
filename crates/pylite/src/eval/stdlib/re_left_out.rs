//! `re` in a build without the `stdlib` feature (the page): no regular-expression engine, so
//! no pattern or match can exist; importing `re` gives the left-out module of `stdlib/mod.rs`.

use crate::eval::exec::unsupported;
use crate::eval::{EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

#[derive(Debug, PartialEq)]
pub(crate) enum Pattern {}

#[derive(Debug, PartialEq)]
pub(crate) enum Match {}

impl Pattern {
    pub(crate) fn source(&self) -> &str {
        match *self {}
    }
}

impl Match {
    pub(crate) fn group(&self, _: &Value, _: Span) -> Result<Value, EvalError> {
        match *self {}
    }

    pub(crate) fn subject(&self) -> Value {
        match *self {}
    }

    pub(crate) fn repr(&self) -> String {
        match *self {}
    }
}

pub(super) fn module_attrs() -> Vec<(&'static str, Value)> {
    Vec::new()
}

impl Interpreter<'_> {
    pub(crate) fn call_re(&mut self, name: &str, _: Vec<Value>, _: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        Err(unsupported(name, span))
    }

    pub(crate) fn pattern_method(
        &mut self,
        p: &Rc<Pattern>,
        _: &str,
        _: Vec<Value>,
        _: Vec<(String, Value)>,
        _: Span,
    ) -> Result<Value, EvalError> {
        match **p {}
    }

    pub(crate) fn match_method(&mut self, m: &Match, _: &str, _: Vec<Value>, _: Span) -> Result<Value, EvalError> {
        match *m {}
    }
}
