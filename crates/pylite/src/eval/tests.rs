//! Evaluator tests with a fake host: `op.<anything>(...)` records the call as text, so each
//! test asserts exactly which host calls a script made.

use super::*;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Debug)]
pub(super) struct Op {
    pub log: Rc<RefCell<Vec<String>>>,
    /// `None` for the `op` module itself; `Some(name)` for a bound method such as `op.execute`.
    pub method: Option<String>,
}

impl HostObject for Op {
    fn type_name(&self) -> String {
        "alembic.op".into()
    }
    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        if name == "op" && self.method.is_none() {
            // `from alembic import op`: the module's `op` is the recorder itself.
            return Ok(Value::Host(Rc::new(Op { log: self.log.clone(), method: None })));
        }
        if name == "fail" && self.method.is_none() {
            return Err(cx.error("host-error", "op.fail is not available").with_help("ask the host"));
        }
        Ok(Value::Host(Rc::new(Op { log: self.log.clone(), method: Some(name.to_string()) })))
    }
    fn call(&self, args: Vec<Value>, kwargs: Vec<(String, Value)>, cx: &mut CallContext) -> Result<Value, EvalError> {
        let name = self.method.clone().unwrap_or_default();
        if name == "explode" {
            return Err(cx.error("host-error", "op.explode() refused"));
        }
        let mut parts: Vec<String> = args.iter().map(Value::repr).collect();
        parts.extend(kwargs.iter().map(|(k, v)| format!("{k}={}", v.repr())));
        self.log.borrow_mut().push(format!("{name}({})", parts.join(", ")));
        Ok(Value::Host(Rc::new(Op { log: self.log.clone(), method: Some(format!("{name}()")) })))
    }
    fn enter(&self, _cx: &mut CallContext) -> Result<Value, EvalError> {
        self.log.borrow_mut().push("enter".into());
        Ok(Value::Host(Rc::new(Op { log: self.log.clone(), method: None })))
    }
    fn exit(&self, ok: bool, _cx: &mut CallContext) -> Result<(), EvalError> {
        self.log.borrow_mut().push(format!("exit ok={ok}"));
        Ok(())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[derive(Default)]
pub(super) struct TestHost {
    pub log: Rc<RefCell<Vec<String>>>,
}

impl Host for TestHost {
    fn import(&mut self, module: &str) -> Option<Value> {
        match module {
            "alembic" | "sqlalchemy" | "alembic.op" | "sqlalchemy.dialects" => {
                Some(Value::Host(Rc::new(Op { log: self.log.clone(), method: None })))
            }
            _ => None,
        }
    }
    fn print(&mut self, line: &str) {
        self.log.borrow_mut().push(format!("print: {line}"));
    }
}

/// Runs `src` (its module, then `upgrade()` if defined); returns the host log or the error
/// as `line:col: code: message`.
pub(super) fn run_with(src: &str, budget: u64) -> Result<Vec<String>, String> {
    run_with_budgets(src, budget, DEFAULT_MEMORY_BUDGET)
}

/// `run_with` with a memory budget too.
pub(super) fn run_with_budgets(src: &str, budget: u64, memory: u64) -> Result<Vec<String>, String> {
    let parsed = crate::parse(src);
    assert!(parsed.errors.is_empty(), "parse errors: {:?}", parsed.errors);
    let mut host = TestHost::default();
    let log = host.log.clone();
    let mut it = Interpreter::new(&mut host, budget, memory);
    let r = it.run_module(&parsed.module).and_then(|_| {
        if it.global("upgrade").is_some() {
            it.call_function("upgrade").map(|_| ())
        } else {
            Ok(())
        }
    });
    match r {
        Ok(()) => Ok(log.borrow().clone()),
        Err(e) => {
            let span = e.span().expect("errors are located");
            let at = diagnostics::LineIndex::new(src).line_col(src, span.start as usize);
            Err(format!("{}:{}: {}: {}", at.line, at.col, e.diagnostic.code, e.message()))
        }
    }
}

pub(super) fn run(src: &str) -> Result<Vec<String>, String> {
    run_with(src, DEFAULT_BUDGET)
}

/// Prints each expression with `print(repr(...))`-like output through `op.out`.
fn values(exprs: &[&str]) -> Vec<String> {
    let src: String = exprs.iter().map(|e| format!("op.out({e})\n")).collect();
    let src = format!("from alembic import op\n{src}");
    run(&src).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|l| l["out(".len()..l.len() - 1].to_string()).collect()
}

