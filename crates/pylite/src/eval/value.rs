//! Runtime values, with Python's type names, truthiness, equality, ordering and `repr()`/`str()`.

use super::{CallContext, EvalError};
use crate::ast::FunctionDef;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// A value of the evaluated program. Containers are shared (`Rc`) as in Python: a list passed
/// to a function and appended to there is the same list.
#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Value]>),
    List(Rc<RefCell<Vec<Value>>>),
    /// Insertion-ordered, as Python's dict.
    Dict(Rc<RefCell<Vec<(Value, Value)>>>),
    Function(Rc<Function>),
    Host(Rc<dyn HostObject>),
    Builtin(Rc<Builtin>),
    /// Insertion-ordered (Python's own order depends on hashes: seeded for strings).
    Set(Rc<RefCell<Vec<Value>>>),
    /// A generator expression's items, computed when it was evaluated; iterating consumes
    /// them, once, as in Python.
    Iter(Rc<RefCell<std::collections::VecDeque<Value>>>),
    /// A `class` statement's class.
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    /// `obj.method`: a function found on the class, bound to the instance.
    Method(Rc<BoundMethod>),
    /// What calling a generator function returns: its body, run lazily (`generator.rs`).
    Generator(Rc<super::generator::Generator>),
}

/// A class of the evaluated program: its namespace, and its bases' classes in lookup order.
#[derive(Debug)]
pub struct Class {
    pub name: String,
    pub qualname: String,
    /// The base classes, linearised (depth-first, each class at its last occurrence: C3's
    /// order for the hierarchies revision files write), without the class itself.
    pub mro: Vec<Rc<Class>>,
    pub attrs: RefCell<HashMap<String, Value>>,
    /// The host class it derives from, itself or through its bases (`sqlalchemy.TypeDecorator`).
    pub host_base: Option<Rc<dyn HostBase>>,
}

/// A host class the program's classes may derive from: calling such a class gives the
/// host's value, made from the class's attributes and what its hook methods return.
pub trait HostBase {
    /// For messages: `sqlalchemy.TypeDecorator`.
    fn name(&self) -> &'static str;
    /// The methods a subclass may define that a call of it uses, each with its arguments
    /// after `self` (`load_dialect_impl(dialect)`).
    fn hooks(&self) -> Vec<(&'static str, Vec<Value>)>;
    /// What calling the subclass gives; `hooked[i]` is what `hooks()[i]` returned, `None`
    /// where the class does not define it.
    fn make(
        &self,
        class: &Class,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        hooked: Vec<Option<Value>>,
        cx: &mut CallContext,
    ) -> Result<Value, EvalError>;
    /// `super().name` in a method of a subclass whose other bases do not define it.
    fn super_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError>;
}

impl std::fmt::Debug for dyn HostBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.name())
    }
}

impl Class {
    /// `name` on the class or, failing that, on its bases.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Some(v.clone());
        }
        self.mro.iter().find_map(|c| c.attrs.borrow().get(name).cloned())
    }
}

/// An instance of a [`Class`]: its own attributes.
#[derive(Debug)]
pub struct Instance {
    pub class: Rc<Class>,
    pub attrs: RefCell<HashMap<String, Value>>,
}

#[derive(Debug)]
pub struct BoundMethod {
    pub func: Rc<Function>,
    pub receiver: Rc<Instance>,
}

impl std::fmt::Debug for dyn HostObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.type_name())
    }
}

/// A `def` of the evaluated program, with the scope it was defined in (for nested helpers).
#[derive(Debug)]
pub struct Function {
    /// Shared with the `def` statement (never copied per run).
    pub def: std::sync::Arc<FunctionDef>,
    /// Default values, evaluated once at `def` time as in Python (by parameter index).
    pub defaults: Vec<Option<Value>>,
    /// The scopes of the functions it was defined in, innermost last (empty at module level).
    pub enclosing: Vec<Scope>,
    /// `outer.<locals>.name`, `Class.method`: how Python's messages name it.
    pub qualname: String,
    /// Its `global` and `nonlocal` declarations.
    pub decls: Rc<Decls>,
    /// The globals of the module that defined it (a project module's own namespace).
    pub globals: Scope,
    /// The project module file that defined it; `None` for the file being run.
    pub file: Option<Rc<super::modules::ModuleSource>>,
}

