//! The scenario taken out of the page: a zip of a real Alembic project (the files as edited,
//! in a folder named after the project) whose `alembic.ini` points at a SQLite file of the
//! same name as the database download, so real `alembic` continues where the page stopped.

/// A name safe for a file and a folder: letters, digits, `-` and `_`.
pub fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if stem.is_empty() {
        "playground".into()
    } else {
        stem
    }
}

/// The project as a zip, in a folder named after it. A file path that would unpack outside
/// that folder (`..`, absolute, a drive letter) or is too long for a file system is refused
/// by the archive writer, with the path in the message.
pub fn project_zip(name: &str, files: &[(String, String)]) -> Result<Vec<u8>, String> {
    let stem = file_stem(name);
    let entries: Vec<archive::Entry> = files
        .iter()
        .map(|(path, text)| {
            let text = if path == "alembic.ini" { with_sqlite_url(text, &stem) } else { text.clone() };
            archive::Entry { path: format!("{stem}/{path}"), data: text.into_bytes() }
        })
        .collect();
    archive::write_zip(&entries).map_err(|e| format!("cannot export the project: {e}"))
}

/// `alembic.ini` with `sqlalchemy.url` in `[alembic]` set to `<stem>.sqlite` beside it.
pub fn with_sqlite_url(ini: &str, stem: &str) -> String {
    let url = format!("sqlalchemy.url = sqlite:///%(here)s/{stem}.sqlite");
    let mut out = Vec::new();
    let (mut in_alembic, mut done) = (false, false);
    for line in ini.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            if in_alembic && !done {
                out.push(url.clone());
                done = true;
            }
            in_alembic = t == "[alembic]";
        }
        let key = t.split(['=', ':']).next().unwrap_or("").trim();
        if in_alembic && !line.starts_with([' ', '\t']) && key == "sqlalchemy.url" {
            out.push(url.clone());
            done = true;
            continue;
        }
        out.push(line.to_string());
    }
    if !done {
        if !in_alembic {
            out.push("[alembic]".into());
        }
        out.push(url);
    }
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ini_points_at_the_downloaded_database() {
        let ini = "[alembic]\nscript_location = %(here)s/alembic\nsqlalchemy.url = postgresql://x/y\n\n[loggers]\nkeys = root\n";
        assert_eq!(
            with_sqlite_url(ini, "blog"),
            "[alembic]\nscript_location = %(here)s/alembic\nsqlalchemy.url = sqlite:///%(here)s/blog.sqlite\n\n[loggers]\nkeys = root\n"
        );
        assert_eq!(
            with_sqlite_url("[alembic]\nscript_location = a\n[x]\n", "s"),
            "[alembic]\nscript_location = a\nsqlalchemy.url = sqlite:///%(here)s/s.sqlite\n[x]\n"
        );
        assert_eq!(file_stem("my app!"), "my_app_");
    }

    #[test]
    fn the_zip_holds_the_project_in_a_folder() {
        let files = vec![("alembic.ini".to_string(), "[alembic]\n".to_string()), ("alembic/versions/a.py".into(), "x".into())];
        let entries = archive::read_zip(&project_zip("blog", &files).unwrap(), &archive::Limits::IMPORT).unwrap();
        let paths: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["blog/alembic.ini", "blog/alembic/versions/a.py"]);
        assert!(String::from_utf8_lossy(&entries[0].data).contains("sqlite:///%(here)s/blog.sqlite"));
    }

    #[test]
    fn paths_that_would_unpack_outside_the_folder_are_refused() {
        let file = |path: &str| vec![("alembic.ini".to_string(), "[alembic]\n".to_string()), (path.to_string(), "x".to_string())];
        for (path, why) in [
            ("blog/../../../../outside/evil.sh", "unsafe path: it contains a \"..\" component"),
            ("..\\evil.sh", "unsafe path: it contains a \"..\" component"),
            ("a/../b.py", "unsafe path: it contains a \"..\" component"),
        ] {
            let err = project_zip("blog", &file(path)).unwrap_err();
            assert!(err.starts_with("cannot export the project: entry \"blog/"), "{path}: {err}");
            assert!(err.contains(why), "{path}: {err}");
        }
        // A 70,000-byte path, and a 300-byte file name: refused, not a panic.
        let long = "a/".repeat(35_000);
        let err = project_zip("blog", &file(&long)).unwrap_err();
        assert!(err.contains("it is longer than 4,096 bytes") && err.len() < 400, "{err}");
        let err = project_zip("blog", &file(&format!("alembic/{}.py", "n".repeat(300)))).unwrap_err();
        assert!(err.contains("longer than 255 bytes"), "{err}");
        // Redundant `.` and empty components are normalised; two names for one file are refused.
        let entries =
            archive::read_zip(&project_zip("blog", &file("alembic/./versions//a.py")).unwrap(), &archive::Limits::IMPORT).unwrap();
        assert_eq!(entries[1].path, "blog/alembic/versions/a.py");
        let mut files = file("alembic/a.py");
        files.push(("alembic//a.py".into(), "y".into()));
        assert!(project_zip("blog", &files).unwrap_err().contains("more than once"));
    }
}
