//! One value of an ini file set in place, as Python's configparser (Alembic's) reads it: the
//! rest of the file — comments, blank lines, other keys, their order, the line endings — is
//! kept byte for byte.

/// `text` with `key` of `[section]` set to `value`, and the value it had (`None`: it had
/// none). The key line keeps its spelling, delimiter and what follows the value on it; the
/// value's continuation lines (indented, after it) go. A missing key is added just after the
/// section's header, a missing section at the end.
pub fn set_value(text: &str, section: &str, key: &str, value: &str) -> (String, Option<String>) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + value.len() + 32);
    let mut in_section = false;
    // Just after the section's header: where a missing key goes.
    let mut header_end = None;
    // The replaced value, and whether lines after it may still continue it.
    let mut old: Option<String> = None;
    let mut continuing = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let trimmed = body.trim_start();
        let skipped = trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';');
        if continuing {
            // configparser joins indented lines after the key to its value; blank and comment
            // lines among them are skipped (and kept here), not ended on.
            if let Some(old) = old.as_mut().filter(|_| !skipped && indented(line)) {
                if !old.is_empty() {
                    old.push(' ');
                }
                old.push_str(trimmed);
                continue;
            }
            continuing = skipped;
        }
        if !indented(line) && trimmed.starts_with('[') && trimmed.ends_with(']') {
            in_section = trimmed[1..trimmed.len() - 1] == *section;
            if in_section && header_end.is_none() {
                out.push_str(line);
                header_end = Some(out.len());
                continue;
            }
        } else if in_section && old.is_none() && !skipped && !indented(line) {
            if let Some(at) = value_start(body, key) {
                out.push_str(&body[..at]);
                // `key =` with its value on the next lines: the new one goes after a space.
                if at == body.len() {
                    out.push(' ');
                }
                out.push_str(value);
                out.push_str(&line[body.len()..]);
                old = Some(body[at..].to_string());
                continuing = true;
                continue;
            }
        }
        out.push_str(line);
    }
    if old.is_some() {
        return (out, old);
    }
    // No header of the section: it goes at the end.
    let at = header_end.unwrap_or(out.len());
    let mut added = if out[..at].ends_with('\n') || at == 0 { String::new() } else { newline.to_string() };
    if header_end.is_none() {
        added = format!("{added}[{section}]{newline}");
    }
    out.insert_str(at, &format!("{added}{key} = {value}{newline}"));
    (out, None)
}

fn indented(line: &str) -> bool {
    line.as_bytes().first().is_some_and(|b| *b == b' ' || *b == b'\t')
}

/// Where the value starts on a `key = value` or `key: value` line (keys compare as
/// configparser's lower-casing `optionxform` does).
fn value_start(line: &str, key: &str) -> Option<usize> {
    let at = line.bytes().position(|b| b == b'=' || b == b':')?;
    line[..at].trim().eq_ignore_ascii_case(key).then(|| line.len() - line[at + 1..].trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INI: &str = "# A multi-database configuration.\n\n[alembic]\n# path to migration scripts\nscript_location = /home/ana/blog/alembic\n\n# the database\nsqlalchemy.url = driver://user:pass@localhost/dbname\n\n\n[loggers]\nkeys = root,sqlalchemy.url\n";

    #[test]
    fn only_the_value_changes() {
        let (text, old) = set_value(INI, "alembic", "sqlalchemy.url", "sqlite:///%(here)s/blog.sqlite");
        assert_eq!(old.as_deref(), Some("driver://user:pass@localhost/dbname"));
        assert_eq!(text, INI.replace("driver://user:pass@localhost/dbname", "sqlite:///%(here)s/blog.sqlite"));
        // The key's spelling, its delimiter and CRLF line endings stay as written.
        let crlf = "[alembic]\r\nSQLAlchemy.URL:x\r\n# kept\r\nother = 1\r\n";
        let (text, old) = set_value(crlf, "alembic", "sqlalchemy.url", "y");
        assert_eq!((text.as_str(), old.as_deref()), ("[alembic]\r\nSQLAlchemy.URL:y\r\n# kept\r\nother = 1\r\n", Some("x")));
    }

    #[test]
    fn a_value_on_several_lines_is_replaced_whole_and_its_comments_kept() {
        let ini = "[alembic]\nscript_location =\n    /srv/a\n\n    # note\n    /b\nnext = 1\n";
        let (text, old) = set_value(ini, "alembic", "script_location", "%(here)s/a");
        assert_eq!(old.as_deref(), Some("/srv/a /b"));
        assert_eq!(text, "[alembic]\nscript_location = %(here)s/a\n\n    # note\nnext = 1\n");
    }

    #[test]
    fn other_sections_comments_and_lookalikes_are_left_alone() {
        let ini = "[other]\nsqlalchemy.url = a\n[alembic]\n# sqlalchemy.url = b\n  sqlalchemy.url_x = c\nsqlalchemy.urls = d\n";
        let (text, old) = set_value(ini, "alembic", "sqlalchemy.url", "z");
        assert_eq!(old, None);
        assert_eq!(text, ini.replace("[alembic]\n", "[alembic]\nsqlalchemy.url = z\n"));
    }

    #[test]
    fn a_missing_key_goes_just_after_the_sections_header() {
        let ini = "[alembic]\nscript_location = a\n\n\n[post_write_hooks]\n";
        let (text, old) = set_value(ini, "alembic", "sqlalchemy.url", "u");
        assert_eq!(old, None);
        assert_eq!(text, "[alembic]\nsqlalchemy.url = u\nscript_location = a\n\n\n[post_write_hooks]\n");
        // The header at the end of the file; an empty section; no section at all.
        assert_eq!(set_value("a = 1\n[alembic]", "alembic", "k", "v").0, "a = 1\n[alembic]\nk = v\n");
        assert_eq!(set_value("[alembic]\n\n[x]\n", "alembic", "k", "v").0, "[alembic]\nk = v\n\n[x]\n");
        assert_eq!(set_value("[x]\ny = 1", "alembic", "k", "v").0, "[x]\ny = 1\n[alembic]\nk = v\n");
        assert_eq!(set_value("", "alembic", "k", "v").0, "[alembic]\nk = v\n");
    }
}
