//! `enum`: `Enum`, `IntEnum`, `auto`, with CPython 3.11's semantics for what
//! migrations and their projects do with them: members in definition order (aliases for a
//! repeated value), `.name`, `.value`, `X.A`, `X['A']`, `X(value)`, iteration, `len`,
//! `repr`/`str`. A member is an instance of its class; the class lists its members' names
//! in `_member_names_`, as CPython's does.

use super::super::exec::unsupported;
use super::super::expr::value_error;
use super::super::value::{Builtin, Class, Instance};
use super::super::{EvalError, Interpreter, Value};
use crate::ast::{ExprKind, Stmt, StmtKind};
use diagnostics::Span;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// On `Enum` and `IntEnum` themselves: what kind of enumeration a subclass is.
const KIND: &str = "__enum_kind__";
/// On an enumeration: its members' names, in definition order.
const MEMBERS: &str = "_member_names_";
/// What `auto()` returns, until the class replaces it with a value.
const AUTO: &str = "enum.auto()";

pub(crate) fn module_attrs() -> Vec<(&'static str, Value)> {
    let base = |name: &str, mro: Vec<Rc<Class>>| {
        let attrs = HashMap::from([(KIND.to_string(), Value::str(name))]);
        Rc::new(Class { name: name.into(), qualname: name.into(), mro, attrs: RefCell::new(attrs), host_base: None })
    };
    let enum_ = base("Enum", Vec::new());
    let int_enum = base("IntEnum", vec![enum_.clone()]);
    vec![
        ("Enum", Value::Class(enum_)),
        ("IntEnum", Value::Class(int_enum)),
        ("auto", Value::Builtin(Rc::new(Builtin::Typing("enum.auto".into())))),
    ]
}

/// `auto()`'s placeholder.
pub(crate) fn auto() -> Value {
    Value::Builtin(Rc::new(Builtin::Typing(AUTO.into())))
}

/// Whether a class with these bases is an enumeration, and whether an `IntEnum`.
pub(crate) fn kind(mro: &[Rc<Class>]) -> Option<bool> {
    mro.iter().find_map(|c| match c.attrs.borrow().get(KIND) {
        Some(Value::Str(k)) => Some(&**k == "IntEnum"),
        _ => None,
    })
}

/// An enumeration's members, in definition order.
pub fn members(c: &Class) -> Option<Vec<Value>> {
    let attrs = c.attrs.borrow();
    let Some(Value::List(names)) = attrs.get(MEMBERS) else { return None };
    let names = names.borrow();
    Some(names.iter().filter_map(|n| if let Value::Str(n) = n { attrs.get(&**n).cloned() } else { None }).collect())
}

/// A member's `name` and `value`.
pub fn member(i: &Instance) -> Option<(Rc<str>, Value)> {
    let attrs = i.attrs.borrow();
    match (attrs.get("_name_"), attrs.get("_value_")) {
        (Some(Value::Str(n)), Some(v)) if i.class.attrs.borrow().contains_key(MEMBERS) => Some((n.clone(), v.clone())),
        _ => None,
    }
}

/// `repr(member)`: `<Color.RED: 1>`; `str(member)`: `Color.RED` (an `IntEnum`'s is its value).
pub(crate) fn member_text(i: &Instance, repr: bool) -> Option<String> {
    let (name, value) = member(i)?;
    let int = kind(&i.class.mro) == Some(true);
    Some(match (repr, &value) {
        (true, _) => format!("<{}.{name}: {}>", i.class.name, value.repr()),
        (false, Value::Int(n)) if int => n.to_string(),
        (false, _) => format!("{}.{name}", i.class.name),
    })
}

impl Interpreter<'_> {
    /// Turns the class body's plain assignments into members, in the order the body made
    /// them (names that are `_sunder_`/`__dunder__`, functions and classes stay attributes).
    pub(crate) fn make_enum(&mut self, class: &Rc<Class>, body: &[Stmt], int: bool, span: Span) -> Result<(), EvalError> {
        let mut order: Vec<&str> = Vec::new();
        for s in body {
            let target = match &s.kind {
                StmtKind::Assign { targets, .. } if targets.len() == 1 => &targets[0],
                StmtKind::AnnAssign { target, value: Some(_), .. } => target,
                _ => continue,
            };
            if let ExprKind::Name(n) = &target.kind {
                let sunder = n.len() > 2 && n.starts_with('_') && n.ends_with('_');
                if !sunder && !order.contains(&n.as_str()) {
                    order.push(n);
                }
            }
        }
        let mut names = Vec::new();
        let mut made: Vec<(Value, Rc<Instance>)> = Vec::new();
        let mut last_int = 0;
        for name in order {
            let Some(mut value) = class.attrs.borrow().get(name).cloned() else { continue };
            if matches!(value, Value::Function(_) | Value::Class(_)) {
                continue;
            }
            if matches!(&value, Value::Builtin(b) if matches!(&**b, Builtin::Typing(t) if t == AUTO)) {
                value = Value::Int(last_int + 1);
            }
            if int {
                value = match value {
                    Value::Int(n) => Value::Int(n),
                    Value::Bool(b) => Value::Int(b as i64),
                    v => return Err(value_error("ValueError", format!("invalid literal for int() with base 10: {}", v.repr()), span)),
                };
            }
            if let Value::Int(n) = value {
                last_int = n;
            }
            let mut alias = None;
            for (v, m) in &made {
                if self.eq(v, &value)? {
                    alias = Some(m.clone());
                    break;
                }
            }
            let m = match alias {
                Some(m) => m,
                None => {
                    self.alloc_items(4)?;
                    let attrs = HashMap::from([
                        ("_name_".to_string(), Value::str(name)),
                        ("name".to_string(), Value::str(name)),
                        ("_value_".to_string(), value.clone()),
                        ("value".to_string(), value.clone()),
                    ]);
                    let m = Rc::new(Instance { class: class.clone(), attrs: RefCell::new(attrs) });
                    names.push(Value::str(name));
                    made.push((value, m.clone()));
                    m
                }
            };
            class.attrs.borrow_mut().insert(name.to_string(), Value::Instance(m));
        }
        class.attrs.borrow_mut().insert(MEMBERS.into(), Value::List(Rc::new(RefCell::new(names))));
        self.enums.push(Rc::downgrade(class));
        Ok(())
    }

    /// `X(value)`: the member with that value.
    pub(crate) fn enum_by_value(&mut self, c: &Rc<Class>, args: &[Value], span: Span) -> Result<Value, EvalError> {
        let [v] = args else {
            return Err(unsupported(&format!("calling the enumeration {} with {} arguments", c.qualname, args.len()), span));
        };
        for m in members(c).unwrap_or_default() {
            if let Value::Instance(i) = &m {
                if let Some((_, value)) = member(i) {
                    if self.eq(&value, v)? {
                        return Ok(m);
                    }
                }
            }
        }
        Err(value_error("ValueError", format!("{} is not a valid {}", v.repr(), c.qualname), span))
    }

    /// `X['A']`: the member named `A`.
    pub(crate) fn enum_by_name(&mut self, c: &Rc<Class>, key: &Value, span: Span) -> Result<Value, EvalError> {
        let Value::Str(k) = key else {
            return Err(EvalError::new("eval-error", format!("KeyError: {}", key.repr()), span).catchable("KeyError"));
        };
        for m in members(c).unwrap_or_default() {
            if matches!(&m, Value::Instance(i) if member(i).is_some_and(|(n, _)| n == *k)) {
                return Ok(m);
            }
        }
        Err(EvalError::new("eval-error", format!("KeyError: {}", key.repr()), span).catchable("KeyError"))
    }
}