/// The names a function body declares `global` or `nonlocal` (not those of nested functions).
#[derive(Debug, Default)]
pub struct Decls {
    pub globals: Vec<String>,
    pub nonlocals: Vec<String>,
}

/// One function call's local variables (shared, so nested functions see later assignments).
pub type Scope = Rc<RefCell<HashMap<String, Value>>>;

/// Things pylite provides itself: builtin functions and types, bound methods of builtin
/// values, inert `typing` names, exception classes and instances.
#[derive(Debug)]
pub enum Builtin {
    /// `len`, `range`, `print`, ... and the types `str`, `int`, ... (callable conversions).
    Func(&'static str),
    /// `"a,b".split`: a method of a builtin value, called later.
    Method(Value, &'static str),
    /// `typing.Union` and friends: usable in annotations and subscripts, nothing else.
    Typing(String),
    /// `ValueError`, `Exception`, ...: callable, raisable, catchable.
    ExcType(&'static str),
    ExcInstance(&'static str, String),
}

/// An object the host provides (`op`, `sa`, a Column): pylite only forwards to it.
/// Not `Debug` itself: a supertrait puts every host type's `Debug` code into every build
/// through the vtables, used or not (with `Value`'s and the AST's: 8 KB of the page's gzipped
/// wasm); `dyn HostObject` prints its type name instead.
pub trait HostObject {
    /// For messages, e.g. "sqlalchemy.Column".
    fn type_name(&self) -> String;
    /// `obj.name`, e.g. `op.add_column` returns a bound host callable.
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(cx.error("eval-error", format!("'{}' object has no attribute '{name}'", self.type_name())))
    }
    /// `obj(*args, **kwargs)`.
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let _ = (args, kwargs);
        Err(cx.error("type-error", format!("'{}' object is not callable", self.type_name())))
    }
    /// `with obj as y:` binds `y` to the result.
    fn enter(&self, cx: &mut CallContext) -> Result<Value, EvalError> {
        Err(cx.error("type-error", format!("'{}' object does not support the context manager protocol", self.type_name())))
    }
    /// End of the `with` block; `ok` is false when the block failed.
    fn exit(&self, ok: bool, cx: &mut CallContext) -> Result<(), EvalError> {
        let _ = (ok, cx);
        Ok(())
    }
    /// `obj[key]` (a result row by position or name).
    fn get_item(&self, key: &Value, cx: &mut CallContext) -> Result<Value, EvalError> {
        let _ = key;
        Err(cx.error("type-error", format!("'{}' object is not subscriptable", self.type_name())))
    }
    /// The items `for x in obj` sees (a query result's rows).
    fn iterate(&self, cx: &mut CallContext) -> Result<Vec<Value>, EvalError> {
        Err(cx.error("type-error", format!("'{}' object is not iterable", self.type_name())))
    }
    /// `repr(obj)`, when the host has Python's text for it (a type's `VARCHAR(length=50)`);
    /// `None` prints `<type_name object>`.
    fn repr(&self) -> Option<String> {
        None
    }
    /// `str(obj)` / `print(obj)`, when it differs from `repr` (a type's `VARCHAR(50)`).
    fn str(&self) -> Option<String> {
        None
    }
    /// An operator with this object as an operand (`col == 5`, `a & b`, `~a`): the host's
    /// result, or `None` when it does not overload it (Python's `NotImplemented`). `other` is
    /// `None` for a unary operator; `reflected` when this object is the right operand.
    fn operator(&self, op: Operator, other: Option<&Value>, reflected: bool, cx: &mut CallContext) -> Option<Result<Value, EvalError>> {
        let _ = (op, other, reflected, cx);
        None
    }
    /// A host class that the program's classes may derive from.
    fn as_base(&self) -> Option<Rc<dyn HostBase>> {
        None
    }
    /// So the host can downcast its own values.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// The operators a host object may overload (SQLAlchemy's column expressions build SQL
/// from them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Bin(crate::ast::BinOp),
    Cmp(crate::ast::CmpOp),
    Unary(crate::ast::UnaryOp),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::Bytes(_) => "bytes".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::List(_) => "list".into(),
            Value::Dict(_) => "dict".into(),
            Value::Function(_) => "function".into(),
            Value::Host(h) => h.type_name(),
            Value::Set(_) => "set".into(),
            Value::Iter(_) | Value::Generator(_) => "generator".into(),
            Value::Class(_) => "type".into(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Method(_) => "method".into(),
            Value::Builtin(b) => match &**b {
                Builtin::Func(_) | Builtin::Method(..) => "builtin_function_or_method".into(),
                Builtin::Typing(_) => "typing special form".into(),
                Builtin::ExcType(_) => "type".into(),
                Builtin::ExcInstance(t, _) => (*t).into(),
            },
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            _ => true,
        }
    }

    /// Python's `repr()`. For hosts, outside the interpreter's budgets: a text longer than
    /// 1 MiB (or a walk of more than a million elements) ends in `...`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        if write_repr(self, &mut out, 0, &mut Meter::standalone()).is_err() {
            out.truncate(floor_char_boundary(&out, 1 << 20));
            out.push_str("...");
        }
        out
    }

    /// Python's `str()`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Builtin(b) => match &**b {
                Builtin::ExcInstance(_, msg) => msg.clone(),
                _ => self.repr(),
            },
            _ => self.repr(),
        }
    }

    /// Numbers as f64 for mixed arithmetic (bool is an int, as in Python).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Bool(b) => Some(*b as i64),
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

