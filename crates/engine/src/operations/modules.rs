//! The project's own Python modules, for the imports of revision files: `.py` files the
//! caller passes as `(path, text)` with the `sys.path` roots they live under (the ini's
//! `prepend_sys_path`). pylite resolves `pkg.sub` through [`ProjectModules::find`] and runs
//! the file once per migration run.

use std::collections::HashMap;
use std::rc::Rc;

use pylite::eval::modules::{Found, ModuleSource};

/// The project's `.py` files under its import roots.
#[derive(Clone, Debug, Default)]
pub struct ProjectModules {
    /// Each root as a path prefix (`""` for `.`, else `dir/`), in `sys.path` order.
    roots: Vec<String>,
    files: Rc<HashMap<String, Rc<str>>>,
}

/// `./a/b/` → `a/b/`, `.` → ``: how a root prefixes its files' paths.
fn prefix(root: &str) -> String {
    let mut r = root.trim_end_matches('/');
    while let Some(rest) = r.strip_prefix("./") {
        r = rest;
    }
    if r.is_empty() || r == "." {
        String::new()
    } else {
        format!("{r}/")
    }
}

fn normal(path: &str) -> String {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

impl ProjectModules {
    /// `roots`: the ini's `prepend_sys_path` entries; `files`: `.py` files with paths as the
    /// roots name them (`pkg/x.py` under `.`, `src/pkg/x.py` under `src`).
    pub fn new(roots: &[String], files: impl IntoIterator<Item = (String, String)>) -> ProjectModules {
        let files = files.into_iter().filter(|(p, _)| p.ends_with(".py")).map(|(p, t)| (normal(&p), Rc::from(t))).collect();
        ProjectModules { roots: roots.iter().map(|r| prefix(r)).collect(), files: Rc::new(files) }
    }

    /// `pkg.sub`: `pkg/sub.py` or `pkg/sub/__init__.py` under the first root that has one;
    /// else a directory holding `.py` files is a namespace package.
    pub fn find(&self, module: &str) -> Option<Found> {
        if module.split('.').any(|p| p.is_empty()) {
            return None;
        }
        let rel = module.replace('.', "/");
        for root in &self.roots {
            for (path, package) in [(format!("{root}{rel}/__init__.py"), true), (format!("{root}{rel}.py"), false)] {
                if let Some(text) = self.files.get(&path) {
                    return Some(Found::File(ModuleSource { path, text: text.clone(), package }));
                }
            }
        }
        let dirs: Vec<String> = self.roots.iter().map(|r| format!("{r}{rel}/")).collect();
        self.files.keys().any(|p| dirs.iter().any(|d| p.starts_with(d.as_str()))).then_some(Found::Namespace)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(found: Option<Found>) -> String {
        match found {
            Some(Found::File(s)) => format!("{} package={}", s.path, s.package),
            Some(Found::Namespace) => "namespace".into(),
            None => "none".into(),
        }
    }

    #[test]
    fn modules_resolve_under_the_roots_in_order() {
        let files = vec![
            ("./myapp/__init__.py".to_string(), String::new()),
            ("./myapp/migrations/utils.py".to_string(), "X = 1\n".to_string()),
            ("src/lib/types.py".to_string(), String::new()),
            ("notes.txt".to_string(), String::new()),
        ];
        let m = ProjectModules::new(&[".".to_string(), "src".to_string()], files);
        assert_eq!(path(m.find("myapp")), "myapp/__init__.py package=true");
        assert_eq!(path(m.find("myapp.migrations")), "namespace");
        assert_eq!(path(m.find("myapp.migrations.utils")), "myapp/migrations/utils.py package=false");
        assert_eq!(path(m.find("lib.types")), "src/lib/types.py package=false");
        assert_eq!(path(m.find("src.lib.types")), "src/lib/types.py package=false");
        assert_eq!(path(m.find("mlflow")), "none");
        assert_eq!(path(m.find("myapp..x")), "none");
    }
}
