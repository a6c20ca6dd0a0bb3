//! `alembic.ini`: the configparser subset Alembic relies on, with `%(here)s` interpolation.

use std::collections::BTreeMap;

/// One parsed ini file: sections of key → raw value, in file order within a section.
#[derive(Clone, Debug, Default)]
pub struct IniFile {
    sections: BTreeMap<String, Vec<(String, String)>>,
    /// `%(here)s`: the directory holding the ini file.
    here: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}:{line}: line is not a section header, `key = value`, or a continuation")]
    Syntax { file: String, line: usize },
    #[error("bad interpolation of option '{option}' in section [{section}]: '%({name})s' is not defined")]
    Interpolation { section: String, option: String, name: String },
}

impl IniFile {
    /// Parses like Python's `configparser` with its defaults: `=` or `:` separators, `#`/`;`
    /// full-line comments, indented continuation lines, case-insensitive keys.
    pub fn parse(file: &str, text: &str, here: &str) -> Result<IniFile, ConfigError> {
        let mut ini = IniFile { sections: BTreeMap::new(), here: here.to_string() };
        let mut current: Option<String> = None;
        let mut last_key: Option<String> = None;
        for (n, raw) in text.lines().enumerate() {
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                // A blank line inside a multi-line value is kept by configparser only
                // between continuation lines; Alembic's options never rely on it.
                if trimmed.is_empty() {
                    last_key = None;
                }
                continue;
            }
            let indented = raw.starts_with([' ', '\t']);
            if indented {
                if let (Some(section), Some(key)) = (&current, &last_key) {
                    let entries = ini.sections.get_mut(section).expect("section exists");
                    if let Some((_, value)) = entries.iter_mut().rev().find(|(k, _)| k == key) {
                        if !value.is_empty() {
                            value.push('\n');
                        }
                        value.push_str(trimmed);
                        continue;
                    }
                }
            }
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                let name = trimmed[1..trimmed.len() - 1].trim().to_string();
                ini.sections.entry(name.clone()).or_default();
                current = Some(name);
                last_key = None;
                continue;
            }
            let sep = trimmed.find(['=', ':']);
            match (sep, &current) {
                (Some(at), Some(section)) => {
                    let key = trimmed[..at].trim().to_lowercase();
                    let value = trimmed[at + 1..].trim().to_string();
                    let entries = ini.sections.get_mut(section).expect("section exists");
                    entries.retain(|(k, _)| *k != key);
                    entries.push((key.clone(), value));
                    last_key = Some(key);
                }
                _ => return Err(ConfigError::Syntax { file: file.to_string(), line: n + 1 }),
            }
        }
        Ok(ini)
    }

    pub fn has_section(&self, section: &str) -> bool {
        self.sections.contains_key(section)
    }

    /// The raw (uninterpolated) value.
    pub fn raw(&self, section: &str, key: &str) -> Option<&str> {
        let key = key.to_lowercase();
        let lookup = |s: &str| self.sections.get(s)?.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());
        lookup(section).or_else(|| lookup("DEFAULT"))
    }

    /// The value with `%(name)s` interpolated from the same section, `DEFAULT`, and `here`;
    /// `%%` is a literal percent sign.
    pub fn get(&self, section: &str, key: &str) -> Result<Option<String>, ConfigError> {
        match self.raw(section, key) {
            None => Ok(None),
            Some(raw) => self.interpolate(section, key, raw, 0).map(Some),
        }
    }

    fn interpolate(&self, section: &str, key: &str, raw: &str, depth: usize) -> Result<String, ConfigError> {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(after) = rest.strip_prefix("%%") {
                out.push('%');
                rest = after;
            } else if let Some(end) = rest.strip_prefix("%(").and_then(|r| r.find(")s")) {
                let name = rest[2..2 + end].to_lowercase();
                rest = &rest[2 + end + 2..];
                let missing = || ConfigError::Interpolation { section: section.to_string(), option: key.to_string(), name: name.clone() };
                let value = match self.raw(section, &name) {
                    Some(v) if depth < 10 => self.interpolate(section, &name, v, depth + 1)?,
                    Some(_) => return Err(missing()),
                    None if name == "here" => self.here.clone(),
                    None => return Err(missing()),
                };
                out.push_str(&value);
            } else {
                out.push('%');
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_alembic_section_with_here_interpolation() {
        let text = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/test.db\n\
                    version_locations = %(here)s/a\n    %(here)s/b\n\n[logger_root]\nlevel: WARNING\nqualname =\n";
        let ini = IniFile::parse("alembic.ini", text, "/p").unwrap();
        assert_eq!(ini.get("alembic", "script_location").unwrap().as_deref(), Some("/p/migrations"));
        assert_eq!(ini.get("alembic", "sqlalchemy.url").unwrap().as_deref(), Some("sqlite:////p/test.db"));
        assert_eq!(ini.get("alembic", "version_locations").unwrap().as_deref(), Some("/p/a\n/p/b"));
        assert_eq!(ini.get("logger_root", "LEVEL").unwrap().as_deref(), Some("WARNING"));
        assert_eq!(ini.get("logger_root", "qualname").unwrap().as_deref(), Some(""));
        assert_eq!(ini.get("alembic", "missing").unwrap(), None);
    }

    #[test]
    fn reports_undefined_interpolation_and_bad_lines() {
        let ini = IniFile::parse("a.ini", "[alembic]\nx = %(nope)s and 100%%\n", "/p").unwrap();
        assert!(matches!(ini.get("alembic", "x"), Err(ConfigError::Interpolation { .. })));
        let err = IniFile::parse("a.ini", "[alembic]\njust words\n", "/p").unwrap_err();
        assert_eq!(err.to_string(), "a.ini:2: line is not a section header, `key = value`, or a continuation");
    }

    #[test]
    fn percent_escapes_and_defaults() {
        let ini = IniFile::parse("a.ini", "[DEFAULT]\nroot = /r\n[alembic]\nx = %(root)s/y 100%%\n", "/p").unwrap();
        assert_eq!(ini.get("alembic", "x").unwrap().as_deref(), Some("/r/y 100%"));
    }
}
