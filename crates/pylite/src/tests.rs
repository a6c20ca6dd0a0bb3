//! Unit tests: tricky lexing, the `Module` helpers, spans, and robustness on hostile inputs.

use crate::ast::*;
use crate::lexer::tokenize;
use crate::token::{Op, Tok};
use crate::{dump, parse};

/// Token kinds of `src`, compactly: names/numbers/strings by text, layout tokens by name.
fn toks(src: &str) -> String {
    let lexed = tokenize(src);
    assert!(lexed.errors.is_empty(), "{:?}", lexed.errors);
    lexed
        .tokens
        .iter()
        .map(|t| match t.kind {
            Tok::Newline => "NL".to_string(),
            Tok::Indent => "IN".to_string(),
            Tok::Dedent => "DE".to_string(),
            Tok::EndMarker => "END".to_string(),
            _ => src[t.span.range()].to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_tokens(src: &str, expected: &str) {
    assert_eq!(toks(src), expected, "tokens of {src:?}");
}

/// Parses `src`, asserting no errors, and returns the dump of its only statement's expression.
fn expr_dump(src: &str) -> String {
    let p = parse(src);
    assert!(p.errors.is_empty(), "{src:?}: {:?}", p.errors);
    dump(&p.module, src).lines().next().unwrap_or("").to_string()
}

fn first_error(src: &str) -> String {
    let p = parse(src);
    let d = p.errors.first().unwrap_or_else(|| panic!("expected an error for {src:?}"));
    d.short("f.py", src)
}

#[test]
fn lexes_layout() {
    check_tokens("if x:\n    y\n", "if x : NL IN y NL DE END");
    check_tokens("if x:\n    y\n\n  # c\nz", "if x : NL IN y NL DE z NL END");
    check_tokens("a = (1,\n  2)\n", "a = ( 1 , 2 ) NL END");
    check_tokens("a = 1 + \\\n  2\n", "a = 1 + 2 NL END");
    check_tokens("a\r\nb\r\n", "a NL b NL END");
    check_tokens("\u{feff}a", "a NL END");
    check_tokens("", "END");
    check_tokens("\n\n# only a comment", "END");
    check_tokens("if x:\n\tif y:\n\t\tz\nw\n", "if x : NL IN if y : NL IN z NL DE DE w NL END");
}

#[test]
fn lexes_operators_numbers_and_strings() {
    check_tokens("a**=b//c->d...e:=f!=g<>h", "a **= b // c -> d ... e := f != g <> h NL END");
    check_tokens("x = 0xFF 0o17 0b1 1_000 1. .5 1e-3 2j 1if y else 2", "x = 0xFF 0o17 0b1 1_000 1. .5 1e-3 2j 1 if y else 2 NL END");
    check_tokens("s = rb'a\\'' f\"{x}\" '''a\n'b'''", "s = rb'a\\'' f\"{x}\" '''a\n'b''' NL END");
    check_tokens("fr'x' Rb'y' BR'z' U'w'", "fr'x' Rb'y' BR'z' U'w' NL END");
    check_tokens("café = 1", "café = 1 NL END");
}

#[test]
fn decodes_strings() {
    let cases = [
        (r#"x = 'a' "b" '''c'''"#, r#"1:1 (assign [x] "abc")"#),
        (r#"x = '\x41\101\u00e9\U0001F600\n\t\\\'\"\a\0'"#, r#"1:1 (assign [x] "AAé😀\n\t\\'\"\u{7}\0")"#),
        (r#"x = r'\n\'' '\n'"#, r#"1:1 (assign [x] "\\n\\'\n")"#),
        (r#"x = b'\xff\n' rb'\d'"#, r#"1:1 (assign [x] b"ÿ\n\\d")"#),
        ("x = 'a\\\nb'", r#"1:1 (assign [x] "ab")"#),
        (r#"x = '\q'"#, r#"1:1 (assign [x] "\\q")"#),
        (r#"x = f'{a}' 'b' f'{c!s:>{w}}'"#, r#"1:1 (assign [x] (f {a} "b" {c !s :">" {w}}))"#),
        (r#"x = f'{{}}{a["k"]:%Y}'"#, r#"1:1 (assign [x] (f "{}" {(sub a "k") :"%Y"}))"#),
        (r#"x = f'{a = }'"#, r#"1:1 (assign [x] (f "a = " {a !r}))"#),
        (r#"x = f'{a!=b}'"#, r#"1:1 (assign [x] (f {(cmp a != b)}))"#),
    ];
    for (src, want) in cases {
        let p = parse(src);
        let got = dump(&p.module, src);
        assert_eq!(got.trim_end(), want, "{src}");
    }
    // Bytes: only the `bytes` flag differs.
    let p = parse("x = b'ab'");
    assert!(matches!(&p.module.assignment("x").unwrap().kind, ExprKind::Str { value, bytes: true } if value == "ab"));
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(expr_dump("a + b * c ** -d ** e"), "1:1 (expr (+ a (* b (** c (- (** d e))))))");
    assert_eq!(expr_dump("a - b - c"), "1:1 (expr (- (- a b) c))");
    assert_eq!(expr_dump("a | b ^ c & d << e"), "1:1 (expr (| a (^ b (& c (<< d e)))))");
    assert_eq!(expr_dump("not a == b or c and d"), "1:1 (expr (or (not (cmp a == b)) (and c d)))");
    assert_eq!(expr_dump("a if b else c if d else e"), "1:1 (expr (ifexp b a (ifexp d c e)))");
    assert_eq!(expr_dump("x[1:2, ::3, a]"), "1:1 (expr (sub x (tuple (slice 1 2 -) (slice - - 3) a)))");
    assert_eq!(expr_dump("-2 ** 2"), "1:1 (expr (- (** 2 2)))");
    assert_eq!(expr_dump("a = b = 1, 2"), "1:1 (assign [a b] (tuple 1 2))");
    assert_eq!(expr_dump("x: int"), "1:1 (ann-assign x int -)");
    assert_eq!(expr_dump("x.y[0] += 1"), "1:1 (aug-assign (sub x.y 0) + 1)");
}

#[test]
fn module_helpers() {
    let src = "\"\"\"doc\n\nRevision ID: a\n\"\"\"\nrevision: str = 'a'\nrevision = 'b' 'c'\ndown_revision: Union[str, None] = None\n\ndef upgrade() -> None:\n    \"\"\"Up.\"\"\"\n    pass\ndef upgrade():\n    op.f()\n";
    let p = parse(src);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let m = &p.module;
    assert_eq!(m.docstring(), Some("doc\n\nRevision ID: a\n"));
    assert_eq!(m.assignment("revision").and_then(Expr::as_str), Some("bc"));
    assert!(matches!(m.assignment("down_revision").unwrap().kind, ExprKind::NoneLit));
    assert!(m.assignment("missing").is_none());
    let up = m.function("upgrade").unwrap();
    assert!(up.returns.is_none(), "the last definition wins");
    assert_eq!(up.body.len(), 1);
    assert!(parse("f'x'").module.docstring().is_none());
    assert!(parse("x = 1").module.docstring().is_none());
}

#[test]
fn spans_point_at_the_source() {
    let src = "x = op.create_table('t', sa.Column('id'))\n";
    let p = parse(src);
    let value = p.module.assignment("x").unwrap();
    assert_eq!(&src[value.span.range()], "op.create_table('t', sa.Column('id'))");
    let ExprKind::Call { args, func, .. } = &value.kind else { panic!("call") };
    assert_eq!(&src[func.span.range()], "op.create_table");
    assert_eq!(&src[args[1].span.range()], "sa.Column('id')");
    assert_eq!(&src[p.module.body[0].span.range()], src.trim_end());
    let src = "s = f'a{b.c}d'\n";
    let p = parse(src);
    let ExprKind::FString(parts) = &p.module.assignment("s").unwrap().kind else { panic!("fstring") };
    let FStringPart::Field { expr, span, .. } = &parts[1] else { panic!("field") };
    assert_eq!(&src[expr.span.range()], "b.c");
    assert_eq!(&src[span.range()], "{b.c}");
}

#[test]
fn error_positions_like_cpython() {
    assert_eq!(first_error("x = (1,\n"), "f.py:1:5: '(' was never closed");
    assert_eq!(first_error("x = 1)\n"), "f.py:1:6: unmatched ')'");
    assert_eq!(first_error("if x\n  y\n"), "f.py:1:5: expected ':'");
    assert_eq!(first_error("def f():\n"), "f.py:1:9: expected an indented block after function definition on line 1");
    assert_eq!(first_error("x = 1\n  y = 2\n"), "f.py:2:2: unexpected indent");
    assert_eq!(first_error("x = '''a\nb"), "f.py:1:5: unterminated triple-quoted string literal (detected at line 2)");
    assert_eq!(first_error("x = 1__0"), "f.py:1:6: invalid decimal literal");
    assert_eq!(first_error("x = 1 +"), "f.py:1:8: invalid syntax");
}

#[test]
fn recovers_and_reports_every_error() {
    let src = "a = = 1\nb = (2\nc = 3\n";
    assert_eq!(parse(src).errors.len(), 2, "the bad line and the never-closed bracket");
    let src = "def f() x:\n    x = = 1\ny = 1\nz = )\n";
    let p = parse(src);
    assert_eq!(p.errors.len(), 3, "{:?}", p.errors);
    assert!(p.module.assignment("y").is_some(), "statements after an error still parse");
}

/// Runs `f` on a thread with the 2 MB stack test threads get by default, so an overflow fails.
fn on_small_stack(src: String) -> crate::Parsed {
    std::thread::Builder::new().stack_size(2 << 20).spawn(move || parse(&src)).unwrap().join().unwrap()
}

#[test]
fn hostile_inputs_do_not_overflow_the_stack() {
    let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
    assert!(on_small_stack(deep).errors.iter().any(|d| d.message == "too many nested parentheses"));
    let list = format!("x = {}\n", "[".repeat(5000));
    assert!(!on_small_stack(list).errors.is_empty());
    for unary in ["-", "not ", "~", "await ", "lambda: "] {
        let src = format!("x = {}1\n", unary.repeat(20_000));
        assert!(!on_small_stack(src).errors.is_empty(), "{unary}");
    }
    let pow = format!("x = {}1\n", "2 ** ".repeat(20_000));
    assert!(!on_small_stack(pow).errors.is_empty());
    let chain = format!("x = {}1\n", "1 + ".repeat(100_000));
    assert!(!on_small_stack(chain).errors.is_empty());
    let attrs = format!("x = a{}\n", ".b()[0]".repeat(50_000));
    assert!(!on_small_stack(attrs).errors.is_empty());
    let ternary = format!("x = {}1\n", "1 if 2 else ".repeat(20_000));
    assert!(!on_small_stack(ternary).errors.is_empty());
    let indents: String = (0..300).map(|i| format!("{}if x:\n", " ".repeat(i))).collect();
    assert!(!on_small_stack(indents + &" ".repeat(300) + "pass\n").errors.is_empty());
    let elifs = format!("if a:\n    pass\n{}", "elif b:\n    pass\n".repeat(900));
    assert!(on_small_stack(elifs).errors.is_empty());
    let elifs = format!("if a:\n    pass\n{}", "elif b:\n    pass\n".repeat(20_000));
    assert!(!on_small_stack(elifs).errors.is_empty());
    let fstr = format!("x = f'{}'\n", "{".repeat(5000));
    let _ = on_small_stack(fstr);
}

#[test]
fn never_panics_on_prefixes_of_real_files() {
    let src = include_str!("../test_data/ok/batch_and_data.py");
    for (i, _) in src.char_indices() {
        let p = parse(&src[..i]);
        for d in &p.errors {
            let s = d.primary_span().unwrap();
            assert!(s.end as usize <= i && src.is_char_boundary(s.start as usize) && src.is_char_boundary(s.end as usize));
        }
    }
}

#[test]
fn operator_table_prefers_the_longest_match() {
    assert_eq!(Op::scan(b"**="), Some((Op::DoubleStarEqual, 3)));
    assert_eq!(Op::scan(b"->x"), Some((Op::Arrow, 2)));
    assert_eq!(Op::scan(b"$"), None);
}

#[test]
fn functions_know_whether_they_are_generators_or_async() {
    let src = "def g():\n    def inner():\n        yield 1\n    class C:\n        x = [i for i in (1, 2)]\n    f = lambda: (yield)\n    return inner\n\
               def h():\n    if x:\n        for y in z:\n            v = yield from y\n\
               async def a():\n    await b\n";
    let parsed = parse(src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let flags = |f: &FunctionDef| (f.name.name.clone(), f.is_generator, f.is_async);
    let g = parsed.module.function("g").expect("g");
    assert_eq!(flags(g), ("g".into(), false, false));
    let StmtKind::FunctionDef(inner) = &g.body[0].kind else { panic!("inner") };
    assert_eq!(flags(inner), ("inner".into(), true, false));
    let StmtKind::Assign { value: Expr { kind: ExprKind::Lambda(lambda), .. }, .. } = &g.body[2].kind else { panic!("lambda") };
    assert_eq!(flags(lambda), ("<lambda>".into(), true, false));
    assert_eq!(flags(parsed.module.function("h").expect("h")), ("h".into(), true, false));
    assert_eq!(flags(parsed.module.function("a").expect("a")), ("a".into(), false, true));
}

#[test]
fn the_context_checks_walk_the_deepest_trees_parse_accepts() {
    // `yield` turns the checks on; then the longest operator chain, the deepest brackets and
    // the longest `elif` chain the parser accepts.
    let elifs: String = (0..990).map(|i| format!("    elif x == {i}:\n        yield {i}\n")).collect();
    let src = format!(
        "def f():\n    yield 1\nx = {}a\ny = {}1{}\ndef g():\n    if x:\n        pass\n{elifs}",
        "a + ".repeat(4_990),
        "[".repeat(99),
        "]".repeat(99)
    );
    let parsed = parse(&src);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors.first());
    assert!(parsed.module.function("g").expect("g").is_generator);
}
