//! A project folder through the page's import and export, natively: the zip the page's
//! "Export project (.zip)" would download after importing that folder, and the lines it would
//! show about what it changed. `tests/tools/export_with_alembic.py` runs real Alembic on it.
//!
//! usage: cargo run -p playground --example export_project -- FOLDER OUT.zip

use std::path::{Path, PathBuf};

use playground::import::{import, Imported};
use playground::project::Project;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, out] = args.as_slice() else { return Err("usage: export_project FOLDER OUT.zip".into()) };
    let root = Path::new(folder);
    let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut picked = Vec::new();
    read_folder(root, &PathBuf::from(&name), &mut picked)?;
    let Imported::Project { project, left_out } = import(picked, &Project::default())? else {
        return Err(format!("{folder}: not a project folder"));
    };
    for path in left_out {
        eprintln!("left out: {path}");
    }
    let export = playground::export::project_zip(&project.name, &project.files)?;
    std::fs::write(out, &export.zip).map_err(|e| format!("{out}: {e}"))?;
    for change in export.changes {
        println!("{change}");
    }
    Ok(())
}

/// Every file under `dir`, as a picked folder gives them: paths inside the folder's name.
fn read_folder(dir: &Path, as_path: &Path, into: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = as_path.join(entry.file_name());
        if entry.path().is_dir() {
            read_folder(&entry.path(), &path, into)?;
        } else {
            let bytes = std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
            into.push((path.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
    Ok(())
}