#[test]
fn records_host_calls_from_upgrade() {
    let src = r#""""A revision."""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "abc"
down_revision: Union[str, Sequence[str], None] = None

def upgrade() -> None:
    op.create_table("users", sa.Column("id", sa.Integer(), nullable=False))
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(50)))
"#;
    assert_eq!(
        run(src).unwrap(),
        [
            "Integer()",
            "Column('id', <alembic.op object>, nullable=False)",
            "create_table('users', <alembic.op object>)",
            "batch_alter_table('users')",
            "enter",
            "String(50)",
            "Column('name', <alembic.op object>)",
            "add_column(<alembic.op object>)",
            "exit ok=true",
        ]
    );
}

#[test]
fn locals_loops_and_conditions() {
    let src = "from alembic import op
def upgrade():
    names = ['a', 'b', 'c']
    total = 0
    for i, name in enumerate(names):
        if name == 'a':
            continue
        elif name in ('b',):
            op.execute('b at %d' % i)
        else:
            op.execute(f'{name}:{i}')
        total += i
    for k in {'x': 1, 'y': 2}:
        op.execute(k)
    for ch in 'hi':
        op.execute(ch)
    n = 0
    while True:
        n += 1
        if n >= 3:
            break
    for j in range(2):
        pass
    else:
        op.execute(n, j, total)
";
    assert_eq!(
        run(src).unwrap(),
        ["execute('b at 1')", "execute('c:2')", "execute('x')", "execute('y')", "execute('h')", "execute('i')", "execute(3, 1, 3)"]
    );
}

#[test]
fn helper_functions_with_defaults_keywords_and_closures() {
    let src = "from alembic import op
def helper(table, column='id', *, unique=False):
    return '%s.%s%s' % (table, column, ' unique' if unique else '')
def upgrade():
    prefix = 'ix_'
    def name(t):
        return prefix + t
    op.execute(helper('a'), helper('b', 'c', unique=True), helper(column='d', table='e'), name('t'))
    a, (b, c) = 1, [2, 3]
    op.execute(a + b + c)
";
    assert_eq!(run(src).unwrap(), ["execute('a.id', 'b.c unique', 'e.d', 'ix_t')", "execute(6)"]);
}

#[test]
fn string_repr_follows_python() {
    assert_eq!(
        values(&[
            "\"it's\"",
            r#"'say "hi"'"#,
            r#"'both \' and "'"#,
            r"'tab\tnl\n\\ \x01'",
            "'é'",
            "b'a\\'b'",
            "1.0",
            "1e16",
            "0.0001",
            "1e-05",
            "2.5",
            "(1,)",
            "[None, True]",
            "{'a': (1, 2.0)}"
        ]),
        [
            r#""it's""#,
            r#"'say "hi"'"#,
            r#"'both \' and "'"#,
            r"'tab\tnl\n\\ \x01'",
            "'é'",
            r#"b"a'b""#,
            "1.0",
            "1e+16",
            "0.0001",
            "1e-05",
            "2.5",
            "(1,)",
            "[None, True]",
            "{'a': (1, 2.0)}",
        ]
    );
}

#[test]
fn arithmetic_and_comparisons_have_python_semantics() {
    assert_eq!(
        values(&[
            "7 // 2",
            "-7 // 2",
            "7 // -2",
            "-7 % 3",
            "7 % -3",
            "7 / 2",
            "2 ** 10",
            "2 ** -1",
            "1 + 2.5",
            "True + 1",
            "'ab' * 3",
            "3 * [0]",
            "[1] + [2]",
            "(1,) + (2,)"
        ]),
        ["3", "-4", "-4", "2", "-2", "3.5", "1024", "0.5", "3.5", "2", "'ababab'", "[0, 0, 0]", "[1, 2]", "(1, 2)"]
    );
    assert_eq!(
        values(&[
            "1 < 2 < 3",
            "1 < 2 > 3",
            "'a' < 'b'",
            "(1, 2) < (1, 3)",
            "1 == 1.0",
            "None is None",
            "'x' in 'xyz'",
            "3 not in [1, 2]",
            "'k' in {'k': 1}",
            "not []",
            "0 or 'd'",
            "1 and 2"
        ]),
        ["True", "False", "True", "True", "True", "True", "True", "True", "True", "True", "'d'", "2"]
    );
}