/// Why a metered walk over values stopped before its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The work allowance (the interpreter's remaining steps) is spent.
    Work,
    /// The output would exceed the byte allowance (the remaining memory budget).
    Bytes,
    /// Containers nested deeper than [`MAX_COMPARE_DEPTH`] (Python's RecursionError).
    Depth,
}

/// A walk's allowance: every element compared or written costs one unit of `work`; a
/// `repr` may write at most `bytes`. Shared structures (`a = [b, b]` nested 60 times) are
/// walked element by element, so the allowance, not the structure, bounds the walk.
pub(crate) struct Meter {
    pub work: u64,
    pub bytes: usize,
}

impl Meter {
    /// What the public helpers (used by hosts, outside any interpreter budget) may spend.
    fn standalone() -> Meter {
        Meter { work: 1_000_000, bytes: 1 << 20 }
    }

    pub(crate) fn tick(&mut self) -> Result<(), Stop> {
        if self.work == 0 {
            return Err(Stop::Work);
        }
        self.work -= 1;
        Ok(())
    }

    /// Byte-scanning work (comparing or searching text): one unit per [`BYTES_PER_UNIT`].
    pub(crate) fn scan(&mut self, bytes: usize) -> Result<(), Stop> {
        let units = (bytes / BYTES_PER_UNIT) as u64;
        if units > self.work {
            self.work = 0;
            return Err(Stop::Work);
        }
        self.work -= units;
        Ok(())
    }
}

/// Text compared, searched or scanned costs one unit of work per this many bytes.
pub(crate) const BYTES_PER_UNIT: usize = 256;

/// Python raises RecursionError comparing containers nested about this deep.
pub(crate) const MAX_COMPARE_DEPTH: usize = 200;

/// Python's `==`. Gives up (unequal) after a million element comparisons: hosts call it
/// outside the interpreter's budget; the interpreter itself meters its comparisons.
pub fn py_eq(a: &Value, b: &Value) -> bool {
    eq_in(a, b, &mut Meter::standalone(), 0).unwrap_or(false)
}

