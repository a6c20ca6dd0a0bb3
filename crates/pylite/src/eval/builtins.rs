//! Builtin functions, attribute access, subscripts, iteration and the methods of builtin
//! values (`str.upper`, `list.append`, `dict.items`, ...).

use super::exec::{attribute_error, unsupported};
use super::expr::{type_error, value_error};
use super::value::{cmp_in, eq_in, Builtin, Meter, Stop};
use super::{CallContext, EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

/// Sequences built by `range`, `*` and the like stay below this many items.
const MAX_ITEMS: i64 = 1_000_000;

const FUNCS: &[&str] = &[
    "len",
    "range",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "tuple",
    "dict",
    "print",
    "repr",
    "isinstance",
    "enumerate",
    "zip",
    "sorted",
    "min",
    "max",
    "any",
    "all",
    "reversed",
    "abs",
    "set",
    "sum",
    "next",
    "object",
];

pub(crate) const EXCEPTIONS: &[&str] = &[
    "BaseException",
    "Exception",
    "ValueError",
    "TypeError",
    "KeyError",
    "IndexError",
    "LookupError",
    "NameError",
    "RuntimeError",
    "NotImplementedError",
    "AssertionError",
    "ZeroDivisionError",
    "ArithmeticError",
    "OverflowError",
    "ImportError",
    "RecursionError",
    "AttributeError",
    "UnboundLocalError",
    "StopIteration",
    "GeneratorExit",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
];

const STR_METHODS: &[&str] =
    &["upper", "lower", "strip", "lstrip", "rstrip", "split", "join", "replace", "startswith", "endswith", "format"];
const LIST_METHODS: &[&str] = &["append", "extend"];
const DICT_METHODS: &[&str] = &["items", "keys", "values", "get"];
const SET_METHODS: &[&str] = &["add"];

/// The methods of `v`'s type in every build (the `stdlib` feature adds `methods.rs`'s).
fn basic_methods(v: &Value) -> &'static [&'static str] {
    match v {
        Value::Str(_) => STR_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::Generator(_) => &["send", "throw", "close", "__next__"],
        _ => &[],
    }
}

pub(crate) fn builtin(name: &str) -> Option<Value> {
    let b = if let Some(f) = FUNCS.iter().chain(super::stdlib::extra_funcs()).find(|f| **f == name) {
        Builtin::Func(f)
    } else {
        Builtin::ExcType(EXCEPTIONS.iter().find(|e| **e == name)?)
    };
    Some(Value::Builtin(Rc::new(b)))
}

fn arity(name: &str, args: &[Value], min: usize, max: usize, span: Span) -> Result<(), EvalError> {
    if args.len() < min || args.len() > max {
        let want = if min == max { format!("exactly {min}") } else { format!("{min} to {max}") };
        return Err(type_error(format!("{name}() takes {want} argument(s) ({} given)", args.len()), span));
    }
    Ok(())
}

pub(crate) fn int_arg(v: &Value, span: Span) -> Result<i64, EvalError> {
    v.as_int().ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()), span))
}

fn str_arg<'v>(v: &'v Value, what: &str, span: Span) -> Result<&'v str, EvalError> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(type_error(format!("{what} must be str, not {}", v.type_name()), span)),
    }
}

