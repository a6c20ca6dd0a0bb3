//! `logging`: `getLogger(name)` and its `debug`/`info`/`warning`/`error`/`exception`/
//! `critical`/`log` methods, `%`-formatting the message with its arguments as `logging`
//! does. Records go to the embedding program (`Host::log`), which decides — as the
//! project's logging configuration would — whether and how they are shown.

use super::native::{value, Native};
use crate::eval::exec::{attribute_error, unsupported};
use crate::eval::expr::type_error;
use crate::eval::{EvalError, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

pub(super) fn module_attrs() -> Vec<(&'static str, Value)> {
    let f = |n: &'static str| Value::Builtin(Rc::new(crate::eval::Builtin::Func(n)));
    vec![
        ("getLogger", f("logging.getLogger")),
        ("basicConfig", f("logging.basicConfig")),
        ("NOTSET", Value::Int(0)),
        ("DEBUG", Value::Int(10)),
        ("INFO", Value::Int(20)),
        ("WARNING", Value::Int(30)),
        ("WARN", Value::Int(30)),
        ("ERROR", Value::Int(40)),
        ("CRITICAL", Value::Int(50)),
        ("FATAL", Value::Int(50)),
    ]
}

pub(super) fn attr(n: &Native, name: &str, span: Span) -> Result<Value, EvalError> {
    match (n, name) {
        (Native::Logger(l), "name") => Ok(Value::str(l)),
        (Native::Logger(_), "handlers") => Ok(Value::list(Vec::new())),
        _ => Err(attribute_error(format!("'Logger' object has no attribute '{name}'"), span)),
    }
}

fn level_of(method: &str) -> Option<u32> {
    Some(match method {
        "debug" => 10,
        "info" => 20,
        "warning" | "warn" => 30,
        "error" | "exception" => 40,
        "critical" | "fatal" => 50,
        _ => return None,
    })
}

impl Interpreter<'_> {
    pub(super) fn call_logging(
        &mut self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        match name {
            "logging.getLogger" => {
                let logger: Rc<str> = match (args.first(), kwargs.first()) {
                    (None | Some(Value::None), None) => Rc::from("root"),
                    (Some(Value::Str(s)), None) | (None, Some((_, Value::Str(s)))) => s.clone(),
                    (Some(v), _) | (None, Some((_, v))) => {
                        return Err(type_error(format!("A logger name must be a string, not {}", v.type_name()), span))
                    }
                };
                Ok(value(Native::Logger(logger)))
            }
            // The embedding program's configuration stands (as Alembic's fileConfig does).
            "logging.basicConfig" => Ok(Value::None),
            _ => Err(unsupported(&format!("{name}()"), span)),
        }
    }

    pub(super) fn logger_method(
        &mut self,
        logger: &str,
        name: &str,
        mut args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        let level = match name {
            "log" => {
                if args.is_empty() {
                    return Err(type_error("log() missing 2 required positional arguments: 'level' and 'msg'", span));
                }
                let l = args.remove(0);
                u32::try_from(l.as_int().ok_or_else(|| type_error("level must be an integer", span))?).unwrap_or(0)
            }
            "setLevel" | "addHandler" | "removeHandler" => return Ok(Value::None),
            // Which records are shown is the embedding program's configuration.
            "isEnabledFor" => return Ok(Value::Bool(true)),
            n => level_of(n).unwrap_or(20),
        };
        if let Some((k, _)) = kwargs.iter().find(|(k, _)| !matches!(k.as_str(), "exc_info" | "stack_info" | "stacklevel" | "extra")) {
            return Err(type_error(format!("Logger.{name}() got an unexpected keyword argument '{k}'"), span));
        }
        if args.is_empty() {
            return Err(type_error(format!("Logger.{name}() missing 1 required positional argument: 'msg'"), span));
        }
        let msg = args.remove(0);
        let mut text = self.text(&msg, false)?;
        if !args.is_empty() {
            // `logging` formats `msg % args`, with a lone dict as the mapping.
            let rest = if args.len() == 1 && matches!(args[0], Value::Dict(_)) { args.remove(0) } else { Value::Tuple(args.into()) };
            text = self.percent(&text, &rest, span)?;
            self.alloc_bytes(text.len())?;
        }
        self.host.log(logger, level, &text);
        Ok(Value::None)
    }
}
