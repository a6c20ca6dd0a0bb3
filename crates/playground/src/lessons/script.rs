//! An attempt written down (`alembic-playground lesson ID --try FILE`): one console command per
//! line, `!sql STATEMENT` for the SQL box, `!write PATH` … `!end` to replace a file's text,
//! `!production on|off`. Blank lines and lines starting with `#` are skipped.

use super::format::Move;

/// Why an attempt file cannot be read, at a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

pub fn parse(text: &str) -> Result<Vec<Move>, ScriptError> {
    let mut moves = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    while let Some((n, line)) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let err = |message: String| ScriptError { line: n, message };
        let Some(directive) = trimmed.strip_prefix('!') else {
            moves.push(Move::Line(trimmed.to_string()));
            continue;
        };
        let (word, rest) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
        let rest = rest.trim();
        match word {
            "sql" if !rest.is_empty() => moves.push(Move::Sql { sql: rest.to_string() }),
            "sql" => return Err(err("`!sql` needs a statement after it".into())),
            "write" if !rest.is_empty() => {
                let mut body = Vec::new();
                loop {
                    match lines.next() {
                        Some((_, l)) if l.trim_end() == "!end" => break,
                        Some((_, l)) => body.push(l),
                        None => return Err(err(format!("`!write {rest}` has no `!end` line"))),
                    }
                }
                let mut text = body.join("\n");
                text.push('\n');
                moves.push(Move::Write { write: rest.to_string(), text, file: None });
            }
            "write" => return Err(err("`!write` needs the file's path after it".into())),
            "production" => match rest {
                "on" => moves.push(Move::Production { production: true }),
                "off" => moves.push(Move::Production { production: false }),
                _ => return Err(err("`!production` takes `on` or `off`".into())),
            },
            "end" => return Err(err("`!end` without a `!write` before it".into())),
            other => return Err(err(format!("unknown directive `!{other}` (known: !sql, !write … !end, !production on|off)"))),
        }
    }
    Ok(moves)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_sql_and_writes_become_moves() {
        let text = "# a comment\nupgrade head\n\n!sql DELETE FROM posts\n!write alembic/versions/x.py\nrevision = 'x'\n  indented\n!end\n!production on\n";
        assert_eq!(
            parse(text).unwrap(),
            [
                Move::Line("upgrade head".into()),
                Move::Sql { sql: "DELETE FROM posts".into() },
                Move::Write { write: "alembic/versions/x.py".into(), text: "revision = 'x'\n  indented\n".into(), file: None },
                Move::Production { production: true },
            ]
        );
    }

    #[test]
    fn bad_files_say_where() {
        assert_eq!(
            parse("current\n!write a.py\nx = 1\n").unwrap_err(),
            ScriptError { line: 2, message: "`!write a.py` has no `!end` line".into() }
        );
        assert_eq!(parse("!sql").unwrap_err().line, 1);
        assert_eq!(
            parse("\n\n!frobnicate x").unwrap_err().to_string(),
            "line 3: unknown directive `!frobnicate` (known: !sql, !write … !end, !production on|off)"
        );
        assert_eq!(parse("!end").unwrap_err().line, 1);
        assert_eq!(parse("!production maybe").unwrap_err().line, 1);
    }
}
