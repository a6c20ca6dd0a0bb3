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
    pub sqlalchemy_url: Option<String>,
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
}

impl ProjectConfig {
    /// `section` is the ini section (`alembic` unless `-n` names another). Relative paths are
    /// left for the caller to resolve against its working directory, as Alembic does.
    pub fn from_ini(ini_path: &str, ini: &IniFile, section: &str) -> Result<ProjectConfig, ProjectError> {
        if !ini.has_section(section) {
            return Err(ProjectError::NoSection(ini_path.to_string(), section.to_string()));
        }
        let script_location = ini.get(section, "script_location")?.ok_or(ProjectError::NoScriptLocation)?;
        let version_locations = match ini.get(section, "version_locations")? {
            Some(raw) => split_locations(&raw, ini.get(section, "path_separator")?.as_deref()),
            None => vec![format!("{}/versions", script_location.trim_end_matches('/'))],
        };
        Ok(ProjectConfig {
            script_location,
            version_locations,
            sqlalchemy_url: ini.get(section, "sqlalchemy.url")?,
            env: EnvOptions::default(),
        })
    }
}

/// Alembic's `path_separator` setting; without it, the legacy split on spaces and commas.
fn split_locations(raw: &str, separator: Option<&str>) -> Vec<String> {
    let parts: Vec<&str> = match separator {
        Some("os") | Some(":") => raw.split(':').collect(),
        Some("newline") => raw.lines().collect(),
        Some("space") => raw.split_whitespace().collect(),
        Some("comma") | Some(",") => raw.split(',').collect(),
        Some(";") => raw.split(';').collect(),
        _ => raw.split([' ', ',', '\n']).collect(),
    };
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect()
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
        let ini = IniFile::parse("a.ini", "[other]\nx = 1\n", "/p").unwrap();
        assert_eq!(
            ProjectConfig::from_ini("a.ini", &ini, "alembic").unwrap_err().to_string(),
            "No config file 'a.ini' found, or file has no '[alembic]' section"
        );
    }
}
