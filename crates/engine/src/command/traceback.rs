//! What real Alembic's process prints when a migration raises something other than its own
//! `CommandError`: no `FAILED:`, but Python's traceback on stderr ending in
//! `ExceptionType: message` (for a statement SQLAlchemy's `[SQL: …]` and its background
//! link follow), and exit code 1. Only the CLI prints it; the page's console keeps the
//! `FAILED:` line that `playground::explain` explains.

use super::CommandError;
use crate::runtime::MigrationError;

/// Python's exit code for an uncaught exception.
pub const TRACEBACK_EXIT_CODE: u8 = 1;

/// The traceback text for `error`, when real Alembic would crash with one rather than print
/// `FAILED:`; `None` for its `CommandError`s and for this program's own refusals.
pub fn of(error: &CommandError) -> Option<String> {
    match error {
        CommandError::Migration(e, _) => render(e),
        CommandError::Failed(e, _) => of(e),
        _ => None,
    }
}

fn render(e: &MigrationError) -> Option<String> {
    let class = e.exception.as_deref()?;
    let mut text = String::from("Traceback (most recent call last):\n");
    if let Some((path, source, span)) = e.location.as_deref() {
        let at = diagnostics::LineIndex::new(source).line_col(source, span.start as usize);
        let function = e.step.as_deref().and_then(|s| s.split(' ').next()).unwrap_or("<module>");
        let line = source.lines().nth(at.line.saturating_sub(1)).unwrap_or("").trim();
        text.push_str(&format!("  File \"{path}\", line {}, in {function}\n    {line}\n", at.line));
    }
    text.push_str(&last_line(class, &e.message));
    text.push('\n');
    if let Some(statement) = &e.statement {
        text.push_str(&format!("[SQL: {statement}]\n"));
        if let Some(code) = background_code(class) {
            text.push_str(&format!("(Background on this error at: https://sqlalche.me/e/21/{code})\n"));
        }
    }
    Some(text)
}

/// `Class: message`, as Python prints an exception; messages that already start with their
/// class (a `raise`d exception's) are kept as they are.
fn last_line(class: &str, message: &str) -> String {
    if message == class || message.strip_prefix(class).is_some_and(|rest| rest.starts_with(": ")) {
        message.to_string()
    } else {
        format!("{class}: {message}")
    }
}

/// The `code` of SQLAlchemy's DBAPI error classes: the page its link points to.
fn background_code(class: &str) -> Option<&'static str> {
    Some(match class.strip_prefix("sqlalchemy.exc.")? {
        "OperationalError" => "e3q8",
        "IntegrityError" => "gkpj",
        "ProgrammingError" => "f405",
        "DatabaseError" => "4xp6",
        "DataError" => "9h9h",
        "InterfaceError" => "rvf5",
        "NotSupportedError" => "tw8g",
        "InternalError" => "2j85",
        _ => return None,
    })
}

/// The exception class a message starts with (`sqlalchemy.exc.ArgumentError: …`,
/// `ValueError: …`): a dotted name ending in `Error`, `Exception` or `Warning`, or one of
/// `sqlalchemy.exc`'s; `None` for a sentence.
pub fn class_prefix(message: &str) -> Option<&str> {
    let (name, _) = message.split_once(": ")?;
    let dotted = !name.is_empty()
        && name.split('.').all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    let last = name.rsplit('.').next().unwrap_or(name);
    let exceptional = ["Error", "Exception", "Warning"].iter().any(|end| last.ends_with(end)) || name.starts_with("sqlalchemy.exc.");
    (dotted && exceptional).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diagnostics::Span;

    fn failure(message: &str, class: Option<&str>, statement: Option<&str>) -> CommandError {
        let source = "def upgrade():\n    op.execute(\"INSERT INTO missing_table (id) VALUES (1)\")\n".to_string();
        let e = MigrationError {
            step: Some("upgrade a -> b, fails".into()),
            statement: statement.map(String::from),
            location: Some(Box::new(("versions/b.py".into(), source, Span::new(19, 70)))),
            exception: class.map(String::from),
            ..MigrationError::new(message)
        };
        CommandError::Migration(Box::new(e), Box::default())
    }

    #[test]
    fn a_failing_statement_ends_as_sqlalchemy_prints_it() {
        let e = failure(
            "(sqlite3.OperationalError) no such table: missing_table",
            Some("sqlalchemy.exc.OperationalError"),
            Some("INSERT INTO missing_table (id) VALUES (1)"),
        );
        assert_eq!(
            of(&e).unwrap(),
            "Traceback (most recent call last):\n  File \"versions/b.py\", line 2, in upgrade\n    op.execute(\"INSERT INTO missing_table (id) VALUES (1)\")\n\
             sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: missing_table\n\
             [SQL: INSERT INTO missing_table (id) VALUES (1)]\n(Background on this error at: https://sqlalche.me/e/21/e3q8)\n"
        );
    }

    #[test]
    fn python_errors_are_named_once() {
        let typed = of(&failure("'NoneType' object is not iterable", Some("TypeError"), None)).unwrap();
        assert!(typed.ends_with("\nTypeError: 'NoneType' object is not iterable\n"), "{typed}");
        let raised = of(&failure("ValueError: refusing", Some("ValueError"), None)).unwrap();
        assert!(raised.ends_with("\nValueError: refusing\n"), "{raised}");
    }

    #[test]
    fn own_refusals_and_command_errors_stay_failed() {
        assert_eq!(of(&failure("COMMIT inside a migration is refused", None, Some("COMMIT"))), None);
        assert_eq!(of(&CommandError::NotAtHead), None);
    }

    #[test]
    fn class_prefixes_are_exception_names_only() {
        assert_eq!(class_prefix("sqlalchemy.exc.NoResultFound: No row"), Some("sqlalchemy.exc.NoResultFound"));
        assert_eq!(class_prefix("ValueError: x"), Some("ValueError"));
        assert_eq!(class_prefix("'x' from module 'm' is not available here: add it"), None);
        assert_eq!(class_prefix("Note: something"), None);
    }
}
