//! Golden tests over `test_data/{ok,err,unsupported}/*.py`; `UPDATE_GOLDEN=1` rewrites the goldens.

use std::fs;
use std::path::Path;

fn render_all(parsed: &pylite::Parsed, file: &str, src: &str) -> String {
    parsed.errors.iter().map(|d| d.render(file, src)).collect::<Vec<_>>().join("\n")
}

/// Runs every case in `dir`; returns the failures (empty when all match).
fn run_dir(dir: &str) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut files: Vec<_> = fs::read_dir(root.join(dir))
        .expect("test_data dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let src = fs::read_to_string(path).expect("read case");
        let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
        let parsed = pylite::parse(&src);
        let (actual, golden) = if dir == "ok" {
            if !parsed.errors.is_empty() {
                failures.push(format!("{name}: expected no errors, got:\n{}", render_all(&parsed, &name, &src)));
                continue;
            }
            (pylite::dump(&parsed.module, &src), path.with_extension("ast"))
        } else {
            if parsed.errors.is_empty() {
                failures.push(format!("{name}: expected errors, got none"));
                continue;
            }
            if dir == "unsupported" && !parsed.errors.iter().any(|d| d.code == "unsupported") {
                failures.push(format!("{name}: expected an `unsupported` diagnostic"));
            }
            (render_all(&parsed, &name, &src), path.with_extension("err"))
        };
        if update {
            fs::write(&golden, &actual).expect("write golden");
            continue;
        }
        match fs::read_to_string(&golden) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => {
                failures.push(format!("{name}: output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}", golden.display()))
            }
            Err(_) => failures.push(format!("{name}: missing golden {} (run with UPDATE_GOLDEN=1)", golden.display())),
        }
    }
    (files.len(), failures)
}

fn check(dir: &str) {
    let (count, failures) = run_dir(dir);
    assert!(count > 0, "no cases in test_data/{dir}");
    assert!(failures.is_empty(), "{} of {count} cases failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn ok_cases_parse_cleanly_and_match_their_ast() {
    check("ok");
}

#[test]
fn err_cases_match_their_diagnostics() {
    check("err");
}

#[test]
fn unsupported_cases_match_their_diagnostics() {
    check("unsupported");
}
