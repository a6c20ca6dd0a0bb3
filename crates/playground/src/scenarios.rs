//! Projects bundled with the page (web/build.rs packs every `migrations/*` project): the
//! catalogue the scenario picker lists. The layer does not bundle them itself; the page hands
//! its table to the workspace, and tests build one from `migrations/` on disk.

/// One bundled Alembic project: its README as HTML, and its files (alembic.ini, env.py,
/// script.py.mako, revision files) packed by the share codec (`share::to_packed`).
#[derive(Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: &'static str,
    /// `README.md` rendered by `markdown::to_html` (when the page is built, by web/build.rs).
    pub readme_html: &'static str,
    pub packed: &'static [u8],
}

impl Scenario {
    /// The project's files as `(path, text)`.
    pub fn files(&self) -> Vec<(String, String)> {
        share::from_packed(self.packed, &share::Limits::FILE).map(|s| s.files).unwrap_or_default()
    }
}

/// The bundled projects, in the picker's order.
pub type Catalogue = &'static [Scenario];

/// The scenario the page opens with.
pub const DEFAULT: &str = "blog";

pub fn find(catalogue: Catalogue, name: &str) -> Option<&'static Scenario> {
    catalogue.iter().find(|s| s.name == name)
}

/// The named scenario, else the default, else the first bundled one (`None` only for an empty
/// catalogue).
pub fn find_or_default(catalogue: Catalogue, name: &str) -> Option<&'static Scenario> {
    find(catalogue, name).or_else(|| find(catalogue, DEFAULT)).or(catalogue.first())
}

/// The projects of `migrations/`, packed as web/build.rs packs them: the catalogue the tests
/// of this crate (and its dependants') open.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_migrations_dir() -> Catalogue {
    use std::sync::OnceLock;
    static CATALOGUE: OnceLock<Vec<Scenario>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
        let mut names: Vec<String> = std::fs::read_dir(&root)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        sorting::sort(&mut names);
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        names
            .into_iter()
            .filter_map(|name| {
                let project = root.join(&name);
                let versions = project.join("alembic/versions");
                let mut files = Vec::new();
                for path in ["alembic.ini", "alembic/env.py", "alembic/script.py.mako"] {
                    files.push((path.to_string(), std::fs::read_to_string(project.join(path)).ok()?));
                }
                let mut revisions: Vec<String> = std::fs::read_dir(&versions)
                    .ok()?
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|f| f.ends_with(".py"))
                    .collect();
                sorting::sort(&mut revisions);
                for file in revisions {
                    files.push((format!("alembic/versions/{file}"), std::fs::read_to_string(versions.join(&file)).ok()?));
                }
                let packed = share::to_packed(&share::Scenario { name: name.clone(), files, database: None, steps: Vec::new() });
                let readme = std::fs::read_to_string(project.join("README.md")).unwrap_or_default();
                Some(Scenario {
                    name: leak(name),
                    readme_html: leak(crate::markdown::to_html(&readme)),
                    packed: Box::leak(packed.into_boxed_slice()),
                })
            })
            .collect()
    })
}

/// A project of `migrations/` by name (tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled(name: &str) -> Option<&'static Scenario> {
    find(from_migrations_dir(), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_holds_every_project_and_falls_back_to_the_blog() {
        let catalogue = from_migrations_dir();
        let names: Vec<&str> = catalogue.iter().map(|s| s.name).collect();
        for expected in ["blog", "blog_plain_alter", "fail_halfway", "labels_depends_on", "no_downgrade", "team_branches"] {
            assert!(names.contains(&expected), "{expected} missing from {names:?}");
        }
        assert_eq!(find_or_default(catalogue, "nope").map(|s| s.name), Some("blog"));
        assert_eq!(find_or_default(&[], "blog"), None);
        let blog = find(catalogue, "blog").unwrap();
        assert_eq!(blog.files().len(), 7);
        assert!(blog.readme_html.starts_with("<h3>blog: "), "{}", blog.readme_html);
    }
}
