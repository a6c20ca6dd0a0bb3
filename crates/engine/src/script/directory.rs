//! `ScriptDirectory`: every revision script of a project, in load order, and their graph.

use std::collections::HashMap;

use revision::{Revision, RevisionError, RevisionMap};

use super::revision_file::{is_revision_file_name, load_script, Script, ScriptError};

/// The revision files of a project, as `(path, text)` pairs: the engine reads no files itself.
#[derive(Clone, Debug, Default)]
pub struct ScriptSource {
    /// One entry per version location, in configured order; each lists its files.
    pub locations: Vec<Vec<(String, String)>>,
}

impl ScriptSource {
    pub fn single(files: Vec<(String, String)>) -> ScriptSource {
        ScriptSource { locations: vec![files] }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Script(#[from] ScriptError),
    #[error(transparent)]
    Graph(#[from] RevisionError),
}

/// Scripts in Alembic's load order (file names sorted within each version location) and
/// the `RevisionMap` built from them.
#[derive(Debug)]
pub struct ScriptDirectory {
    scripts: Vec<Script>,
    /// Revision id → index in `scripts`; the later file wins for duplicate ids, as in Alembic.
    by_id: HashMap<String, usize>,
    map: RevisionMap,
}

impl ScriptDirectory {
    pub fn load(source: &ScriptSource) -> Result<ScriptDirectory, LoadError> {
        let mut ordered: Vec<&(String, String)> = Vec::new();
        for files in &source.locations {
            let mut files: Vec<(&str, &(String, String))> =
                files.iter().map(|f| (file_name(&f.0), f)).filter(|(name, _)| is_revision_file_name(name)).collect();
            sorting::sort_by(&mut files, |a, b| a.0.cmp(b.0));
            ordered.extend(files.into_iter().map(|(_, f)| f));
        }
        let scripts = load_all(&ordered)?;
        Self::from_scripts(scripts)
    }

    pub fn from_scripts(scripts: Vec<Script>) -> Result<ScriptDirectory, LoadError> {
        let revisions = scripts
            .iter()
            .map(|s| Revision {
                id: s.revision.clone(),
                down_revisions: s.down_revisions.clone(),
                branch_labels: s.branch_labels.clone(),
                depends_on: s.depends_on.clone(),
            })
            .collect();
        let map = RevisionMap::build(revisions)?;
        let by_id = scripts.iter().enumerate().map(|(i, s)| (s.revision.clone(), i)).collect();
        Ok(ScriptDirectory { scripts, by_id, map })
    }

    pub fn map(&self) -> &RevisionMap {
        &self.map
    }

    pub fn scripts(&self) -> &[Script] {
        &self.scripts
    }

    /// The script of a revision id. With duplicate ids the later file wins, as in Alembic.
    pub fn script(&self, id: &str) -> Option<&Script> {
        self.by_id.get(id).map(|&i| &self.scripts[i])
    }

    /// Warnings Alembic prints while loading (duplicate revisions).
    pub fn warnings(&self) -> &[String] {
        self.map.warnings()
    }
}

/// Parses every file; natively on all cores when there are many (the first error in load
/// order wins, as when loading one by one).
fn load_all(files: &[&(String, String)]) -> Result<Vec<Script>, ScriptError> {
    let load = |chunk: &[&(String, String)]| -> Vec<Result<Script, ScriptError>> {
        chunk.iter().map(|(path, text)| load_script(path, text)).collect()
    };
    #[cfg(not(target_arch = "wasm32"))]
    let results: Vec<Result<Script, ScriptError>> = {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        if threads > 1 && files.len() >= 256 {
            let chunk = files.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = files.chunks(chunk).map(|c| scope.spawn(move || load(c))).collect();
                handles.into_iter().flat_map(|h| h.join().expect("parser threads do not panic")).collect()
            })
        } else {
            load(files)
        }
    };
    #[cfg(target_arch = "wasm32")]
    let results = load(files);
    results.into_iter().collect()
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
