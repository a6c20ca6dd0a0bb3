//! pylite's built-in standard-library modules: what revision files import from Python's
//! standard library, with Python's semantics for what migrations touch. Pure: nothing here
//! reads a clock, randomness or the outside world (the embedding program provides those
//! modules, e.g. the engine's `datetime`, `uuid` and `logging`).

use super::value::Builtin;
use super::Value;
use std::rc::Rc;

pub(crate) mod contextlib;

/// The module `name`, if pylite provides it.
pub(crate) fn import(name: &str) -> Option<Value> {
    match name {
        // Names for annotations: any attribute is an inert typing value, subscriptable.
        "typing" | "typing_extensions" | "__future__" | "collections.abc" => {
            Some(Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))))
        }
        "collections" => Some(native_module(
            "collections",
            vec![
                ("abc", Value::Builtin(Rc::new(Builtin::Typing("collections.abc".into())))),
                // Python's dicts keep insertion order: an OrderedDict behaves as one here
                // (its repr is a dict's).
                ("OrderedDict", Value::Builtin(Rc::new(Builtin::Func("dict")))),
            ],
        )),
        "contextlib" => Some(contextlib::module()),
        _ => None,
    }
}

/// `typing.<name>`: inert typing values, except `TYPE_CHECKING`, which is False at run time.
pub(crate) fn typing_name(name: &str) -> Value {
    match name {
        "TYPE_CHECKING" => Value::Bool(false),
        _ => Value::Builtin(Rc::new(Builtin::Typing(name.to_string()))),
    }
}

/// A module implemented here: a namespace of values.
pub(crate) fn native_module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let globals = super::Scope::default();
    globals.borrow_mut().extend(attrs.into_iter().map(|(k, v)| (k.to_string(), v)));
    Value::Host(Rc::new(super::modules::Module {
        name: name.to_string(),
        source: None,
        globals,
        initializing: std::cell::Cell::new(false),
        stopped: Default::default(),
    }))
}
