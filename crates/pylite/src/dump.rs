//! A compact, deterministic S-expression dump of the tree for golden tests: one statement per
//! line, prefixed with its `line:col`, expressions inline.

use crate::ast::*;
use diagnostics::LineIndex;
use std::fmt::Write as _;

pub fn dump(module: &Module, source: &str) -> String {
    let mut d = Dumper { out: String::new(), index: LineIndex::new(source), source };
    d.stmts(&module.body, 0);
    d.out
}

struct Dumper<'a> {
    out: String,
    index: LineIndex,
    source: &'a str,
}

impl Dumper<'_> {
    fn stmts(&mut self, body: &[Stmt], indent: usize) {
        for s in body {
            self.stmt(s, indent);
        }
    }

    fn head(&mut self, s: &Stmt, indent: usize) {
        let at = self.index.line_col(self.source, s.span.start as usize);
        let _ = write!(self.out, "{:indent$}{}:{} ", "", at.line, at.col, indent = indent * 2);
    }

    fn block(&mut self, name: &str, body: &[Stmt], indent: usize) {
        let _ = writeln!(self.out, "{:indent$}{name}:", "", indent = indent * 2 + 2);
        self.stmts(body, indent + 2);
    }

    fn stmt(&mut self, s: &Stmt, indent: usize) {
        self.head(s, indent);
        let mut line: String;
        let mut blocks: Vec<(&str, &[Stmt])> = Vec::new();
        match &s.kind {
            StmtKind::Expr(e) => line = format!("(expr {})", expr(e)),
            StmtKind::Assign { targets, value } => {
                let ts: Vec<String> = targets.iter().map(expr).collect();
                line = format!("(assign [{}] {})", ts.join(" "), expr(value));
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                line = format!("(ann-assign {} {} {})", expr(target), expr(annotation), opt(value.as_ref()));
            }
            StmtKind::AugAssign { target, op, value } => {
                line = format!("(aug-assign {} {} {})", expr(target), op.symbol(), expr(value));
            }
            StmtKind::FunctionDef(f) => {
                let decos: Vec<String> = f.decorators.iter().map(expr).collect();
                line = format!(
                    "({}def {} ({}) -> {} decorators=[{}])",
                    if f.is_async { "async " } else { "" },
                    f.name.name,
                    params(&f.params),
                    opt(f.returns.as_ref()),
                    decos.join(" ")
                );
                blocks.push(("body", &f.body));
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorators } => {
                let decos: Vec<String> = decorators.iter().map(expr).collect();
                line = format!("(class {} {} decorators=[{}])", name.name, args(bases, keywords), decos.join(" "));
                blocks.push(("body", body));
            }
            StmtKind::If { test, body, orelse } => {
                line = format!("(if {})", expr(test));
                blocks.push(("then", body));
                blocks.push(("else", orelse));
            }
            StmtKind::For { target, iter, body, orelse } => {
                line = format!("(for {} {})", expr(target), expr(iter));
                blocks.push(("body", body));
                blocks.push(("else", orelse));
            }
            StmtKind::While { test, body, orelse } => {
                line = format!("(while {})", expr(test));
                blocks.push(("body", body));
                blocks.push(("else", orelse));
            }
            StmtKind::With { items, body } => {
                let is: Vec<String> = items.iter().map(|i| format!("(item {} {})", expr(&i.context), opt(i.target.as_ref()))).collect();
                line = format!("(with {})", is.join(" "));
                blocks.push(("body", body));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                line = "(try)".into();
                blocks.push(("body", body));
                for h in handlers {
                    let name = h.name.as_ref().map_or("-", |n| n.name.as_str());
                    line.push_str(&format!(" (except {} {})", opt(h.kind.as_ref()), name));
                }
                for h in handlers {
                    blocks.push(("except", &h.body));
                }
                blocks.push(("else", orelse));
                blocks.push(("finally", finalbody));
            }
            StmtKind::Pass => line = "(pass)".into(),
            StmtKind::Break => line = "(break)".into(),
            StmtKind::Continue => line = "(continue)".into(),
            StmtKind::Return(v) => line = format!("(return {})", opt(v.as_ref())),
            StmtKind::Raise { exc, cause } => line = format!("(raise {} {})", opt(exc.as_ref()), opt(cause.as_ref())),
            StmtKind::Assert { test, msg } => line = format!("(assert {} {})", expr(test), opt(msg.as_ref())),
            StmtKind::Del(ts) => line = format!("(del {})", list(ts)),
            StmtKind::Import(names) => line = format!("(import {})", aliases(names)),
            StmtKind::ImportFrom { module, names, level } => {
                line = format!("(from {}{} {})", ".".repeat(*level as usize), module.as_deref().unwrap_or(""), aliases(names));
            }
            StmtKind::Global(ns) | StmtKind::Nonlocal(ns) => {
                let kw = if matches!(s.kind, StmtKind::Global(_)) { "global" } else { "nonlocal" };
                let names: Vec<&str> = ns.iter().map(|n| n.name.as_str()).collect();
                line = format!("({kw} {})", names.join(" "));
            }
            StmtKind::Error => line = "(error)".into(),
        }
        self.out.push_str(&line);
        self.out.push('\n');
        for (name, body) in blocks {
            if !body.is_empty() || name == "body" || name == "then" {
                self.block(name, body, indent);
            }
        }
    }
}

fn opt(e: Option<&Expr>) -> String {
    e.map_or_else(|| "-".to_string(), expr)
}

