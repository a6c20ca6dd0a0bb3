//! Fuzz target: `pylite::parse` never panics, and every diagnostic span lies inside the input
//! on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let parsed = pylite::parse(src);
    for d in &parsed.errors {
        for label in &d.labels {
            let (s, e) = (label.span.start as usize, label.span.end as usize);
            assert!(s <= e && e <= src.len(), "span {s}..{e} outside input of {} bytes: {d:?}", src.len());
            assert!(src.is_char_boundary(s) && src.is_char_boundary(e), "span {s}..{e} not on char boundaries: {d:?}");
        }
        // Rendering must not panic either.
        let _ = d.render("fuzz.py", src);
    }
    let _ = pylite::dump(&parsed.module, src);
});
