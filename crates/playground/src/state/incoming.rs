//! What comes into the workspace from outside: share links, scenario files and imported
//! projects or databases. Anything that cannot be opened leaves the workspace as it was and
//! says why.

use share::Limits;

use super::{Loaded, Origin, Workspace};
use crate::import::Imported;
use crate::project::Project;

/// Longer links are offered as a scenario file instead: chat apps, mail clients and some
/// servers cut or refuse URLs past a few thousand characters.
pub const MAX_LINK: usize = 8_000;

impl Workspace {
    pub(super) fn open_link(self, fragment: &str) -> Workspace {
        self.open_scenario(fragment, &Limits::LINK, "This link could not be opened", Origin::Link)
    }

    /// Opens a link or a scenario file as a new workspace beside the others.
    fn open_scenario(mut self, text: &str, limits: &Limits, what: &str, origin: Origin) -> Workspace {
        match share::from_link(text, limits) {
            Ok(s) => {
                let name = s.name.clone();
                let opened = Workspace::replay(self.catalogue, Loaded::from_scenario(s));
                self.add(&name, origin, opened)
            }
            Err(e) => {
                self.notice = Some(format!("{what}: {e}. Nothing was changed."));
                self
            }
        }
    }

    pub(super) fn import(mut self, imported: Result<Imported, String>) -> Workspace {
        // What can be imported can be saved and reopened: the rest is refused now.
        let imported = imported.and_then(|i| match &i {
            Imported::Project { project, .. } => crate::persist::survives_reload(project).map(|_| i),
            Imported::Database { bytes, .. } => {
                crate::persist::survives_reload(&Project { database: Some(bytes.clone()), ..(*self.project).clone() }).map(|_| i)
            }
            Imported::Scenario(_) => Ok(i),
        });
        let mut said = Vec::new();
        let (name, opened) = match imported {
            Ok(Imported::Project { project, left_out }) => {
                if let Some(first) = left_out.first() {
                    let more = if left_out.len() > 1 { format!(" and {} more", left_out.len() - 1) } else { String::new() };
                    said.push(format!(
                        "{first}{more} left out: not text, and the page keeps text files only (an export will not have them)."
                    ));
                }
                (project.name.clone(), Workspace::start(self.catalogue, project))
            }
            Ok(Imported::Scenario(text)) => {
                return self.open_scenario(&text, &Limits::FILE, "This scenario file could not be opened", Origin::Imported)
            }
            Ok(Imported::Database { name, bytes }) => {
                let label = format!("{} on {name}", self.project.name);
                let project = Project { database: Some(bytes), ..(*self.project).clone() };
                let mut ws = Workspace::start(self.catalogue, project);
                if ws.error.is_some() {
                    ws.error = Some(format!("{name}: {}", ws.error.unwrap_or_default()));
                }
                (label, ws)
            }
            Err(e) => {
                self.notice = Some(format!("The import failed: {e}. Nothing was changed."));
                return self;
            }
        };
        // A project whose database cannot be opened is refused: keep what was here.
        match opened.error {
            Some(e) => {
                self.notice = Some(format!("The import failed: {e}. Nothing was changed."));
                self
            }
            None => {
                let mut ws = self.add(&name, Origin::Imported, opened);
                // An absolute script_location is kept as written; say which folder stands for it.
                if let Some((path, Some(found))) = ws.project.absolute_script_location() {
                    said.insert(0, format!("script_location {path} is absolute: using {found}/ from the import."));
                }
                if !said.is_empty() {
                    ws.notice = Some(said.join(" "));
                }
                ws
            }
        }
    }

    pub(super) fn share(&mut self) {
        let link = share::to_link(&self.scenario());
        self.link = Some(if link.len() <= MAX_LINK { Ok(link) } else { Err(link.len()) });
    }
}