#[test]
fn formatting_percent_fstring_and_format() {
    assert_eq!(
        values(&[
            "'%s and %r, %d%%' % ('a', 'b', 3)",
            "'%(x)s=%(y)d' % {'x': 'n', 'y': 2}",
            "'%5s|%-5s|%05d|%.2f' % ('a', 'b', 42, 3.14159)",
            "'%s' % 'only'",
            "f'{1 + 1}-{\"q\"!r}-{\"s\"!s}'",
            "f'{\"ab\":>5}|{7:03d}|{\"c\":^5}|{3.14159:.2f}|{1234567:,}'",
            "f'{\"x\":*<4}'",
            "'{} {}'.format('a', 1)",
            "'{1}{0}'.format('a', 'b')",
            "'{name!r} {{}}'.format(name='n')",
            "'{:>4}'.format(12)",
        ]),
        [
            "\"a and 'b', 3%\"",
            "'n=2'",
            "'    a|b    |00042|3.14'",
            "'only'",
            "\"2-'q'-s\"",
            "'   ab|007|  c  |3.14|1,234,567'",
            "'x***'",
            "'a 1'",
            "'ba'",
            "\"'n' {}\"",
            "'  12'",
        ]
    );
}

#[test]
fn methods_and_builtins() {
    assert_eq!(
        values(&[
            "' Ab '.strip().upper()",
            "'A,B'.lower().split(',')",
            "'a b  c'.split()",
            "'-'.join(['x', 'y'])",
            "'aXa'.replace('X', 'y')",
            "'abc'.startswith(('z', 'a'))",
            "'abc'.endswith('bc')",
            "len('héllo')",
            "list(range(1, 7, 2))",
            "sorted([3, 1, 2])",
            "sorted(['b', 'a'], reverse=True)",
            "min(3, 1, 2)",
            "max([1, 5, 2])",
            "any([0, 1])",
            "all([])",
            "list(zip([1, 2], 'ab'))",
            "dict([('a', 1)])",
            "{'a': 1}.get('b', 0)",
            "list({'a': 1}.items())",
            "str(1.5) + str(None)",
            "int('42') + int(2.9)",
            "float('1.5')",
            "bool('')",
            "isinstance('x', str)",
            "isinstance(1, (str, int))",
            "tuple([1])",
            "'abcdef'[1:4]",
            "[1, 2, 3][-1]",
            "'abc'[::-1]",
        ]),
        [
            "'AB'",
            "['a', 'b']",
            "['a', 'b', 'c']",
            "'x-y'",
            "'aya'",
            "True",
            "True",
            "5",
            "[1, 3, 5]",
            "[1, 2, 3]",
            "['b', 'a']",
            "1",
            "5",
            "True",
            "True",
            "[(1, 'a'), (2, 'b')]",
            "{'a': 1}",
            "0",
            "[('a', 1)]",
            "'1.5None'",
            "44",
            "1.5",
            "False",
            "True",
            "True",
            "(1,)",
            "'bcd'",
            "3",
            "'cba'",
        ]
    );
}

#[test]
fn lists_dicts_mutate_in_place_and_print_reaches_the_host() {
    let src = "from alembic import op
rows = []
rows.append({'id': 1})
rows.extend([{'id': 2}])
rows[0]['name'] = 'x'
more = rows
more += [3]
print('rows:', len(rows))
op.bulk_insert('t', rows)
";
    assert_eq!(run(src).unwrap(), ["print: rows: 3", "bulk_insert('t', [{'id': 1, 'name': 'x'}, {'id': 2}, 3])"]);
}

#[test]
fn try_except_finally_and_with_exit_on_error() {
    let src = "from alembic import op
def upgrade():
    try:
        op.explode()
    except Exception as e:
        op.caught(str(e))
    finally:
        op.cleanup()
    try:
        x = {}['missing']
    except (ValueError, KeyError):
        op.caught('key')
    else:
        op.never()
    try:
        pass
    except Exception:
        op.never()
    else:
        op.fine()
";
    // `str(e)` of a host's error is its message, as Python's is.
    assert_eq!(run(src).unwrap(), ["caught('op.explode() refused')", "cleanup()", "caught('key')", "fine()"]);
    let src = "from alembic import op\nwith op.ctx() as c:\n    1 / 0\n";
    let err = run(src).unwrap_err();
    assert_eq!(err, "3:5: eval-error: ZeroDivisionError: division by zero");
}