/// Python's `==`, charging `m` one unit per element compared (and per 256 bytes of text).
pub(crate) fn eq_in(a: &Value, b: &Value, m: &mut Meter, depth: usize) -> Result<bool, Stop> {
    use Value::*;
    m.tick()?;
    if depth > MAX_COMPARE_DEPTH {
        return Err(Stop::Depth);
    }
    let seq = |x: &[Value], y: &[Value], m: &mut Meter| -> Result<bool, Stop> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (a, b) in x.iter().zip(y.iter()) {
            if !eq_in(a, b, m, depth + 1)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(match (a, b) {
        (None, None) => true,
        (Str(x), Str(y)) => {
            m.scan(x.len().min(y.len()))?;
            x == y
        }
        (Bytes(x), Bytes(y)) => {
            m.scan(x.len().min(y.len()))?;
            x == y
        }
        (Tuple(x), Tuple(y)) => Rc::ptr_eq(x, y) || seq(x, y, m)?,
        (List(x), List(y)) => Rc::ptr_eq(x, y) || seq(&x.borrow(), &y.borrow(), m)?,
        (Dict(x), Dict(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in x.iter() {
                    let mut found = false;
                    for (k2, v2) in y.iter() {
                        if eq_in(k, k2, m, depth + 1)? && eq_in(v, v2, m, depth + 1)? {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return Ok(false);
                    }
                }
                true
            }
        }
        (Set(x), Set(y)) => {
            Rc::ptr_eq(x, y) || {
                let (x, y) = (x.borrow(), y.borrow());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for a in x.iter() {
                    let mut found = false;
                    for b in y.iter() {
                        if eq_in(a, b, m, depth + 1)? {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return Ok(false);
                    }
                }
                true
            }
        }
        (Function(x), Function(y)) => Rc::ptr_eq(x, y),
        (Host(x), Host(y)) => Rc::ptr_eq(x, y) || super::stdlib::native_cmp(a, b) == Some(std::cmp::Ordering::Equal),
        (Iter(x), Iter(y)) => Rc::ptr_eq(x, y),
        (Generator(x), Generator(y)) => Rc::ptr_eq(x, y),
        (Class(x), Class(y)) => Rc::ptr_eq(x, y),
        (Instance(x), Instance(y)) => Rc::ptr_eq(x, y),
        (Method(x), Method(y)) => Rc::ptr_eq(&x.func, &y.func) && Rc::ptr_eq(&x.receiver, &y.receiver),
        (Builtin(x), Builtin(y)) => match (&**x, &**y) {
            (self::Builtin::Func(p), self::Builtin::Func(q)) => p == q,
            (self::Builtin::ExcType(p), self::Builtin::ExcType(q)) => p == q,
            (self::Builtin::Typing(p), self::Builtin::Typing(q)) => p == q,
            _ => Rc::ptr_eq(x, y),
        },
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => match (a.as_int(), b.as_int()) {
                (Some(i), Some(j)) => i == j,
                _ => x == y,
            },
            _ => false,
        },
    })
}

/// Python's ordering for `<` and `sorted`; `None` when the types cannot be ordered (or,
/// outside the interpreter, after a million element comparisons).
pub fn py_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    cmp_in(a, b, &mut Meter::standalone(), 0).ok().flatten()
}

/// Python's ordering, metered like [`eq_in`].
pub(crate) fn cmp_in(a: &Value, b: &Value, m: &mut Meter, depth: usize) -> Result<Option<std::cmp::Ordering>, Stop> {
    use Value::*;
    m.tick()?;
    if depth > MAX_COMPARE_DEPTH {
        return Err(Stop::Depth);
    }
    Ok(match (a, b) {
        (Str(x), Str(y)) => {
            m.scan(x.len().min(y.len()))?;
            Some(x.cmp(y))
        }
        (Bytes(x), Bytes(y)) => {
            m.scan(x.len().min(y.len()))?;
            Some(x.cmp(y))
        }
        (Tuple(x), Tuple(y)) => seq_cmp(x, y, m, depth)?,
        (List(x), List(y)) => seq_cmp(&x.borrow(), &y.borrow(), m, depth)?,
        (Host(_), Host(_)) => super::stdlib::native_cmp(a, b),
        _ => match (a.as_int(), b.as_int()) {
            (Some(i), Some(j)) => Some(i.cmp(&j)),
            _ => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                _ => Option::None,
            },
        },
    })
}

