//! The Python of real revision files: comprehensions, lambdas, `*args`/`**kwargs`, classes,
//! decorators, closures, `global`/`nonlocal`, `:=`, bare `raise`, `del`, starred targets.
//! Expected values and messages are CPython 3.11's.

use super::tests::{run, run_with};

/// Runs `src` after `from alembic import op`; `op.out(x)` lines come back as `repr(x)`.
fn out(src: &str) -> Vec<String> {
    let src = format!("from alembic import op\n{src}");
    run(&src).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|l| l["out(".len()..l.len() - 1].to_string()).collect()
}

fn err(src: &str) -> String {
    run(&format!("from alembic import op\n{src}")).expect_err("expected an error")
}

#[test]
fn comprehensions_and_generator_expressions() {
    assert_eq!(
        out("xs = [1, 2, 3, 4]\n\
             op.out([x * 2 for x in xs if x % 2 == 0])\n\
             op.out({x: str(x) for x in xs if x > 2})\n\
             op.out(sorted({x % 2 for x in xs}))\n\
             op.out([(i, j) for i in range(3) for j in range(i)])\n\
             op.out(sum(x for x in xs))\n\
             op.out(any(x > 3 for x in xs), all(x > 3 for x in xs))\n\
             op.out(', '.join(str(x) for x in xs))\n\
             op.out(tuple(x for x in 'ab'), list(x for x in []))\n\
             g = (x for x in xs)\n\
             op.out(list(g), list(g), next(iter_ for iter_ in [7]))\n\
             op.out(next((x for x in xs if x > 9), None))"),
        [
            "[4, 8]",
            "{3: '3', 4: '4'}",
            "[0, 1]",
            "[(1, 0), (2, 0), (2, 1)]",
            "10",
            "True, False",
            "'1, 2, 3, 4'",
            "('a', 'b'), []",
            "[1, 2, 3, 4], [], 7",
            "None",
        ]
    );
}

#[test]
fn comprehensions_have_their_own_scope() {
    // The loop variable does not leak; the first iterable is evaluated outside; `:=` binds
    // in the enclosing function.
    assert_eq!(
        out("def f():\n    x = 'outer'\n    ys = [x for x in range(3)]\n    return x, ys\nop.out(f())\n\
             x = [1, 2]\nop.out([x for x in x])\n\
             def g():\n    total = 0\n    seen = [(total := total + v) for v in [1, 2, 3]]\n    return total, seen\nop.out(g())\n\
             fs = [lambda: i for i in range(3)]\nop.out([f() for f in fs])"),
        ["('outer', [0, 1, 2])", "[1, 2]", "(6, [1, 3, 6])", "[2, 2, 2]"]
    );
    assert_eq!(err("ys = [z for z in range(2)]\nop.out(z)"), "3:8: name-error: name 'z' is not defined");
}

#[test]
fn lambdas_and_closures() {
    assert_eq!(
        out("add = lambda a, b=10: a + b\nop.out(add(1), add(1, 2), add(b=5, a=1))\n\
             fs = [lambda x, i=i: x + i for i in range(3)]\nop.out([f(10) for f in fs])\n\
             op.out(sorted(['bb', 'a', 'ccc'], key=lambda s: len(s)), sorted([1, 3, 2], key=lambda v: -v, reverse=True))\n\
             def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n\
             c = counter()\nc()\nop.out(c(), c())\n\
             def late():\n    def get():\n        return v\n    v = 'bound later'\n    return get\nop.out(late()())"),
        ["11, 3, 6", "[10, 11, 12]", "['a', 'bb', 'ccc'], [1, 2, 3]", "2, 3", "'bound later'"]
    );
    assert_eq!(err("f = lambda x: x\nf()"), "3:1: type-error: <lambda>() missing 1 required positional argument: 'x'");
}

