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
        let mut scripts = Vec::new();
        for files in &source.locations {
            let mut files: Vec<(&str, &(String, String))> = files
                .iter()
                .map(|f| (file_name(&f.0), f))
                .filter(|(name, _)| is_revision_file_name(name))
                .collect();
            files.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (_, (path, text)) in files {
                scripts.push(load_script(path, text)?);
            }
        }
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

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