fn seq_cmp(x: &[Value], y: &[Value], m: &mut Meter, depth: usize) -> Result<Option<std::cmp::Ordering>, Stop> {
    for (a, b) in x.iter().zip(y.iter()) {
        if !eq_in(a, b, m, depth + 1)? {
            return cmp_in(a, b, m, depth + 1);
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn repr_str(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            // Python also escapes other non-printable characters (separators, unassigned);
            // the common ones in SQL text are the line and paragraph separators.
            '\u{2028}' | '\u{2029}' | '\u{ad}' | '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

fn repr_bytes(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
}

/// Python's `repr(float)`: the shortest round-tripping digits, exponent form outside 1e-4..1e16.
pub fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let s = format!("{f}");
        if s.contains('.') {
            s
        } else {
            format!("{s}.0")
        }
    } else {
        format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// Containers deeper than this print as `[...]` (Python detects cycles; this also bounds them).
const MAX_REPR_DEPTH: usize = 50;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `repr(v)` appended to `out`, one unit of `m`'s work per value written; stops once `out`
/// would pass `m.bytes` (checked before a string is copied, so a huge text is never written).
pub(crate) fn write_repr(v: &Value, out: &mut String, depth: usize, m: &mut Meter) -> Result<(), Stop> {
    m.tick()?;
    if out.len() > m.bytes {
        return Err(Stop::Bytes);
    }
    if depth > MAX_REPR_DEPTH {
        out.push_str("...");
        return Ok(());
    }
    let seq = |items: &[Value], open: &str, close: &str, out: &mut String, m: &mut Meter| -> Result<(), Stop> {
        out.push_str(open);
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_repr(x, out, depth + 1, m)?;
        }
        out.push_str(close);
        Ok(())
    };
    let text_fits = |len: usize, out: &String, m: &Meter| if out.len().saturating_add(len) > m.bytes { Err(Stop::Bytes) } else { Ok(()) };
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&repr_float(*f)),
        Value::Str(s) => {
            text_fits(s.len(), out, m)?;
            m.scan(s.len())?;
            repr_str(s, out)
        }
        Value::Bytes(b) => {
            text_fits(b.len(), out, m)?;
            m.scan(b.len())?;
            repr_bytes(b, out)
        }
        Value::Tuple(t) if t.len() == 1 => seq(t, "(", ",)", out, m)?,
        Value::Tuple(t) => seq(t, "(", ")", out, m)?,
        Value::List(l) => seq(&l.borrow(), "[", "]", out, m)?,
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, v)) in d.borrow().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out, depth + 1, m)?;
                out.push_str(": ");
                write_repr(v, out, depth + 1, m)?;
            }
            out.push('}');
        }
        Value::Function(f) => {
            let _ = write!(out, "<function {}>", f.qualname);
        }
        Value::Set(s) if s.borrow().is_empty() => out.push_str("set()"),
        Value::Set(s) => seq(&s.borrow(), "{", "}", out, m)?,
        Value::Iter(_) => out.push_str("<generator object <genexpr>>"),
        Value::Generator(g) => {
            let _ = write!(out, "<generator object {}>", g.func.qualname);
        }
        Value::Class(c) => {
            let _ = write!(out, "<class '{}'>", c.qualname);
        }
        Value::Instance(i) => match cfg!(feature = "stdlib").then(|| super::stdlib::enums::member_text(i, true)).flatten() {
            Some(r) => out.push_str(&r),
            None => {
                let _ = write!(out, "<{} object>", i.class.qualname);
            }
        },
        Value::Method(bm) => {
            let _ = write!(out, "<bound method {} of <{} object>>", bm.func.qualname, bm.receiver.class.qualname);
        }
        Value::Host(_) if super::modules::module_repr(v).is_some() => out.push_str(&super::modules::module_repr(v).unwrap_or_default()),
        Value::Host(h) => match h.repr() {
            Some(r) => out.push_str(&r),
            None => {
                let _ = write!(out, "<{} object>", h.type_name());
            }
        },
        Value::Builtin(b) => match &**b {
            Builtin::Func(n) => {
                let _ = write!(out, "<built-in function {}>", n.rsplit('.').next().unwrap_or(n));
            }
            Builtin::Method(_, n) => {
                let _ = write!(out, "<built-in method {n}>");
            }
            Builtin::Typing(n) => {
                let _ = write!(out, "typing.{n}");
            }
            Builtin::ExcType(n) => {
                let _ = write!(out, "<class '{n}'>");
            }
            Builtin::ExcInstance(t, msg) => {
                let _ = write!(out, "{t}(");
                repr_str(msg, out);
                out.push(')');
            }
        },
    }
    Ok(())
}

