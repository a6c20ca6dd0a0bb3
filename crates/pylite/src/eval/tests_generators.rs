//! Generators and `async def` where pylite departs from running whatever CPython runs: the
//! budgets, what cannot run, and memory. (Their Python semantics are checked against
//! CPython's output by `tests/programs.rs`.)

use super::tests::run_with;
use super::tests_budget::freed;
use super::DEFAULT_BUDGET;

fn err(src: &str) -> String {
    run_with(src, DEFAULT_BUDGET).expect_err("expected an error")
}

#[test]
fn calling_an_async_def_fails_at_the_call_with_its_name() {
    let src = "async def fetch(x):\n    await x\n\nprint('defined')\ny = 1 + fetch(2)\n";
    assert_eq!(
        err(src),
        "5:9: unsupported: cannot call 'fetch': it is an 'async def' function, and coroutines cannot run in a revision file"
    );
    // Defining one, decorated or nested, runs.
    let src = "def deco(f):\n    return f\n@deco\nasync def a():\n    async with x as y:\n        async for z in y:\n            await z\nclass C:\n    async def m(self):\n        return [q async for q in self]\n";
    assert_eq!(run_with(src, DEFAULT_BUDGET), Ok(Vec::new()));
}

#[test]
fn a_yield_inside_a_larger_expression_is_refused_when_it_runs() {
    let src = "def g():\n    print((yield 1))\nfor x in g():\n    pass\n";
    assert_eq!(err(src), "2:12: unsupported: not supported in revision files: 'yield inside an expression'");
    // The function is a generator all the same: calling it runs nothing.
    assert_eq!(run_with("def g():\n    print((yield 1))\ng()\n", DEFAULT_BUDGET), Ok(Vec::new()));
}

#[test]
fn an_endless_generator_stops_at_the_budgets() {
    let steps = format!("evaluation exceeded its step budget of {DEFAULT_BUDGET} steps");
    let src = "def forever():\n    while True:\n        yield 1\nfor x in forever():\n    pass\n";
    // Where the steps ran out: in the generator's body.
    assert_eq!(err(src), format!("3:9: step-budget-exceeded: {steps}"));
    // Drained into a list: the items are charged before they are stored.
    let src = "def forever():\n    while True:\n        yield 'x'\nxs = list(forever())\n";
    let e = err(src);
    assert!(e.contains("budget-exceeded"), "{e}");
}

#[test]
fn a_generator_resuming_itself_is_a_value_error() {
    let src = "def g():\n    yield next(me)\nme = g()\ntry:\n    next(me)\nexcept ValueError as e:\n    print(e)\n";
    assert_eq!(run_with(src, DEFAULT_BUDGET), Ok(vec!["print: generator already executing".to_string()]));
}

#[test]
fn generators_nested_too_deep_are_a_recursion_error() {
    // Debug builds' frames are large: the stack of `deep_recursion_is_an_error_not_a_crash`.
    let src = "def walk(n):\n    if n:\n        yield from walk(n - 1)\n    yield n\nprint(len(list(walk(50))))\nlist(walk(1000))\n";
    let e = std::thread::Builder::new().stack_size(16 << 20).spawn(move || err(src)).unwrap().join().unwrap();
    assert_eq!(e, "3:20: eval-error: RecursionError: maximum recursion depth exceeded");
    assert!(e.contains("RecursionError: maximum recursion depth exceeded"), "{e}");
}

#[test]
fn generators_in_cycles_and_left_suspended_are_freed() {
    // A generator holding itself in its locals, left suspended: freed with the interpreter.
    let src = "import tracker\ndef g():\n    t = tracker()\n    me = yield 1\n    yield me\nx = g()\nnext(x)\nx.send(x)\nfor i in range(3):\n    pass\n";
    assert_eq!(freed(src).1, 1);
    // Generators made and abandoned in a loop free their locals as they go.
    let src =
        "import tracker\ndef g():\n    t = tracker()\n    yield t\n    yield t\nfor i in range(100000):\n    it = g()\n    next(it)\n";
    let (during, after) = freed(src);
    assert!(during >= 99999, "{during}");
    assert_eq!(after, 100000);
}

#[test]
fn a_chain_of_generators_is_dropped_without_overflowing_the_stack() {
    let src = "def wrap(inner):\n    yield inner\ny = None\nfor i in range(100000):\n    y = wrap(y)\ny = None\n";
    assert_eq!(run_with(src, 10 * DEFAULT_BUDGET), Ok(Vec::new()));
}

#[test]
fn contextlib_names_not_provided_import_and_fail_when_used() {
    let src = "from contextlib import closing, asynccontextmanager\n@asynccontextmanager\nasync def s():\n    yield 1\nprint('imported')\nwith closing(1):\n    pass\n";
    let e = err(src);
    assert!(e.starts_with("6:6: module-unavailable: 'closing' from module 'contextlib' is not available here"), "{e}");
    let src = "from contextlib import asynccontextmanager\n@asynccontextmanager\nasync def s():\n    yield 1\nwith s():\n    pass\n";
    assert_eq!(err(src), "5:6: unsupported: cannot call 's': it is an 'async def' function, and coroutines cannot run in a revision file");
}