fn list(es: &[Expr]) -> String {
    es.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn aliases(names: &[Alias]) -> String {
    let v: Vec<String> = names
        .iter()
        .map(|a| match &a.asname {
            Some(n) => format!("{} as {}", a.name, n.name),
            None => a.name.clone(),
        })
        .collect();
    format!("[{}]", v.join(", "))
}

fn params(ps: &[Param]) -> String {
    let v: Vec<String> = ps
        .iter()
        .map(|p| {
            let mark = match p.kind {
                ParamKind::PositionalOnly => "/",
                ParamKind::Normal => "",
                ParamKind::VarArgs => "*",
                ParamKind::KeywordOnly => "kw:",
                ParamKind::VarKeywords => "**",
            };
            let mut s = format!("{mark}{}", p.name.name);
            if let Some(a) = &p.annotation {
                let _ = write!(s, ": {}", expr(a));
            }
            if let Some(d) = &p.default {
                let _ = write!(s, " = {}", expr(d));
            }
            s
        })
        .collect();
    v.join(", ")
}

fn args(args: &[Expr], keywords: &[Keyword]) -> String {
    let mut v: Vec<String> = args.iter().map(expr).collect();
    for k in keywords {
        match &k.name {
            Some(n) => v.push(format!("{}={}", n.name, expr(&k.value))),
            None => v.push(format!("**{}", expr(&k.value))),
        }
    }
    v.join(" ")
}

fn fparts(parts: &[FStringPart]) -> String {
    let v: Vec<String> = parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(s) => format!("{s:?}"),
            FStringPart::Field { expr: e, conversion, format_spec, .. } => {
                let mut s = format!("{{{}", expr(e));
                if let Some(c) = conversion {
                    let _ = write!(s, " !{c}");
                }
                if !format_spec.is_empty() {
                    let _ = write!(s, " :{}", fparts(format_spec));
                }
                s.push('}');
                s
            }
        })
        .collect();
    v.join(" ")
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Str { value, bytes: false } => format!("{value:?}"),
        ExprKind::Str { value, bytes: true } => format!("b{value:?}"),
        ExprKind::FString(parts) => format!("(f {})", fparts(parts)),
        ExprKind::Int(v) => v.to_string(),
        ExprKind::BigInt(s) => format!("(bigint {s})"),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::Imaginary(f) => format!("{f:?}j"),
        ExprKind::NoneLit => "None".into(),
        ExprKind::True => "True".into(),
        ExprKind::False => "False".into(),
        ExprKind::Ellipsis => "...".into(),
        ExprKind::Tuple(v) => format!("(tuple {})", list(v)),
        ExprKind::List(v) => format!("[{}]", list(v)),
        ExprKind::Set(v) => format!("(set {})", list(v)),
        ExprKind::Dict(items) => {
            let v: Vec<String> = items
                .iter()
                .map(|i| match &i.key {
                    Some(k) => format!("{}: {}", expr(k), expr(&i.value)),
                    None => format!("**{}", expr(&i.value)),
                })
                .collect();
            format!("{{{}}}", v.join(", "))
        }
        ExprKind::Call { func, args: a, keywords } => format!("(call {} {})", expr(func), args(a, keywords)),
        ExprKind::Attribute { value, attr } => format!("{}.{}", expr(value), attr.name),
        ExprKind::Subscript { value, index } => format!("(sub {} {})", expr(value), expr(index)),
        ExprKind::Slice { lower, upper, step } => {
            format!("(slice {} {} {})", opt(lower.as_deref()), opt(upper.as_deref()), opt(step.as_deref()))
        }
        ExprKind::BinOp { left, op, right } => format!("({} {} {})", op.symbol(), expr(left), expr(right)),
        ExprKind::UnaryOp { op, operand } => format!("({} {})", op.symbol(), expr(operand)),
        ExprKind::BoolOp { op, values } => {
            format!("({} {})", if *op == BoolOp::And { "and" } else { "or" }, list(values))
        }
        ExprKind::Compare { left, ops, comparators } => {
            let mut s = format!("(cmp {}", expr(left));
            for (o, c) in ops.iter().zip(comparators) {
                let _ = write!(s, " {} {}", o.symbol(), expr(c));
            }
            s.push(')');
            s
        }
        ExprKind::IfExp { test, body, orelse } => format!("(ifexp {} {} {})", expr(test), expr(body), expr(orelse)),
        ExprKind::Starred(v) => format!("(star {})", expr(v)),
        ExprKind::Lambda(def) => match def.body.as_slice() {
            [Stmt { kind: StmtKind::Return(Some(body)), .. }] => format!("(lambda ({}) {})", params(&def.params), expr(body)),
            _ => unreachable!("a lambda's body is one return"),
        },
        ExprKind::Comprehension { kind, element, value, generators } => {
            let mut s = format!("(comp {kind:?} {}", expr(element));
            if let Some(v) = value {
                let _ = write!(s, " : {}", expr(v));
            }
            for g in generators {
                let _ = write!(s, " (for {} {}", expr(&g.target), expr(&g.iter));
                for c in &g.ifs {
                    let _ = write!(s, " (if {})", expr(c));
                }
                s.push(')');
            }
            s.push(')');
            s
        }
        ExprKind::Await(v) => format!("(await {})", expr(v)),
        ExprKind::Yield(v) => format!("(yield {})", opt(v.as_deref())),
        ExprKind::YieldFrom(v) => format!("(yield-from {})", expr(v)),
        ExprKind::NamedExpr { target, value } => format!("(:= {} {})", expr(target), expr(value)),
        ExprKind::Error => "(error)".into(),
    }
}