/// Dropping a value nested arbitrarily deep (`y = [y]` in a loop, a chain of closures,
/// instances or classes) must not recurse once per level: the children of a container
/// about to be freed are moved onto an explicit stack and freed from there.
impl Drop for Value {
    fn drop(&mut self) {
        if !last_container(self) {
            return;
        }
        let mut stack = vec![std::mem::replace(self, Value::None)];
        while let Some(v) = stack.pop() {
            take_children(v, &mut stack);
        }
    }
}

/// A container held by this value only (its drop frees what it holds).
fn last_container(v: &Value) -> bool {
    match v {
        Value::List(l) | Value::Set(l) => Rc::strong_count(l) == 1,
        Value::Iter(l) => Rc::strong_count(l) == 1,
        Value::Dict(d) => Rc::strong_count(d) == 1,
        Value::Tuple(t) => Rc::strong_count(t) == 1,
        Value::Function(f) => Rc::strong_count(f) == 1,
        Value::Method(m) => Rc::strong_count(m) == 1,
        Value::Instance(i) => Rc::strong_count(i) == 1,
        Value::Class(c) => Rc::strong_count(c) == 1,
        Value::Builtin(b) => Rc::strong_count(b) == 1,
        Value::Generator(g) => Rc::strong_count(g) == 1,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Bytes(_) | Value::Host(_) => false,
    }
}

/// Moves the values of a scope that nothing else holds onto `out`.
pub(crate) fn take_scope(scope: Scope, out: &mut Vec<Value>) {
    if let Ok(locals) = Rc::try_unwrap(scope) {
        out.extend(locals.into_inner().into_values());
    }
}

/// Frees `v`, moving its children onto `out` if this was the last reference to its
/// container. The container's `Rc` is cloned first and `v` dropped (then shared: its drop
/// does nothing), so the contents can be taken by value.
fn take_children(v: Value, out: &mut Vec<Value>) {
    match &v {
        Value::List(l) | Value::Set(l) => {
            let l = l.clone();
            drop(v);
            if let Ok(items) = Rc::try_unwrap(l) {
                out.extend(items.into_inner());
            }
        }
        Value::Iter(l) => {
            let l = l.clone();
            drop(v);
            if let Ok(items) = Rc::try_unwrap(l) {
                out.extend(items.into_inner());
            }
        }
        Value::Dict(d) => {
            let d = d.clone();
            drop(v);
            if let Ok(items) = Rc::try_unwrap(d) {
                for (k, v) in items.into_inner() {
                    out.push(k);
                    out.push(v);
                }
            }
        }
        Value::Tuple(t) => {
            let mut t = t.clone();
            drop(v);
            if let Some(items) = Rc::get_mut(&mut t) {
                out.extend(items.iter_mut().map(|x| std::mem::replace(x, Value::None)));
            }
        }
        Value::Function(f) => {
            let f = f.clone();
            drop(v);
            if let Ok(f) = Rc::try_unwrap(f) {
                out.extend(f.defaults.into_iter().flatten());
                for scope in f.enclosing {
                    take_scope(scope, out);
                }
                take_scope(f.globals, out);
            }
        }
        Value::Method(m) => {
            let m = m.clone();
            drop(v);
            if let Ok(m) = Rc::try_unwrap(m) {
                out.push(Value::Function(m.func));
                out.push(Value::Instance(m.receiver));
            }
        }
        Value::Instance(i) => {
            let i = i.clone();
            drop(v);
            if let Ok(i) = Rc::try_unwrap(i) {
                out.push(Value::Class(i.class));
                out.extend(i.attrs.into_inner().into_values());
            }
        }
        Value::Class(c) => {
            let c = c.clone();
            drop(v);
            if let Ok(c) = Rc::try_unwrap(c) {
                out.extend(c.mro.into_iter().map(Value::Class));
                out.extend(c.attrs.into_inner().into_values());
            }
        }
        Value::Builtin(b) => {
            let b = b.clone();
            drop(v);
            if let Ok(Builtin::Method(recv, _)) = Rc::try_unwrap(b) {
                out.push(recv);
            }
        }
        Value::Generator(_) if !cfg!(feature = "generators") => {}
        Value::Generator(g) => {
            let g = g.clone();
            drop(v);
            if let Ok(g) = Rc::try_unwrap(g) {
                g.into_values(out);
            }
        }
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Bytes(_) | Value::Host(_) => {}
    }
}
