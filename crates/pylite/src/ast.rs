//! The syntax tree: plain data, every node with its byte span, names as in Python's `ast`.

use diagnostics::Span;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Module {
    pub body: Vec<Stmt>,
}

/// A name written in the source (`def name`, `.attr`, `as name`, `name=` keyword).
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: `targets` in source order.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// Shared: the evaluator keeps the definition in every function value it makes, without copying it.
    FunctionDef(std::sync::Arc<FunctionDef>),
    ClassDef {
        name: Ident,
        bases: Vec<Expr>,
        keywords: Vec<Keyword>,
        body: Vec<Stmt>,
        decorators: Vec<Expr>,
    },
    /// `elif` chains are nested `If`s in `orelse`, as in Python's `ast`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Pass,
    Break,
    Continue,
    Return(Option<Expr>),
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Del(Vec<Expr>),
    /// `import a.b as c, d`
    Import(Vec<Alias>),
    /// `from ..a.b import c as d`: `level` counts the dots; `names` is `[*]` for a star import.
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
    /// A statement that failed to parse (its errors are in `Parsed::errors`) or an unsupported
    /// construct that was skipped whole (`match`).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub name: Ident,
    pub params: Vec<Param>,
    pub returns: Option<Expr>,
    pub body: Vec<Stmt>,
    /// Applied bottom-up, evaluated top-down (as in Python).
    pub decorators: Vec<Expr>,
    pub span: Span,
    /// `async def`: calling it makes a coroutine, which cannot run here.
    pub is_async: bool,
    /// Its own body (not a nested function's, lambda's or class's) has `yield` or `yield from`:
    /// calling it makes a generator.
    pub is_generator: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Before a `/`.
    PositionalOnly,
    Normal,
    /// `*args`
    VarArgs,
    /// After `*` or `*args`.
    KeywordOnly,
    /// `**kwargs`
    VarKeywords,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Ident,
    pub kind: ParamKind,
    pub annotation: Option<Expr>,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    pub kind: Option<Expr>,
    pub name: Option<Ident>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// Dotted name as written (`a.b`), or `*`.
    pub name: String,
    pub asname: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Name(String),
    /// A string literal after implicit concatenation and escape decoding. For bytes, each byte
    /// is one char U+0000..=U+00FF.
    Str {
        value: String,
        bytes: bool,
    },
    /// An f-string (possibly concatenated with plain literals).
    FString(Vec<FStringPart>),
    Int(i64),
    /// An integer that does not fit `i64`, as written minus underscores (`0xffff_ffff_ffff_ffff_f`).
    BigInt(String),
    Float(f64),
    /// Reported as unsupported.
    Imaginary(f64),
    NoneLit,
    True,
    False,
    Ellipsis,
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<DictItem>),
    /// `args` may hold `Starred` for `*args`; keywords with `name: None` are `**kwargs`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: Ident,
    },
    /// `a[i]`; `a[i, j]` has a `Tuple` index; `a[1:2]` a `Slice` index.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `ops.len() == comparators.len()`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Starred(Box<Expr>),
    /// `lambda params: body` as the function it makes (named `<lambda>`, its body one
    /// `return body`), shared like a `def`'s by every function value made from it.
    Lambda(std::sync::Arc<FunctionDef>),
    /// `value` is set for dict comprehensions (`element` is the key).
    Comprehension {
        kind: CompKind,
        element: Box<Expr>,
        value: Option<Box<Expr>>,
        generators: Vec<Generator>,
    },
    /// Only inside an `async def` (`parser::context`), which never runs here.
    Await(Box<Expr>),
    /// Runs as a whole statement (`yield x`, `y = yield x`); inside a larger expression it is
    /// refused when it runs.
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `name := value`.
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// An expression that failed to parse; its error is in `Parsed::errors`.
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    Literal(String),
    /// `{expr!conv:spec}`; `x=` debug fields become a literal `x=` followed by this part.
    Field {
        expr: Box<Expr>,
        conversion: Option<char>,
        format_spec: Vec<FStringPart>,
        span: diagnostics::Span,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct DictItem {
    /// `None` for `**mapping`.
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// `None` for `**kwargs`.
    pub name: Option<Ident>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Generator {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    pub is_async: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

impl UnaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnaryOp::Not => "not",
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

impl Module {
    /// The module docstring: the first statement, if it is a plain string literal.
    pub fn docstring(&self) -> Option<&str> {
        match &self.body.first()?.kind {
            StmtKind::Expr(e) => e.as_str(),
            _ => None,
        }
    }

    /// The value of the last top-level `name = ...` or `name: T = ...`.
    pub fn assignment(&self, name: &str) -> Option<&Expr> {
        self.body.iter().rev().find_map(|s| match &s.kind {
            StmtKind::Assign { targets, value } if targets.iter().any(|t| t.is_name(name)) => Some(value),
            StmtKind::AnnAssign { target, value: Some(value), .. } if target.is_name(name) => Some(value),
            _ => None,
        })
    }

    /// The last top-level `def name(...)`.
    pub fn function(&self, name: &str) -> Option<&FunctionDef> {
        self.body.iter().rev().find_map(|s| match &s.kind {
            StmtKind::FunctionDef(f) if f.name.name == name => Some(&**f),
            _ => None,
        })
    }
}

impl FunctionDef {
    /// The function's docstring, if its body starts with a plain string literal.
    pub fn docstring(&self) -> Option<&str> {
        match &self.body.first()?.kind {
            StmtKind::Expr(e) => e.as_str(),
            _ => None,
        }
    }
}

impl Expr {
    /// The value of a (non-bytes, non-f) string literal.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Str { value, bytes: false } => Some(value),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&str> {
        match &self.kind {
            ExprKind::Name(n) => Some(n),
            _ => None,
        }
    }

    fn is_name(&self, name: &str) -> bool {
        self.as_name() == Some(name)
    }
}
