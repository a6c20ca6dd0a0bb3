//! The Alembic project the page works on, owned: a bundled scenario, an import or a shared
//! link all become one of these. Paths are relative to the project root, as `alembic` sees
//! them when run there (`alembic.ini`, `alembic/env.py`, `alembic/versions/x.py`).

use engine::config::IniFile;
use engine::project::ProjectConfig;
use engine::script::is_revision_file_name;

use crate::scenarios::Scenario;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    pub name: String,
    /// Every text file of the project as it was opened (edits live in the session).
    pub files: Vec<(String, String)>,
    /// A SQLite database file to start from (an import); `None`: an empty database.
    pub database: Option<Vec<u8>>,
}

/// Where the project keeps `env.py` and its revision files, read from `alembic.ini`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub script_location: String,
    pub versions: String,
    pub recursive: bool,
}

impl Project {
    pub fn bundled(s: &Scenario) -> Project {
        Project { name: s.name.to_string(), files: s.files(), database: None }
    }

    /// The project and `steps` as the share codec carries them.
    pub fn scenario(&self, steps: Vec<share::Step>) -> share::Scenario {
        share::Scenario { name: self.name.clone(), files: self.files.clone(), database: self.database.clone(), steps }
    }

    pub fn file(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
    }

    /// `script_location` and the versions directory from `alembic.ini`, read by the engine's
    /// configparser (`%(here)s` is the project root); Alembic's `alembic init` layout when the
    /// ini is missing or does not say.
    pub fn layout(&self) -> Layout {
        let config = self
            .file("alembic.ini")
            .and_then(|text| IniFile::parse("alembic.ini", text, ".").ok())
            .and_then(|ini| ProjectConfig::from_ini("alembic.ini", &ini, "alembic").ok());
        let Some(config) = config else {
            return Layout { script_location: "alembic".into(), versions: "alembic/versions".into(), recursive: false };
        };
        let script_location = relative(&config.script_location);
        let versions = config.version_locations.first().map_or_else(|| join(&script_location, "versions"), |v| relative(v));
        Layout { script_location, versions, recursive: config.recursive_version_locations }
    }

    /// The revision files, as the engine loads them.
    pub fn revision_files(&self) -> Vec<(String, String)> {
        let layout = self.layout();
        self.files.iter().filter(|(p, _)| layout.holds_revision(p)).cloned().collect()
    }

    /// Every file that is not a revision file (alembic.ini, env.py, script.py.mako, ...).
    pub fn other_files(&self) -> Vec<(String, String)> {
        let layout = self.layout();
        self.files.iter().filter(|(p, _)| !layout.holds_revision(p)).cloned().collect()
    }

    pub fn env_py(&self) -> Option<(String, &str)> {
        let path = join(&self.layout().script_location, "env.py");
        self.file(&path).map(|t| (path, t))
    }
}

impl Layout {
    pub fn holds_revision(&self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix(&self.versions).and_then(|r| r.strip_prefix('/')) else { return false };
        let name = rest.rsplit('/').next().unwrap_or(rest);
        is_revision_file_name(name) && (self.recursive || !rest.contains('/'))
    }
}

/// `./alembic` (`%(here)s/alembic` with the root as `.`) is `alembic` relative to the root.
fn relative(path: &str) -> String {
    let p = path.trim().trim_end_matches('/');
    p.strip_prefix("./").unwrap_or(p).trim_start_matches('/').to_string()
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::bundled as find;

    #[test]
    fn a_bundled_project_has_its_ini_env_and_template() {
        let p = Project::bundled(find("blog").unwrap());
        assert_eq!(p.layout(), Layout { script_location: "alembic".into(), versions: "alembic/versions".into(), recursive: false });
        assert_eq!(p.revision_files().len(), 4);
        let others: Vec<String> = p.other_files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(others, ["alembic.ini", "alembic/env.py", "alembic/script.py.mako"]);
        assert!(p.env_py().unwrap().1.contains("context.configure"));
    }

    #[test]
    fn the_ini_decides_where_revisions_live() {
        let ini = "[alembic]\n# script_location = nope\nscript_location = %(here)s/db\nversion_locations = %(here)s/db/revs %(here)s/other\n[x]\nscript_location = no\n";
        let p = Project {
            name: "x".into(),
            files: vec![
                ("alembic.ini".into(), ini.into()),
                ("db/env.py".into(), "".into()),
                ("db/revs/a.py".into(), "".into()),
                ("db/revs/__init__.py".into(), "".into()),
                ("db/revs/sub/b.py".into(), "".into()),
                ("db/versions/c.py".into(), "".into()),
            ],
            database: None,
        };
        let revs: Vec<String> = p.revision_files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(revs, ["db/revs/a.py"]);
        assert_eq!(p.env_py().unwrap().0, "db/env.py");
    }
}
