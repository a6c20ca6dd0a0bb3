//! The values pylite's standard-library modules make, as host objects: `type(...)` names,
//! `repr()`/`str()` as Python prints them, and ordering.

use super::super::{CallContext, EvalError, HostObject, Value};
use super::datetime as dt;
use std::cmp::Ordering;
use std::rc::Rc;

/// Microseconds.
pub(crate) const SECOND: i64 = 1_000_000;
pub(crate) const DAY: i64 = 86_400 * SECOND;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Native {
    /// `datetime.date`: days since 1970-01-01.
    Date(i64),
    /// `datetime.datetime`: microseconds since 1970-01-01 00:00 on its own wall clock, and
    /// its UTC offset in seconds when it is aware.
    DateTime { micros: i64, tz: Option<i64> },
    /// `datetime.timedelta`: microseconds.
    TimeDelta(i64),
    /// `datetime.timezone`: a fixed UTC offset in seconds.
    TimeZone(i64),
    /// `uuid.UUID`.
    Uuid(u128),
    /// `logging.Logger`, by name.
    Logger(Rc<str>),
    /// A finished `hashlib` hash: its digest.
    Digest(Vec<u8>),
    /// One of the types above: `datetime`, `date`, `timedelta`, `timezone`, `UUID`.
    Type(&'static str),
    /// `re.compile(...)`'s pattern (none in a build without `stdlib`).
    #[cfg_attr(not(feature = "stdlib"), allow(dead_code))]
    Pattern(Rc<super::re::Pattern>),
    /// A successful `re` match.
    #[cfg_attr(not(feature = "stdlib"), allow(dead_code))]
    Match(Rc<super::re::Match>),
}

/// The native value behind `v`, if it is one.
pub(crate) fn of(v: &Value) -> Option<&Native> {
    match v {
        Value::Host(h) => h.as_any().downcast_ref::<Native>(),
        _ => None,
    }
}

pub(crate) fn value(n: Native) -> Value {
    Value::Host(Rc::new(n))
}

impl Native {
    fn class(&self) -> &'static str {
        match self {
            Native::Date(_) => "date",
            Native::DateTime { .. } => "datetime",
            Native::TimeDelta(_) => "timedelta",
            Native::TimeZone(_) => "timezone",
            Native::Uuid(_) => "UUID",
            Native::Logger(_) => "Logger",
            Native::Digest(_) => "HASH",
            Native::Type(_) => "type",
            Native::Pattern(_) => "Pattern",
            Native::Match(_) => "Match",
        }
    }

    /// `isinstance(self, <type t>)`; a datetime is a date, as in Python.
    pub(crate) fn is_instance_of(&self, t: &str) -> bool {
        self.class() == t || (t == "date" && matches!(self, Native::DateTime { .. }))
    }

    /// The methods of this value (or the class methods of this type).
    pub(crate) fn method(&self, name: &str) -> Option<&'static str> {
        let methods: &[&'static str] = match self {
            Native::DateTime { .. } => &[
                "isoformat",
                "strftime",
                "date",
                "replace",
                "timestamp",
                "weekday",
                "isoweekday",
                "astimezone",
                "utcoffset",
                "total_seconds",
            ],
            Native::Date(_) => &["isoformat", "strftime", "replace", "weekday", "isoweekday"],
            Native::TimeDelta(_) => &["total_seconds"],
            Native::Digest(_) => &["hexdigest", "digest"],
            Native::Logger(_) => &[
                "debug",
                "info",
                "warning",
                "warn",
                "error",
                "exception",
                "critical",
                "fatal",
                "log",
                "setLevel",
                "isEnabledFor",
                "addHandler",
                "removeHandler",
            ],
            Native::Type("datetime") => &["now", "utcnow", "today", "fromisoformat", "fromtimestamp", "utcfromtimestamp", "combine"],
            Native::Type("date") => &["today", "fromisoformat"],
            Native::Pattern(_) => &["match", "search", "fullmatch", "sub", "subn", "findall", "split"],
            Native::Match(_) => &["group", "groups", "groupdict", "start", "end", "span"],
            _ => &[],
        };
        methods.iter().copied().find(|m| *m == name && !(matches!(self, Native::DateTime { .. }) && name == "total_seconds"))
    }
}