#[test]
fn global_rebinds_the_module_variable() {
    assert_eq!(out("count = 0\ndef bump(n):\n    global count\n    count += n\nbump(2)\nbump(3)\nop.out(count)"), ["5"]);
    assert_eq!(err("def f():\n    nonlocal x\n"), "2:1: syntax-error: no binding for nonlocal 'x' found");
    assert_eq!(err("nonlocal x"), "2:1: syntax-error: nonlocal declaration not allowed at module level");
}

#[test]
fn star_args_and_kwargs_bind_as_in_python() {
    assert_eq!(
        out("def f(a, *args, k=1, **kw):\n    return a, args, k, kw\n\
             op.out(f(1, 2, 3, k=4, z=5))\n\
             op.out(f(*[1, 2], **{'k': 3, 'y': 4}))\n\
             op.out({**{'a': 1}, 'b': 2, **{'a': 3}})\n\
             op.out([*range(2), *'ab'], {*[1, 1, 2]})\n\
             def g(a, /, b):\n    return a, b\nop.out(g(1, b=2))"),
        ["(1, (2, 3), 4, {'z': 5})", "(1, (2,), 3, {'y': 4})", "{'a': 3, 'b': 2}", "[0, 1, 'a', 'b'], {1, 2}", "(1, 2)"]
    );
    let calls = [
        ("def f(a, b):\n    pass\nf(1)", "f() missing 1 required positional argument: 'b'"),
        ("def f(a, b, c):\n    pass\nf()", "f() missing 3 required positional arguments: 'a', 'b', and 'c'"),
        ("def f(a, *, c, d):\n    pass\nf(1)", "f() missing 2 required keyword-only arguments: 'c' and 'd'"),
        ("def f(a, b=1):\n    pass\nf(1, 2, 3)", "f() takes from 1 to 2 positional arguments but 3 were given"),
        ("def f():\n    pass\nf(1)", "f() takes 0 positional arguments but 1 was given"),
        (
            "def f(a, *, k):\n    pass\nf(1, 2, k=3)",
            "f() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given",
        ),
        ("def f(a, /):\n    pass\nf(a=1)", "f() got some positional-only arguments passed as keyword arguments: 'a'"),
        ("def f(a):\n    pass\nf(1, a=2)", "f() got multiple values for argument 'a'"),
        ("def f(a):\n    pass\nf(**{'a': 1}, a=2)", "f() got multiple values for keyword argument 'a'"),
        ("def f(a):\n    pass\nf(**1)", "f() argument after ** must be a mapping, not int"),
        ("def f(a):\n    pass\nf(*1)", "f() argument after * must be an iterable, not int"),
        ("def o():\n    def f(a):\n        pass\n    f()\no()", "o.<locals>.f() missing 1 required positional argument: 'a'"),
    ];
    for (src, msg) in calls {
        let e = err(src);
        assert!(e.ends_with(&format!("type-error: {msg}")), "{src}: {e}");
    }
}

#[test]
fn classes_instances_and_methods() {
    assert_eq!(
        out("class Base:\n    kind = 'base'\n    def describe(self):\n        return self.kind + ':' + self.name\n\
             class Table(Base):\n    kind = 'table'\n    def __init__(self, name, *cols):\n        self.name = name\n        self.cols = list(cols)\n\
             \x20   def add(self, c):\n        self.cols.append(c)\n        return self\n\
             t = Table('users', 'id')\nt.add('email').add('name')\n\
             op.out(t.name, t.cols, t.describe(), Table.kind, Base.kind, Table.__name__)\n\
             op.out(isinstance(t, Table), isinstance(t, Base), isinstance(Base(), Table))\n\
             t.extra = 1\nTable.kind = 'changed'\nop.out(t.extra, t.describe())\n\
             class Empty:\n    pass\nop.out(Empty, Empty() is not None)"),
        [
            "'users', ['id', 'email', 'name'], 'table:users', 'table', 'base', 'Table'",
            "True, True, False",
            "1, 'changed:users'",
            "<class 'Empty'>, True",
        ]
    );
    assert_eq!(err("class A:\n    pass\nA(1)"), "4:1: type-error: A() takes no arguments");
    assert_eq!(err("class A:\n    pass\nA().x"), "4:1: eval-error: AttributeError: 'A' object has no attribute 'x'");
    assert_eq!(err("class A:\n    pass\nA.x"), "4:1: eval-error: AttributeError: type object 'A' has no attribute 'x'");
    assert_eq!(
        err("class A:\n    def __init__(self, x):\n        pass\nA()"),
        "5:1: type-error: A.__init__() missing 1 required positional argument: 'x'"
    );
    assert_eq!(
        err("class A:\n    def m(self):\n        pass\nA().m(1)"),
        "5:1: type-error: A.m() takes 1 positional argument but 2 were given"
    );
    // Methods do not see the class body's names.
    assert_eq!(err("class A:\n    k = 1\n    def m(self):\n        return k\nA().m()"), "5:16: name-error: name 'k' is not defined");
}

