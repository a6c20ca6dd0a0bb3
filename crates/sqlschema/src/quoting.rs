//! Identifier quoting as SQLAlchemy's SQLite `IdentifierPreparer` does it.

/// SQLite dialect's reserved words (lower case, sorted for binary search).
/// A name equal to one of these (case-insensitively) must be quoted.
const RESERVED_WORDS: &[&str] = &[
    "add",
    "after",
    "all",
    "alter",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "false",
    "for",
    "foreign",
    "from",
    "full",
    "glob",
    "group",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "match",
    "natural",
    "not",
    "notnull",
    "null",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "plan",
    "pragma",
    "primary",
    "query",
    "raise",
    "references",
    "reindex",
    "rename",
    "replace",
    "restrict",
    "right",
    "rollback",
    "row",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "to",
    "transaction",
    "trigger",
    "true",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
];

/// Whether SQLAlchemy would quote `name`: blank, reserved, a leading digit or
/// `$`, a character outside `[A-Za-z0-9_$]`, or any upper-case letter (SQLAlchemy
/// treats lower case as "case insensitive", so anything else must be quoted to
/// keep its case).
pub fn requires_quotes(name: &str) -> bool {
    let Some(first) = name.chars().next() else {
        return true;
    };
    let lower = name.to_lowercase();
    RESERVED_WORDS.binary_search(&lower.as_str()).is_ok()
        || first.is_ascii_digit()
        || first == '$'
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        || lower != name
}

/// Quote `name` with double quotes (doubling embedded quotes) when required.
pub fn quote(name: &str) -> String {
    if requires_quotes(name) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_words_are_sorted_for_binary_search() {
        assert!(RESERVED_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quoting_rules() {
        for (n, q) in [
            ("abc", "abc"),
            ("Abc", "\"Abc\""),
            ("a b", "\"a b\""),
            ("1a", "\"1a\""),
            ("_a", "_a"),
            ("a$", "a$"),
            ("$a", "\"$a\""),
            ("select", "\"select\""),
            ("a\"b", "\"a\"\"b\""),
            ("é", "\"é\""),
            ("", "\"\""),
        ] {
            assert_eq!(quote(n), q, "{n}");
        }
    }
}
