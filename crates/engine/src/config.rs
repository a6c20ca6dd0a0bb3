//! `alembic.ini`: the configparser subset Alembic relies on, with `%(here)s` interpolation.

use std::collections::{BTreeMap, HashMap};

/// configparser's `MAX_INTERPOLATION_DEPTH`.
const MAX_INTERPOLATION_DEPTH: usize = 10;
/// Bounds on one value's interpolation, which configparser does not have: ten levels of
/// references that each name the next level many times expand exponentially.
const MAX_INTERPOLATED_BYTES: usize = 1 << 20;
const MAX_SUBSTITUTIONS: usize = 100_000;

/// One section's options in file order, with an index by key.
#[derive(Clone, Debug, Default)]
struct Section {
    entries: Vec<(String, String)>,
    index: HashMap<String, usize>,
}

impl Section {
    fn get(&self, key: &str) -> Option<&str> {
        self.index.get(key).map(|&i| self.entries[i].1.as_str())
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut String> {
        self.index.get(key).map(|&i| &mut self.entries[i].1)
    }

    /// A repeated key keeps its first position and takes the new value (a dict's update).
    fn set(&mut self, key: String, value: String) {
        match self.index.get(&key) {
            Some(&i) => self.entries[i].1 = value,
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, value));
            }
        }
    }
}

/// One parsed ini file: sections of key → raw value, in file order within a section.
#[derive(Clone, Debug, Default)]
pub struct IniFile {
    sections: BTreeMap<String, Section>,
    /// `%(here)s`: the directory holding the ini file.
    here: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}:{line}: line is not a section header, `key = value`, or a continuation")]
    Syntax { file: String, line: usize },
    /// configparser's `InterpolationMissingOptionError`, word for word.
    #[error(
        "Bad value substitution: option '{option}' in section '{section}' contains an interpolation key '{name}' which is not a valid option name. Raw value: '{raw}'"
    )]
    Interpolation { section: String, option: String, name: String, raw: String },
    /// configparser's `InterpolationDepthError`, word for word.
    #[error(
        "Recursion limit exceeded in value substitution: option '{option}' in section '{section}' contains an interpolation key which cannot be substituted in 10 steps. Raw value: '{raw}'"
    )]
    InterpolationDepth { section: String, option: String, raw: String },
    /// Beyond configparser, which would run out of memory or time.
    #[error(
        "Interpolation too large: option '{option}' in section '{section}' expands to more than 1 MiB or through more than 100000 substitutions. Raw value: '{raw}'"
    )]
    InterpolationTooLarge { section: String, option: String, raw: String },
}

/// What one `get` may still spend.
struct Budget {
    substitutions: usize,
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
                    if let Some(value) = entries.get_mut(key) {
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
                    ini.sections.get_mut(section).expect("section exists").set(key.clone(), value);
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
        let lookup = |s: &str| self.sections.get(s)?.get(&key);
        lookup(section).or_else(|| lookup("DEFAULT"))
    }

    /// The value with `%(name)s` interpolated from the same section, `DEFAULT`, and `here`;
    /// `%%` is a literal percent sign. As configparser's `BasicInterpolation`: depth first,
    /// at most 10 levels (`InterpolationDepthError`), errors naming the option asked for.
    pub fn get(&self, section: &str, key: &str) -> Result<Option<String>, ConfigError> {
        let Some(raw) = self.raw(section, key) else { return Ok(None) };
        let mut out = String::with_capacity(raw.len());
        let mut budget = Budget { substitutions: MAX_SUBSTITUTIONS };
        let asked = (section, key.to_lowercase(), raw);
        self.interpolate(&asked, raw, 1, &mut out, &mut budget)?;
        Ok(Some(out))
    }