#[test]
fn decorators_apply_bottom_up_after_evaluating_top_down() {
    assert_eq!(
        out("def tag(name):\n    op.out('eval ' + name)\n    def wrap(f):\n        op.out('apply ' + name)\n        return lambda *a: name + '(' + f(*a) + ')'\n    return wrap\n\
             @tag('outer')\n@tag('inner')\ndef hello(who):\n    return 'hi ' + who\nop.out(hello('bob'))\n\
             def register(cls):\n    cls.registered = True\n    return cls\n@register\nclass C:\n    pass\nop.out(C.registered)"),
        ["'eval outer'", "'eval inner'", "'apply inner'", "'apply outer'", "'outer(inner(hi bob))'", "True"]
    );
}

#[test]
fn walrus_bare_raise_del_and_starred_targets() {
    assert_eq!(
        out("if (n := len([1, 2, 3])) > 2:\n    op.out(n)\n\
             first, *rest = [1, 2, 3]\n*init, last = 'abc'\na, *mid, b = (1, 2)\nop.out(first, rest, init, last, mid)\n\
             d = {'a': 1, 'b': 2}\ndel d['a']\nl = [1, 2, 3]\ndel l[-1], l[0]\nop.out(d, l)\n\
             try:\n    try:\n        {}['k']\n    except KeyError:\n        op.out('handled')\n        raise\nexcept LookupError as e:\n    op.out('again', str(e))"),
        ["3", "1, [2, 3], ['a', 'b'], 'c', []", "{'b': 2}, [2]", "'handled'", "'again', \"'k'\""]
    );
    assert_eq!(err("a, *b, c = [1]"), "2:1: eval-error: not enough values to unpack (expected at least 2, got 1)");
    assert_eq!(err("raise"), "2:1: eval-error: RuntimeError: No active exception to reraise");
    assert_eq!(err("try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise"), "3:5: eval-error: ZeroDivisionError: division by zero");
    assert_eq!(err("x = 1\ndel x\nop.out(x)"), "4:8: name-error: name 'x' is not defined");
    assert_eq!(err("del {}['k']"), "2:5: eval-error: KeyError: 'k'");
}

#[test]
fn new_constructs_respect_the_budgets() {
    let e = run_with("x = [i for i in range(100000)]\n", 10_000).unwrap_err();
    assert!(e.ends_with("step-budget-exceeded: evaluation exceeded its step budget of 10000 steps"), "{e}");
    let e = run_with("x = [[j for j in range(1000)] for i in range(1000)]\n", 50_000).unwrap_err();
    assert!(e.contains("step-budget-exceeded"), "{e}");
    let e = super::tests::run_with_budgets("x = ['x' * 1000 for i in range(100000)]\n", 10_000_000, 1 << 20).unwrap_err();
    assert!(e.contains("memory-budget-exceeded"), "{e}");
    // Debug builds' frames are large: the same stack as `deep_recursion_is_an_error_not_a_crash`.
    let e = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(|| run_with("class A:\n    def __init__(self):\n        self.a = A()\nA()\n", 1_000_000).unwrap_err())
        .unwrap()
        .join()
        .unwrap();
    assert!(e.contains("RecursionError"), "{e}");
}