/// Python's ordering of two native values of one kind; `None` when they cannot be compared.
pub(crate) fn compare(a: &Native, b: &Native) -> Option<Ordering> {
    match (a, b) {
        (Native::Date(x), Native::Date(y)) => Some(x.cmp(y)),
        (Native::DateTime { micros: x, tz: None }, Native::DateTime { micros: y, tz: None }) => Some(x.cmp(y)),
        (Native::DateTime { micros: x, tz: Some(p) }, Native::DateTime { micros: y, tz: Some(q) }) => {
            Some((x - p * SECOND).cmp(&(y - q * SECOND)))
        }
        (Native::TimeDelta(x), Native::TimeDelta(y)) => Some(x.cmp(y)),
        (Native::TimeZone(x), Native::TimeZone(y)) => (x == y).then_some(Ordering::Equal),
        (Native::Uuid(x), Native::Uuid(y)) => Some(x.cmp(y)),
        (Native::Logger(x), Native::Logger(y)) => (x == y).then_some(Ordering::Equal),
        (Native::Type(x), Native::Type(y)) => (x == y).then_some(Ordering::Equal),
        (Native::Digest(_), Native::Digest(_)) => None,
        (Native::Pattern(x), Native::Pattern(y)) => (x == y).then_some(Ordering::Equal),
        _ => None,
    }
}

impl HostObject for Native {
    fn type_name(&self) -> String {
        match self {
            Native::Uuid(_) => "UUID".into(),
            Native::Logger(_) => "Logger".into(),
            Native::Digest(_) => "_hashlib.HASH".into(),
            Native::Type(_) => "type".into(),
            Native::Pattern(_) => "re.Pattern".into(),
            Native::Match(_) => "re.Match".into(),
            n => format!("datetime.{}", n.class()),
        }
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        // The interpreter serves native attributes itself (`Interpreter::native_attr`).
        Err(cx.error("eval-error", format!("'{}' object has no attribute '{name}'", self.type_name())))
    }

    fn get_item(&self, key: &Value, cx: &mut CallContext) -> Result<Value, EvalError> {
        match self {
            Native::Match(m) => m.group(key, cx.span),
            _ => Err(cx.error("type-error", format!("'{}' object is not subscriptable", self.type_name())).catchable("TypeError")),
        }
    }

    fn repr(&self) -> Option<String> {
        Some(match self {
            Native::Date(days) => {
                let (y, m, d) = calendar::civil_from_days(*days);
                format!("datetime.date({y}, {m}, {d})")
            }
            Native::DateTime { micros, tz } => dt::repr_datetime(*micros, *tz),
            Native::TimeDelta(us) => dt::repr_timedelta(*us),
            Native::TimeZone(0) => "datetime.timezone.utc".into(),
            Native::TimeZone(off) => format!("datetime.timezone({})", dt::repr_timedelta(off * SECOND)),
            Native::Uuid(u) => format!("UUID('{}')", super::uuid::hyphenated(*u)),
            Native::Logger(name) => format!("<Logger {name} (NOTSET)>"),
            Native::Digest(_) => "<sha256 _hashlib.HASH object>".into(),
            Native::Type("UUID") => "<class 'uuid.UUID'>".into(),
            Native::Pattern(p) => {
                let mut out = String::from("re.compile(");
                super::super::value::repr_str(p.source(), &mut out);
                out.push(')');
                out
            }
            Native::Match(m) => m.repr(),
            Native::Type(t) => format!("<class 'datetime.{t}'>"),
        })
    }

    fn str(&self) -> Option<String> {
        Some(match self {
            Native::Date(days) => dt::iso_date(*days),
            Native::DateTime { micros, tz } => dt::isoformat(*micros, *tz, ' '),
            Native::TimeDelta(us) => dt::str_timedelta(*us),
            Native::TimeZone(off) => dt::tz_name(*off),
            Native::Uuid(u) => super::uuid::hyphenated(*u),
            _ => return None,
        })
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
