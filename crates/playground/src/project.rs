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
        let script_location = self.resolve(&config.script_location, |dir| self.holds_scripts(dir));
        // The engine's default `<script_location>/versions` follows the resolved folder.
        let default = format!("{}/versions", config.script_location.trim_end_matches('/'));
        let versions = match config.version_locations.first() {
            Some(v) if *v != default => self.resolve(v, |dir| self.holds_files(dir)),
            _ => join(&script_location, "versions"),
        };
        Layout { script_location, versions, recursive: config.recursive_version_locations }
    }

    /// `script_location` when alembic.ini gives an absolute path (`alembic init` run from
    /// another folder writes one, e.g. `/home/ana/blog/alembic`), with the project's folder
    /// used for it: `None` when no folder of the project ends like it.
    pub fn absolute_script_location(&self) -> Option<(String, Option<String>)> {
        let ini = IniFile::parse("alembic.ini", self.file("alembic.ini")?, ".").ok()?;
        let path = ProjectConfig::from_ini("alembic.ini", &ini, "alembic").ok()?.script_location;
        is_absolute(&path).then(|| {
            let found = self.in_project(&path, |dir| self.holds_scripts(dir));
            (path, found)
        })
    }

    /// A path of alembic.ini relative to the project root. An absolute one names a folder on
    /// the machine that wrote the ini: the project's folder whose path is its longest
    /// trailing part and that `fits` stands for it.
    fn resolve(&self, path: &str, fits: impl Fn(&str) -> bool) -> String {
        let found = if is_absolute(path) { self.in_project(path, fits) } else { None };
        found.unwrap_or_else(|| relative(path))
    }

    fn in_project(&self, path: &str, fits: impl Fn(&str) -> bool) -> Option<String> {
        let normal = path.trim().replace('\\', "/");
        let parts: Vec<&str> = normal.split('/').filter(|p| !p.is_empty() && *p != "." && !p.ends_with(':')).collect();
        (0..parts.len()).map(|start| parts[start..].join("/")).find(|dir| fits(dir))
    }

    /// `env.py` or a `versions/` folder: what makes a folder a script location.
    fn holds_scripts(&self, dir: &str) -> bool {
        self.file(&join(dir, "env.py")).is_some() || self.holds_files(&join(dir, "versions"))
    }

    fn holds_files(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        self.files.iter().any(|(p, _)| p.starts_with(&prefix))
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

/// `/home/ana/blog/alembic`, `\\server\share\blog`, `C:\blog\alembic` or `C:/blog/alembic`.
fn is_absolute(path: &str) -> bool {
    let b = path.trim().as_bytes();
    matches!(b.first(), Some(b'/' | b'\\')) || matches!(b, [drive, b':', b'/' | b'\\', ..] if drive.is_ascii_alphabetic())
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
