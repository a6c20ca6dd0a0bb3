//! A project's configuration: `alembic.ini` (`script_location`, `version_locations`,
//! `sqlalchemy.url`) and the options read from `env.py`.

use crate::config::{ConfigError, IniFile};
use crate::env_py::EnvOptions;

/// What the engine needs from `alembic.ini`, already interpolated.
#[derive(Clone, Debug)]
pub struct ProjectConfig {
    pub script_location: String,
    /// Where revision files live; `<script_location>/versions` unless configured.
    pub version_locations: Vec<String>,
    /// `recursive_version_locations = true`: subdirectories hold revision files too.
    pub recursive_version_locations: bool,
    pub sqlalchemy_url: Option<String>,
    /// `prepend_sys_path` (Alembic's template writes `.`): where the project's own modules
    /// are imported from; `["."]` when absent. Relative to the working directory.
    pub prepend_sys_path: Vec<String>,
    pub env: EnvOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Alembic's own messages.
    #[error("No config file '{0}' found, or file has no '[{1}]' section")]
    NoSection(String, String),
    #[error("No 'script_location' key found in configuration.")]
    NoScriptLocation,
    /// Alembic raises this as a ValueError.
    #[error("{0}")]
    Separator(String),
}

impl ProjectConfig {
    /// `section` is the ini section (`alembic` unless `-n` names another). Relative paths are
    /// left for the caller to resolve against its working directory, as Alembic does.
    pub fn from_ini(ini_path: &str, ini: &IniFile, section: &str) -> Result<ProjectConfig, ProjectError> {
        if !ini.has_section(section) {
            return Err(ProjectError::NoSection(ini_path.to_string(), section.to_string()));
        }
        let script_location = ini.get(section, "script_location")?.ok_or(ProjectError::NoScriptLocation)?;
        let separator = match ini.get(section, "path_separator")? {
            Some(s) => Some(("path_separator", s)),
            None => ini.get(section, "version_path_separator")?.map(|s| ("version_path_separator", s)),
        };
        let version_locations = match ini.get(section, "version_locations")?.filter(|v| !v.is_empty()) {
            Some(raw) => split_locations(&raw, separator.as_ref().map(|(n, s)| (*n, s.as_str())))?,
            None => vec![format!("{}/versions", script_location.trim_end_matches('/'))],
        };
        let recursive = ini.get(section, "recursive_version_locations")?.is_some_and(|v| is_true(&v));
        Ok(ProjectConfig {
            script_location,
            version_locations,
            recursive_version_locations: recursive,
            sqlalchemy_url: ini.get(section, "sqlalchemy.url")?,
            prepend_sys_path: match ini.get(section, "prepend_sys_path")? {
                // Alembic splits on the path separator, or (legacy) on spaces and commas.
                Some(raw) => raw.split([' ', ',', ':', ';', '\n']).filter(|p| !p.is_empty()).map(String::from).collect(),
                None => vec![".".to_string()],
            },
            env: EnvOptions::default(),
        })
    }
}

/// Alembic's `path_separator` (or the deprecated `version_path_separator`) setting; without
/// it, Alembic's legacy split on commas and spaces (`, *| +`).
fn split_locations(raw: &str, separator: Option<(&str, &str)>) -> Result<Vec<String>, ProjectError> {
    let parts: Vec<&str> = match separator {
        None => raw.split(',').flat_map(|p| p.split(' ')).collect(),
        Some((name, value)) => {
            let sep = match value {
                "space" => " ",
                "newline" => "\n",
                "os" | ":" => ":",
                ";" => ";",
                other => {
                    return Err(ProjectError::Separator(format!(
                        "'{other}' is not a valid value for {name}; expected 'space', 'newline', 'os', ':', ';'"
                    )))
                }
            };
            raw.split(sep).collect()
        }
    };
    Ok(parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect())
}

/// configparser's booleans.
fn is_true(value: &str) -> bool {
    matches!(value.trim().to_lowercase().as_str(), "1" | "yes" | "true" | "on")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_configured_version_locations() {
        let ini = IniFile::parse("a.ini", "[alembic]\nscript_location = %(here)s/m\n", "/p").unwrap();
        let config = ProjectConfig::from_ini("a.ini", &ini, "alembic").unwrap();
        assert_eq!(config.version_locations, ["/p/m/versions"]);
        let ini = IniFile::parse("a.ini", "[alembic]\nscript_location = m\nversion_locations = a b,c\n", "/p").unwrap();
        assert_eq!(ProjectConfig::from_ini("a.ini", &ini, "alembic").unwrap().version_locations, ["a", "b", "c"]);
        let ini = IniFile::parse(
            "a.ini",
            "[alembic]\nscript_location = m\nversion_locations = a b:c\nversion_path_separator = os\nrecursive_version_locations = true\n",
            "/p",
        )
        .unwrap();
        let config = ProjectConfig::from_ini("a.ini", &ini, "alembic").unwrap();
        assert_eq!(config.version_locations, ["a b", "c"]);
        assert!(config.recursive_version_locations);
        let ini = IniFile::parse("a.ini", "[alembic]\nscript_location = m\nversion_locations = a\npath_separator = comma\n", "/p").unwrap();
        assert!(ProjectConfig::from_ini("a.ini", &ini, "alembic")
            .unwrap_err()
            .to_string()
            .starts_with("'comma' is not a valid value for path_separator"));
        let ini = IniFile::parse("a.ini", "[other]\nx = 1\n", "/p").unwrap();
        assert_eq!(
            ProjectConfig::from_ini("a.ini", &ini, "alembic").unwrap_err().to_string(),
            "No config file 'a.ini' found, or file has no '[alembic]' section"
        );
    }
}