impl Interpreter<'_> {
    pub(crate) fn call_builtin(
        &mut self,
        b: &Builtin,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match b {
            Builtin::Func(name) if name.contains('.') => self.call_module_function(name, args, kwargs, span),
            Builtin::Func(name) => {
                let allowed = |k: &str| matches!((*name, k), ("sorted", "reverse" | "key") | ("sum", "start") | ("dict", _));
                if let Some((k, _)) = kwargs.iter().find(|(k, _)| !allowed(k)) {
                    return Err(type_error(format!("{name}() got an unexpected keyword argument '{k}'"), span));
                }
                self.call_func(name, args, kwargs, span)
            }
            Builtin::Method(recv, name) => {
                if let Some((k, _)) = kwargs.first() {
                    if !super::methods::takes_keywords(name) && !matches!(recv, Value::Host(_)) {
                        return Err(type_error(format!("{name}() takes no keyword arguments ('{k}' given)"), span));
                    }
                }
                self.call_method(recv, name, args, kwargs, span)
            }
            Builtin::ExcType(class) => {
                let msg = match args.first() {
                    Some(v) => self.text(v, false)?,
                    None => String::new(),
                };
                Ok(Value::Builtin(Rc::new(Builtin::ExcInstance(class, msg))))
            }
            Builtin::Typing(n) => match n.as_str() {
                // `cast(typ, val)` is `val`: typing only informs the type checker.
                "cast" => {
                    let named = |k: &str| kwargs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                    match (args.as_slice(), named("typ"), named("val"), kwargs.len()) {
                        ([_, val], None, None, 0) => Ok(val.clone()),
                        ([_], None, Some(val), 1) | ([], Some(_), Some(val), 2) => Ok(val),
                        _ => Err(type_error("cast() takes 2 positional arguments (typ, val)", span)),
                    }
                }
                // Decorators for the type checker (`@overload`, `@final`, ...) return the function.
                "overload" | "final" | "runtime_checkable" | "no_type_check"
                    if cfg!(feature = "stdlib") && args.len() == 1 && kwargs.is_empty() =>
                {
                    Ok(args[0].clone())
                }
                // A type variable is an inert typing value, as any name from `typing` here.
                "TypeVar" | "ParamSpec" | "TypeVarTuple" => match args.first() {
                    Some(Value::Str(name)) => Ok(Value::Builtin(Rc::new(Builtin::Typing(name.to_string())))),
                    _ => Err(type_error(format!("{n}() needs the variable's name as a string"), span)),
                },
                "enum.auto" if args.is_empty() && kwargs.is_empty() => Ok(super::stdlib::enums::auto()),
                _ => Err(unsupported(&format!("calling typing.{n}"), span)),
            },
            Builtin::ExcInstance(class, _) => Err(type_error(format!("'{class}' object is not callable"), span)),
        }
    }

    pub(crate) fn call_func(&mut self, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        let one = |args: &[Value]| arity(name, args, 1, 1, span);
        Ok(match name {
            "len" => {
                one(&args)?;
                Value::Int(match &args[0] {
                    Value::Str(s) if s.is_ascii() => s.len(),
                    Value::Str(s) => {
                        self.scan_work(s.len())?;
                        s.chars().count()
                    }
                    Value::Bytes(b) => b.len(),
                    Value::Tuple(t) => t.len(),
                    Value::List(l) => l.borrow().len(),
                    Value::Dict(d) => d.borrow().len(),
                    Value::Set(d) => d.borrow().len(),
                    Value::Class(c) if cfg!(feature = "stdlib") && super::stdlib::enums::members(c).is_some() => {
                        super::stdlib::enums::members(c).map_or(0, |m| m.len())
                    }
                    v => return Err(type_error(format!("object of type '{}' has no len()", v.type_name()), span)),
                } as i64)
            }
            "range" => {
                arity(name, &args, 1, 3, span)?;
                let n: Vec<i64> = args.iter().map(|a| int_arg(a, span)).collect::<Result<_, _>>()?;
                let (start, stop, step) = match n.len() {
                    1 => (0, n[0], 1),
                    2 => (n[0], n[1], 1),
                    _ => (n[0], n[1], n[2]),
                };
                if step == 0 {
                    return Err(value_error("ValueError", "range() arg 3 must not be zero", span));
                }
                let count = if step > 0 { (stop - start + step - 1) / step } else { (start - stop - step - 1) / -step };
                if count > MAX_ITEMS {
                    return Err(unsupported("range of more than 1,000,000 items", span));
                }
                self.alloc_items(count.max(0) as usize)?;
                Value::list((0..count.max(0)).map(|i| Value::Int(start + i * step)).collect())
            }
            "str" if args.is_empty() => Value::str(""),
            "str" => {
                one(&args)?;
                Value::str(&self.text(&args[0], false)?)
            }
            "repr" => {
                one(&args)?;
                Value::str(&self.text(&args[0], true)?)
            }
            "int" => {
                one(&args)?;
                match &args[0] {
                    Value::Float(f) if f.is_finite() && f.abs() < 9.2e18 => Value::Int(f.trunc() as i64),
                    Value::Str(s) => Value::Int(s.trim().replace('_', "").parse().map_err(|_| {
                        value_error("ValueError", format!("invalid literal for int() with base 10: {}", args[0].repr()), span)
                    })?),
                    v => Value::Int(int_arg(v, span)?),
                }
            }
            "float" => {
                one(&args)?;
                match &args[0] {
                    Value::Str(s) => {
                        Value::Float(s.trim().parse().map_err(|_| {
                            value_error("ValueError", format!("could not convert string to float: {}", args[0].repr()), span)
                        })?)
                    }
                    v => Value::Float(v.as_f64().ok_or_else(|| {
                        type_error(format!("float() argument must be a string or a number, not '{}'", v.type_name()), span)
                    })?),
                }
            }
            "bool" => Value::Bool(args.first().is_some_and(Value::truthy)),
            "abs" => {
                one(&args)?;
                match &args[0] {
                    Value::Float(f) => Value::Float(f.abs()),
                    v => Value::Int(int_arg(v, span)?.checked_abs().unwrap_or(i64::MAX)),
                }
            }
            "list" | "tuple" | "reversed" | "sorted" => {
                arity(name, &args, 0, 1, span)?;
                let mut items = match args.first() {
                    Some(v) => self.iterate(v, span)?,
                    None => Vec::new(),
                };
                self.alloc_items(items.len())?;
                match name {
                    "tuple" => return Ok(Value::Tuple(items.into())),
                    "reversed" => items.reverse(),
                    "sorted" => {
                        let reverse = kwargs.iter().any(|(k, v)| k == "reverse" && v.truthy());
                        match kwargs.iter().find(|(k, v)| k == "key" && !matches!(v, Value::None)) {
                            Some((_, key)) => {
                                // Python's sort with a key: keys computed once, a stable sort on them.
                                let mut keyed = Vec::with_capacity(items.len());
                                for v in items {
                                    keyed.push(Value::Tuple(vec![self.call_value(key, vec![v.clone()], Vec::new(), span)?, v].into()));
                                }
                                self.alloc_items(keyed.len() * 2)?;
                                self.sort_by_first(&mut keyed, reverse, span)?;
                                items = keyed.into_iter().map(|t| if let Value::Tuple(ref t) = t { t[1].clone() } else { t }).collect();
                            }
                            None => {
                                if reverse {
                                    // Python keeps equal items in their order when reversing.
                                    items.reverse();
                                    self.sort(&mut items, span)?;
                                    items.reverse();
                                } else {
                                    self.sort(&mut items, span)?;
                                }
                            }
                        }
                    }
                    _ => {}
                }
                Value::list(items)
            }
            "dict" => {
                arity(name, &args, 0, 1, span)?;
                let mut out = Vec::new();
                match args.first() {
                    // A mapping is copied (iterating it would give its keys).
                    Some(Value::Dict(d)) => {
                        let pairs = d.borrow().clone();
                        self.alloc_items(pairs.len() * 2)?;
                        out = pairs;
                    }
                    Some(v) => {
                        for (i, pair) in self.iterate(v, span)?.into_iter().enumerate() {
                            let kv = self.iterate(&pair, span)?;
                            let n = kv.len();
                            let [k, v] = <[Value; 2]>::try_from(kv).map_err(|_| {
                                let msg = format!("dictionary update sequence element #{i} has length {n}; 2 is required");
                                value_error("ValueError", &msg, span)
                            })?;
                            self.alloc_items(2)?;
                            self.dict_insert(&mut out, k, v)?;
                        }
                    }
                    None => {}
                }
                // `dict(a=1)`, `dict(pairs, b=2)`: keywords come last, replacing equal keys.
                for (k, v) in kwargs {
                    self.alloc_items(2)?;
                    self.dict_insert(&mut out, Value::str(&k), v)?;
                }
                Value::Dict(Rc::new(std::cell::RefCell::new(out)))
            }
            "print" => {
                let mut parts = Vec::with_capacity(args.len());
                for a in &args {
                    parts.push(self.text(a, false)?);
                }
                let line = parts.join(" ");
                self.host.print(&line);
                Value::None
            }
            "isinstance" => {
                arity(name, &args, 2, 2, span)?;
                let types = match &args[1] {
                    Value::Tuple(t) => t.to_vec(),
                    v => vec![v.clone()],
                };
                let actual = args[0].type_name();
                Value::Bool(types.iter().any(|t| match t {
                    Value::Class(c) => match &args[0] {
                        Value::Instance(i) => Rc::ptr_eq(&i.class, c) || i.class.mro.iter().any(|b| Rc::ptr_eq(b, c)),
                        _ => false,
                    },
                    Value::Host(_) => cfg!(feature = "stdlib") && super::stdlib::is_instance(&args[0], t),
                    Value::Builtin(b) => match &**b {
                        Builtin::Func("object") => true,
                        Builtin::Func(n) => *n == actual || (*n == "int" && actual == "bool"),
                        Builtin::ExcType(n) => *n == actual,
                        _ => false,
                    },
                    _ => false,
                }))
            }
            "enumerate" => {
                arity(name, &args, 1, 2, span)?;
                let start = args.get(1).map(|a| int_arg(a, span)).transpose()?.unwrap_or(0);
                let items = self.iterate(&args[0], span)?;
                self.alloc_items(items.len().saturating_mul(3))?;
                Value::list(
                    items.into_iter().enumerate().map(|(i, v)| Value::Tuple(vec![Value::Int(start + i as i64), v].into())).collect(),
                )
            }
            "zip" => {
                let seqs: Vec<Vec<Value>> = args.iter().map(|a| self.iterate(a, span)).collect::<Result<_, _>>()?;
                let n = seqs.iter().map(Vec::len).min().unwrap_or(0);
                self.alloc_items(n.saturating_mul(seqs.len() + 1))?;
                Value::list((0..n).map(|i| Value::Tuple(seqs.iter().map(|s| s[i].clone()).collect())).collect())
            }
            "min" | "max" => {
                let items = if args.len() == 1 { self.iterate(&args[0], span)? } else { args };
                let mut best: Option<Value> = None;
                for v in items {
                    best = Some(match best {
                        None => v,
                        Some(b) => {
                            let ord = self.cmp(&v, &b)?.ok_or_else(|| {
                                type_error(
                                    format!("'<' not supported between instances of '{}' and '{}'", v.type_name(), b.type_name()),
                                    span,
                                )
                            })?;
                            let better = if name == "min" { ord.is_lt() } else { ord.is_gt() };
                            if better {
                                v
                            } else {
                                b
                            }
                        }
                    });
                }
                best.ok_or_else(|| value_error("ValueError", format!("{name}() arg is an empty sequence"), span))?
            }
            "set" => {
                arity(name, &args, 0, 1, span)?;
                let items = match args.first() {
                    Some(v) => self.iterate(v, span)?,
                    None => Vec::new(),
                };
                self.alloc_items(items.len())?;
                let mut out = Vec::with_capacity(items.len());
                for v in items {
                    self.set_insert(&mut out, v)?;
                }
                Value::Set(Rc::new(std::cell::RefCell::new(out)))
            }
            "sum" => {
                arity(name, &args, 1, 2, span)?;
                let mut total = args.get(1).cloned().or_else(|| kwargs.into_iter().next().map(|(_, v)| v)).unwrap_or(Value::Int(0));
                if matches!(total, Value::Str(_)) {
                    return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]", span));
                }
                for v in self.iterate(&args[0], span)? {
                    self.step()?;
                    total = self.binop(crate::ast::BinOp::Add, total, v, span)?;
                }
                total
            }
            "next" => {
                arity(name, &args, 1, 2, span)?;
                if let Value::Generator(g) = &args[0] {
                    return self.generator_next(g, args.get(1).cloned(), span);
                }
                let Value::Iter(it) = &args[0] else {
                    return Err(type_error(format!("'{}' object is not an iterator", args[0].type_name()), span));
                };
                let item = it.borrow_mut().pop_front();
                match (item, args.get(1)) {
                    (Some(v), _) => v,
                    (None, Some(default)) => default.clone(),
                    (None, None) => return Err(value_error("StopIteration", "", span).catchable("StopIteration")),
                }
            }
            "any" | "all" => {
                one(&args)?;
                let items = self.iterate(&args[0], span)?;
                Value::Bool(if name == "any" { items.iter().any(Value::truthy) } else { items.iter().all(Value::truthy) })
            }
            _ if cfg!(feature = "stdlib") => return self.call_extra(name, args, kwargs, span),
            _ if super::stdlib::extra_funcs().contains(&name) => return Err(super::left_out(&format!("the builtin '{name}()'"), span)),
            _ => return Err(unsupported(name, span)),
        })
    }

    pub(crate) fn get_attr(&mut self, v: &Value, name: &str, span: Span) -> Result<Value, EvalError> {
        let methods = match v {
            Value::Host(h) if h.as_any().is::<super::stdlib::Native>() => return self.native_attr(v, name, span),
            Value::Host(h) => {
                let found = h.get_attr(name, &mut CallContext::new(span, &mut *self.host));
                return match found {
                    Err(e) => match self.unimported_submodule(h.as_any(), name) {
                        Some(submodule) => self.import(&submodule, span),
                        None => Err(e),
                    },
                    found => found,
                };
            }
            Value::Builtin(b) if matches!(**b, Builtin::Typing(_)) => return Ok(super::stdlib::typing_name(name)),
            // None has no public attributes at all: Python's AttributeError, not "unsupported"
            // (e.g. offline `op.get_bind().execute(...)` returns None, then `.scalar()` fails).
            Value::None => {
                return Err(
                    EvalError::new("eval-error", format!("'NoneType' object has no attribute '{name}'"), span).catchable("AttributeError")
                )
            }
            Value::Instance(i) => {
                if let Some(v) = i.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if name == "__class__" {
                    return Ok(Value::Class(i.class.clone()));
                }
                return match i.class.lookup(name) {
                    Some(v) => Ok(Interpreter::bind_method(i, v)),
                    None => Err(attribute_error(format!("'{}' object has no attribute '{name}'", i.class.name), span)),
                };
            }
            Value::Class(c) => {
                return match (c.lookup(name), name) {
                    (Some(v), _) => Ok(v),
                    (None, "__name__") => Ok(Value::str(&c.name)),
                    (None, "__qualname__") => Ok(Value::str(&c.qualname)),
                    (None, _) => Err(attribute_error(format!("type object '{}' has no attribute '{name}'", c.name), span)),
                };
            }
            Value::Function(f) if name == "__name__" => return Ok(Value::str(&f.def.name.name)),
            // `str.lower`: a method of the type, called with the instance first.
            Value::Builtin(b)
                if cfg!(feature = "stdlib") && matches!(**b, Builtin::Func("str" | "list" | "dict" | "set")) && name != "__name__" =>
            {
                let Builtin::Func(t) = **b else { unreachable!() };
                let sample = match t {
                    "str" => Value::str(""),
                    "list" => Value::list(Vec::new()),
                    "dict" => Value::Dict(Default::default()),
                    _ => Value::Set(Default::default()),
                };
                let method = self
                    .get_attr(&sample, name, span)
                    .map_err(|_| attribute_error(format!("type object '{t}' has no attribute '{name}'"), span))?;
                let Value::Builtin(ref m) = method else { unreachable!("methods of builtin values are builtins") };
                let Builtin::Method(_, m) = **m else { unreachable!() };
                return Ok(Value::Builtin(Rc::new(Builtin::Method(v.clone(), m))));
            }
            Value::Builtin(b) if name == "__name__" && matches!(**b, Builtin::Func(_) | Builtin::ExcType(_)) => {
                let (Builtin::Func(n) | Builtin::ExcType(n)) = **b else { unreachable!() };
                return Ok(Value::str(n.rsplit('.').next().unwrap_or(n)));
            }
            Value::Function(f) if name == "__qualname__" => return Ok(Value::str(&f.qualname)),
            _ => basic_methods(v),
        };
        let more = super::methods::more_methods(v);
        match methods.iter().chain(more).find(|m| **m == name) {
            Some(m) => Ok(Value::Builtin(Rc::new(Builtin::Method(v.clone(), m)))),
            None => Err(unsupported(&format!("{}.{name}", v.type_name()), span)),
        }
    }

    fn call_method(
        &mut self,
        recv: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if let (true, Value::Builtin(t)) = (cfg!(feature = "stdlib"), recv) {
            // An unbound method (`str.lower`, the `stdlib` feature's): the first argument is
            // the receiver.
            let Builtin::Func(t) = **t else { return Err(unsupported(name, span)) };
            let Some(first) = args.first().cloned() else {
                return Err(type_error(format!("unbound method {t}.{name}() needs an argument"), span));
            };
            if first.type_name() != t {
                return Err(type_error(
                    format!("descriptor '{name}' for '{t}' objects doesn't apply to a '{}' object", first.type_name()),
                    span,
                ));
            }
            return self.call_method(&first, name, args[1..].to_vec(), kwargs, span);
        }
        if super::methods::more_methods(recv).contains(&name) {
            if cfg!(feature = "stdlib") {
                return self.call_more_method(recv, name, args, kwargs, span);
            }
            if !basic_methods(recv).contains(&name) {
                return Err(super::left_out(&format!("the method '{}.{name}()'", recv.type_name()), span));
            }
        }
        match recv {
            Value::Generator(g) => self.generator_method(g, name, args, span),
            Value::Host(_) => self.call_native_method(recv, name, args, kwargs, span),
            Value::Str(s) => self.str_method(s, name, args, kwargs, span),
            Value::Set(set) => {
                arity(name, &args, 1, 1, span)?;
                self.alloc_items(1)?;
                let mut items = std::mem::take(&mut *set.borrow_mut());
                let r = self.set_insert(&mut items, args[0].clone());
                *set.borrow_mut() = items;
                r?;
                Ok(Value::None)
            }
            Value::List(l) => {
                arity(name, &args, 1, 1, span)?;
                let extra = if name == "append" { vec![args[0].clone()] } else { self.iterate(&args[0], span)? };
                self.alloc_items(extra.len())?;
                l.borrow_mut().extend(extra);
                Ok(Value::None)
            }
            Value::Dict(d) => {
                let d = d.borrow();
                let pair = |k: &Value, v: &Value| Value::Tuple(vec![k.clone(), v.clone()].into());
                let n = d.len();
                Ok(match name {
                    "items" => {
                        self.alloc_items(n.saturating_mul(3))?;
                        Value::list(d.iter().map(|(k, v)| pair(k, v)).collect())
                    }
                    "keys" => {
                        self.alloc_items(n)?;
                        Value::list(d.iter().map(|(k, _)| k.clone()).collect())
                    }
                    "values" => {
                        self.alloc_items(n)?;
                        Value::list(d.iter().map(|(_, v)| v.clone()).collect())
                    }
                    _ => {
                        arity(name, &args, 1, 2, span)?;
                        let found = self.metered(|m| {
                            for (k, v) in d.iter() {
                                if eq_in(k, &args[0], m, 0)? {
                                    return Ok(Some(v.clone()));
                                }
                            }
                            Ok(None)
                        })?;
                        found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None))
                    }
                })
            }
            _ => Err(unsupported(name, span)),
        }
    }

    fn str_method(&mut self, s: &str, name: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, span: Span) -> Result<Value, EvalError> {
        let text = |t: String| Ok(Value::str(&t));
        match name {
            // Case mapping may lengthen a non-ASCII text: charged at its upper bound.
            "upper" | "lower" => {
                self.alloc_bytes(if s.is_ascii() { s.len() } else { s.len().saturating_mul(3) })?;
                text(if name == "upper" { s.to_uppercase() } else { s.to_lowercase() })
            }
            "strip" | "lstrip" | "rstrip" => {
                arity(name, &args, 0, 1, span)?;
                self.alloc_bytes(s.len())?;
                let chars: Option<Vec<char>> = match args.first() {
                    None | Some(Value::None) => None,
                    Some(v) => Some(str_arg(v, "strip arg", span)?.chars().collect()),
                };
                let pat = |c: char| chars.as_ref().map_or(c.is_whitespace(), |cs| cs.contains(&c));
                text(
                    match name {
                        "strip" => s.trim_matches(pat),
                        "lstrip" => s.trim_start_matches(pat),
                        _ => s.trim_end_matches(pat),
                    }
                    .to_string(),
                )
            }
            "split" => {
                arity(name, &args, 0, 1, span)?;
                // Every part is a new string: at most one per byte (or separator), plus the text.
                let parts = match args.first() {
                    None | Some(Value::None) => s.split_whitespace().count(),
                    Some(Value::Str(sep)) if !sep.is_empty() => s.matches(&**sep).count() + 1,
                    _ => 0,
                };
                self.alloc_bytes(s.len().saturating_add(parts.saturating_mul(16)))?;
                self.alloc_items(parts)?;
                let parts: Vec<Value> = match args.first() {
                    None | Some(Value::None) => s.split_whitespace().map(Value::str).collect(),
                    Some(v) => {
                        let sep = str_arg(v, "must be str or None, not", span)?;
                        if sep.is_empty() {
                            return Err(value_error("ValueError", "empty separator", span));
                        }
                        s.split(sep).map(Value::str).collect()
                    }
                };
                Ok(Value::list(parts))
            }
            "join" => {
                arity(name, &args, 1, 1, span)?;
                let items = self.iterate(&args[0], span)?;
                let mut total = s.len().saturating_mul(items.len().saturating_sub(1));
                for (i, v) in items.iter().enumerate() {
                    let Value::Str(p) = v else {
                        return Err(type_error(format!("sequence item {i}: expected str instance, {} found", v.type_name()), span));
                    };
                    total = total.saturating_add(p.len());
                }
                // The joined length is known before anything is copied.
                self.alloc_bytes(total)?;
                let mut out = String::with_capacity(total);
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(s);
                    }
                    if let Value::Str(p) = v {
                        out.push_str(p);
                    }
                }
                text(out)
            }
            "replace" => {
                arity(name, &args, 2, 2, span)?;
                let old = str_arg(&args[0], "replace() argument 1", span)?;
                let new = str_arg(&args[1], "replace() argument 2", span)?;
                // The result's length, from the number of matches, before it is built.
                self.scan_work(s.len())?;
                let hits = if old.is_empty() { s.chars().count() + 1 } else { s.matches(old).count() };
                let total = (s.len() - hits.saturating_mul(old.len())).saturating_add(hits.saturating_mul(new.len()));
                self.alloc_bytes(total)?;
                text(s.replace(old, new))
            }
            "startswith" | "endswith" => {
                arity(name, &args, 1, 1, span)?;
                let options = match &args[0] {
                    Value::Tuple(t) => t.to_vec(),
                    v => vec![v.clone()],
                };
                let mut hit = false;
                for o in &options {
                    let o = str_arg(o, &format!("{name} first arg"), span)?;
                    hit |= if name == "startswith" { s.starts_with(o) } else { s.ends_with(o) };
                }
                Ok(Value::Bool(hit))
            }
            _ => {
                let out = self.str_format(s, &args, &kwargs, span)?;
                self.alloc_bytes(out.len())?;
                text(out)
            }
        }
    }
}

