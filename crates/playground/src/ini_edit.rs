//! One value of an ini file set in place, as Python's configparser (Alembic's) reads it: the
//! rest of the file — comments, blank lines, other keys, their order, the line endings — is
//! kept byte for byte.

/// `text` with `key` of `[section]` set to `value`, and the value it had (`None`: it had
/// none). The key line keeps its spelling and delimiter; the value's continuation lines
/// (indented, after it) go. A missing key is added after the section's last line that is
/// not blank, a missing section at the end.
pub fn set_value(text: &str, section: &str, key: &str, value: &str) -> (String, Option<String>) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + value.len());
    let mut in_section = false;
    // Where a missing key goes: after the section's last line that is not blank.
    let mut insert_at = None;
    let mut old = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(name) = header(body) {
            in_section = name == section;
        } else if in_section && old.is_none() {
            if let Some((prefix, current)) = key_line(body, key) {
                let mut current = vec![current.trim().to_string()];
                let mut kept = Vec::new();
                // configparser joins indented lines after the key to its value; blank and
                // comment lines among them are skipped, not ended on.
                let mut j = i + 1;
                while j < lines.len() {
                    let next = lines[j].trim_end_matches(['\n', '\r']);
                    let trimmed = next.trim();
                    if trimmed.is_empty() || is_comment(trimmed) {
                        kept.push(lines[j]);
                    } else if next.starts_with([' ', '\t']) {
                        current.push(trimmed.to_string());
                    } else {
                        break;
                    }
                    j += 1;
                }
                out.push_str(prefix);
                // `key =` with its value on the next lines: the new one goes after a space.
                if !prefix.ends_with([' ', '\t']) && current[0].is_empty() {
                    out.push(' ');
                }
                out.push_str(value);
                out.push_str(&line[body.len()..]);
                kept.iter().for_each(|l| out.push_str(l));
                old = Some(current.iter().filter(|v| !v.is_empty()).cloned().collect::<Vec<_>>().join(" "));
                i = j;
                continue;
            }
        }
        out.push_str(line);
        if in_section && !body.trim().is_empty() {
            insert_at = Some(out.len());
        }
        i += 1;
    }
    if old.is_none() {
        let mut added = format!("{key} = {value}{newline}");
        match insert_at {
            Some(at) => {
                if !out[..at].ends_with('\n') {
                    added.insert_str(0, newline);
                }
                out.insert_str(at, &added);
            }
            // No such section (its header line would have set `insert_at`).
            None => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push_str(newline);
                }
                out.push_str(&format!("[{section}]{newline}{added}"));
            }
        }
    }
    (out, old)
}

/// `[name]` at the start of a line (configparser strips the line first).
fn header(line: &str) -> Option<&str> {
    let t = line.trim();
    if line.starts_with([' ', '\t']) {
        return None;
    }
    t.strip_prefix('[')?.strip_suffix(']')
}

fn is_comment(trimmed: &str) -> bool {
    trimmed.starts_with(['#', ';'])
}

/// `key = value` or `key: value` at the start of a line (keys compare as configparser's
/// lower-casing `optionxform` does): the text up to the value, and the value.
fn key_line<'a>(line: &'a str, key: &str) -> Option<(&'a str, &'a str)> {
    if line.starts_with([' ', '\t']) || is_comment(line.trim()) {
        return None;
    }
    let at = line.find(['=', ':'])?;
    if !line[..at].trim().eq_ignore_ascii_case(key) {
        return None;
    }
    let rest = &line[at + 1..];
    let value_at = at + 1 + (rest.len() - rest.trim_start().len());
    Some((&line[..value_at], &line[value_at..]))
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
        assert_eq!(text, format!("{ini}sqlalchemy.url = z\n"));
    }

    #[test]
    fn a_missing_key_goes_after_the_sections_last_line() {
        let ini = "[alembic]\nscript_location = a\n\n\n[post_write_hooks]\n";
        let (text, old) = set_value(ini, "alembic", "sqlalchemy.url", "u");
        assert_eq!(old, None);
        assert_eq!(text, "[alembic]\nscript_location = a\nsqlalchemy.url = u\n\n\n[post_write_hooks]\n");
        // No newline at the end of the file; an empty section; no section at all.
        assert_eq!(set_value("[alembic]\na = 1", "alembic", "k", "v").0, "[alembic]\na = 1\nk = v\n");
        assert_eq!(set_value("[alembic]\n\n[x]\n", "alembic", "k", "v").0, "[alembic]\nk = v\n\n[x]\n");
        assert_eq!(set_value("[x]\ny = 1", "alembic", "k", "v").0, "[x]\ny = 1\n[alembic]\nk = v\n");
        assert_eq!(set_value("", "alembic", "k", "v").0, "[alembic]\nk = v\n");
    }
}