    /// configparser's `_interpolate_some`: `asked` is the option `get` was called for.
    fn interpolate(
        &self,
        asked: &(&str, String, &str),
        raw: &str,
        depth: usize,
        out: &mut String,
        budget: &mut Budget,
    ) -> Result<(), ConfigError> {
        let (section, option, asked_raw) = asked;
        if depth > MAX_INTERPOLATION_DEPTH {
            return Err(ConfigError::InterpolationDepth {
                section: section.to_string(),
                option: option.clone(),
                raw: asked_raw.to_string(),
            });
        }
        let too_large =
            || ConfigError::InterpolationTooLarge { section: section.to_string(), option: option.clone(), raw: asked_raw.to_string() };
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
                budget.substitutions = budget.substitutions.checked_sub(1).ok_or_else(too_large)?;
                match self.raw(section, &name) {
                    Some(v) if v.contains('%') => self.interpolate(asked, v, depth + 1, out, budget)?,
                    Some(v) => out.push_str(v),
                    None if name == "here" => out.push_str(&self.here),
                    None => {
                        return Err(ConfigError::Interpolation {
                            section: section.to_string(),
                            option: option.clone(),
                            name,
                            raw: asked_raw.to_string(),
                        })
                    }
                }
            } else {
                out.push('%');
                rest = &rest[1..];
            }
            if out.len() > MAX_INTERPOLATED_BYTES {
                return Err(too_large());
            }
        }
        out.push_str(rest);
        if out.len() > MAX_INTERPOLATED_BYTES {
            return Err(too_large());
        }
        Ok(())
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

    /// Ten levels of `%(next)s%(next)s`: configparser's depth limit, checked with the venv's
    /// Python (`configparser.ConfigParser().read(...)`, `get('alembic', 'a')`).
    fn chain(levels: usize, fan_out: usize) -> String {
        let mut text = String::from("[alembic]\n");
        for i in 0..levels {
            text.push_str(&format!("k{i} = {}\n", format!("%(k{})s", i + 1).repeat(fan_out)));
        }
        text.push_str(&format!("k{levels} = x\n"));
        text
    }

    #[test]
    fn interpolation_depth_is_configparsers() {
        // k0 → k1 → … → k9 interpolate at depths 1…10; k10 = x is plain: allowed.
        let ini = IniFile::parse("a.ini", &chain(10, 2), "/p").unwrap();
        assert_eq!(ini.get("alembic", "k0").unwrap().unwrap().len(), 1024);
        // One more level is configparser's InterpolationDepthError, naming the option asked for.
        let ini = IniFile::parse("a.ini", &chain(11, 2), "/p").unwrap();
        assert_eq!(
            ini.get("alembic", "k0").unwrap_err().to_string(),
            "Recursion limit exceeded in value substitution: option 'k0' in section 'alembic' contains an interpolation key \
             which cannot be substituted in 10 steps. Raw value: '%(k1)s%(k1)s'"
        );
        assert_eq!(ini.get("alembic", "k1").unwrap().unwrap().len(), 1024);
        // A self-reference, and an exponential chain hundreds of levels deep, fail at once.
        let ini = IniFile::parse("a.ini", "[alembic]\na = %(a)s\n", "/p").unwrap();
        assert!(matches!(ini.get("alembic", "a"), Err(ConfigError::InterpolationDepth { .. })));
        let ini = IniFile::parse("a.ini", &chain(500, 2), "/p").unwrap();
        assert!(matches!(ini.get("alembic", "k0"), Err(ConfigError::InterpolationDepth { .. })));
        // configparser's message for a missing key.
        let ini = IniFile::parse("a.ini", "[alembic]\nx = %(nope)s and 100%%\n", "/p").unwrap();
        assert_eq!(
            ini.get("alembic", "x").unwrap_err().to_string(),
            "Bad value substitution: option 'x' in section 'alembic' contains an interpolation key 'nope' which is not a valid option name. \
             Raw value: '%(nope)s and 100%%'"
        );
    }

    #[test]
    fn interpolation_within_the_depth_is_bounded() {
        // 10 levels of 100 references: 100^10 bytes for configparser (it never finishes).
        let ini = IniFile::parse("a.ini", &chain(10, 100), "/p").unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(ini.get("alembic", "k0"), Err(ConfigError::InterpolationTooLarge { .. })));
        // The same width expanding to nothing: bounded by the number of substitutions.
        let ini = IniFile::parse("a.ini", &chain(10, 100).replace("k10 = x", "k10 ="), "/p").unwrap();
        assert!(matches!(ini.get("alembic", "k0"), Err(ConfigError::InterpolationTooLarge { .. })));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn many_keys_are_linear() {
        let n = 50_000;
        let mut text = String::from("[alembic]\n");
        for i in 0..n {
            text.push_str(&format!("key{i} = value {i}\n    more {i}\n"));
        }
        text.push_str("key7 = again\n");
        let started = std::time::Instant::now();
        let ini = IniFile::parse("a.ini", &text, "/p").unwrap();
        for i in (0..n).step_by(97) {
            let want = if i == 7 { "again".to_string() } else { format!("value {i}\nmore {i}") };
            assert_eq!(ini.get("alembic", &format!("key{i}")).unwrap().unwrap(), want);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    }
}
