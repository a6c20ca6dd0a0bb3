//! Host objects overloading operators (`HostObject::operator`): what SQLAlchemy's column expressions
//! need. A host `Sym` builds the text of each operation; everything it does not overload
//! keeps Python's behaviour and messages.

use super::*;
use crate::ast::{BinOp, UnaryOp};
use std::rc::Rc;

/// A symbol: operators with it build `(left op right)` text, reflected ones keep the order.
#[derive(Debug)]
struct Sym(String);

impl HostObject for Sym {
    fn type_name(&self) -> String {
        "Sym".into()
    }
    fn operator(&self, op: Operator, other: Option<&Value>, reflected: bool, _cx: &mut CallContext) -> Option<Result<Value, EvalError>> {
        let other = other.map(|o| match o {
            Value::Host(h) => h.as_any().downcast_ref::<Sym>().map_or_else(|| o.repr(), |s| s.0.clone()),
            _ => o.repr(),
        });
        let symbol = match op {
            Operator::Bin(BinOp::MatMult) => return None,
            Operator::Bin(b) => b.symbol(),
            Operator::Cmp(c) => c.symbol(),
            Operator::Unary(UnaryOp::Invert) => return Some(Ok(sym(format!("~{}", self.0)))),
            Operator::Unary(_) => return None,
        };
        let other = other.unwrap_or_default();
        let text = if reflected { format!("({other} {symbol} {})", self.0) } else { format!("({} {symbol} {other})", self.0) };
        Some(Ok(sym(text)))
    }
    fn repr(&self) -> Option<String> {
        Some(self.0.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn sym(s: String) -> Value {
    Value::Host(Rc::new(Sym(s)))
}

/// `from syms import a, b` gives two symbols.
#[derive(Debug)]
struct Syms;

impl HostObject for Syms {
    fn type_name(&self) -> String {
        "module syms".into()
    }
    fn get_attr(&self, name: &str, _cx: &mut CallContext) -> Result<Value, EvalError> {
        Ok(sym(name.to_string()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

struct SymHost;

impl Host for SymHost {
    fn import(&mut self, module: &str) -> Option<Value> {
        (module == "syms").then(|| Value::Host(Rc::new(Syms)))
    }
}

/// `r` after running `src` (with `a` and `b` imported), as its repr; or the error message.
fn eval(src: &str) -> Result<String, String> {
    let src = format!("from syms import a, b\n{src}\n");
    let parsed = crate::parse(&src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut host = SymHost;
    let mut it = Interpreter::new(&mut host, DEFAULT_BUDGET, DEFAULT_MEMORY_BUDGET);
    it.run_module(&parsed.module).map_err(|e| e.message().to_string())?;
    Ok(it.global("r").map(|v| v.repr()).unwrap_or_default())
}

#[test]
fn comparisons_and_arithmetic_with_a_host_operand_are_the_hosts() {
    for (src, want) in [
        ("r = a == 5", "(a == 5)"),
        ("r = a != None", "(a != None)"),
        ("r = 5 < a", "(5 < a)"),
        ("r = (a > 1) & (b <= 'x')", "((a > 1) & (b <= 'x'))"),
        ("r = a | b", "(a | b)"),
        ("r = 1 + a", "(1 + a)"),
        ("r = ~a", "~a"),
        ("r = a == b", "(a == b)"),
    ] {
        assert_eq!(eval(src).as_deref(), Ok(want), "{src}");
    }
}

#[test]
fn a_chain_yields_the_last_value_or_the_first_false_one() {
    assert_eq!(eval("r = 1 < 2 < 3").as_deref(), Ok("True"));
    assert_eq!(eval("r = 3 < 2 < a").as_deref(), Ok("False"));
    // Host values are true: the chain continues and yields the last comparison.
    assert_eq!(eval("r = 1 < a < 3").as_deref(), Ok("(a < 3)"));
}

#[test]
fn what_the_host_does_not_overload_keeps_pythons_behaviour() {
    assert_eq!(eval("r = a is a").as_deref(), Ok("True"));
    assert_eq!(eval("r = not a").as_deref(), Ok("False"));
    assert_eq!(eval("r = -a"), Err("bad operand type for unary -: 'Sym'".into()));
    assert_eq!(eval("r = a @ 1"), Err("unsupported operand type(s) for @: 'Sym' and 'int'".into()));
}