impl Interpreter<'_> {
    /// Sorts `(key, item)` pairs by key, stably (reversed, equal keys keep their order).
    fn sort_by_first(&mut self, pairs: &mut [Value], reverse: bool, span: Span) -> Result<(), EvalError> {
        let key = |v: &Value| if let Value::Tuple(t) = v { t[0].clone() } else { Value::None };
        // (key, ±index): ties are settled by the original position.
        let mut tagged: Vec<Value> = pairs
            .iter()
            .enumerate()
            .map(|(i, p)| Value::Tuple(vec![key(p), Value::Int(if reverse { -(i as i64) } else { i as i64 })].into()))
            .collect();
        self.sort(&mut tagged, span)?;
        if reverse {
            tagged.reverse();
        }
        let original = pairs.to_vec();
        for (slot, t) in pairs.iter_mut().zip(tagged) {
            if let Value::Tuple(ref t) = t {
                if let Some(i) = t[1].as_int() {
                    *slot = original[i.unsigned_abs() as usize].clone();
                }
            }
        }
        Ok(())
    }

    /// `sorted`: each comparison metered; once the budget is spent the remaining ones are
    /// answered at once and the budget error is reported.
    fn sort(&mut self, items: &mut [Value], span: Span) -> Result<(), EvalError> {
        let mut failed = None;
        self.metered(|m: &mut Meter| {
            let mut stop: Option<Stop> = None;
            sorting::sort_by(items, |a, b| {
                if stop.is_some() {
                    return std::cmp::Ordering::Equal;
                }
                match cmp_in(a, b, m, 0) {
                    Ok(Some(ord)) => ord,
                    Ok(None) => {
                        failed.get_or_insert_with(|| (a.type_name(), b.type_name()));
                        std::cmp::Ordering::Equal
                    }
                    Err(s) => {
                        stop = Some(s);
                        std::cmp::Ordering::Equal
                    }
                }
            });
            stop.map_or(Ok(()), Err)
        })?;
        match failed {
            Some((a, b)) => Err(type_error(format!("'<' not supported between instances of '{a}' and '{b}'"), span)),
            None => Ok(()),
        }
    }
}
