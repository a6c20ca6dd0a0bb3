//! Never panic: truncated and byte-mutated versions of valid zips (ours and other tools')
//! must each give Ok or Err. Deterministic (xorshift), so a failure names a reproducible case.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use archive::{read_zip, write_zip, Entry, Limits};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut seeds: Vec<(String, Vec<u8>)> = [
        "py_stored.zip",
        "py_descriptor.zip",
        "finder.zip",
        "github.zip",
        "infozip_stream.zip",
        "windows_cp437.zip",
        "bzip2.zip",
        "zip64.zip",
        "infozip_encrypted.zip",
    ]
    .iter()
    .map(|name| (name.to_string(), std::fs::read(data.join(name)).unwrap()))
    .collect();
    let ours = write_zip(&[
        Entry::new("alembic.ini", "[alembic]\nscript_location = migrations\n".repeat(8)),
        Entry::new("migrations/versions/ünï.py", "def upgrade():\n    pass\n"),
        Entry::new("empty", ""),
    ])
    .unwrap();
    seeds.push(("ours".into(), ours));
    seeds
}

/// A value that tends to reach edge cases in a header field.
fn mutated_byte(rng: &mut XorShift, old: u8) -> u8 {
    match rng.below(6) {
        0 => 0,
        1 => 0xFF,
        2 => old ^ (1 << rng.below(8)),
        3 => old.wrapping_add(1),
        4 => old.wrapping_sub(1),
        _ => rng.next() as u8,
    }
}

fn check(case: &str, bytes: &[u8], limits: &Limits, outcomes: &mut [usize; 2]) {
    match catch_unwind(AssertUnwindSafe(|| read_zip(bytes, limits))) {
        Ok(result) => outcomes[usize::from(result.is_err())] += 1,
        Err(_) => panic!("read_zip panicked on {case}"),
    }
}

#[test]
fn truncated_and_mutated_zips_never_panic() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let small = Limits { max_entries: 6, max_total_bytes: 2000 };
    let mut outcomes = [0usize; 2]; // [ok, err]
                                    // ARCHIVE_FUZZ_ROUNDS=200000 for a longer soak by hand.
    let rounds: usize = std::env::var("ARCHIVE_FUZZ_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1500);
    for (name, zip) in seeds() {
        assert!(read_zip(&zip, &Limits::IMPORT).is_ok() || name.contains("bzip2") || name.contains("zip64") || name.contains("encrypted"));
        // Every truncation near either end, and a spread in between.
        let len = zip.len();
        let cuts = (0..len.min(64)).chain(len.saturating_sub(200)..len).chain((0..len).step_by(17));
        for cut in cuts {
            check(&format!("{name} cut to {cut}"), &zip[..cut], &Limits::IMPORT, &mut outcomes);
            check(&format!("{name} from {cut}"), &zip[cut..], &Limits::IMPORT, &mut outcomes);
        }
        // One to four bytes changed; half the time inside the headers at either end, where
        // the fields are.
        for i in 0..rounds {
            let mut bytes = zip.clone();
            for _ in 0..=rng.below(4) {
                let at = match rng.below(3) {
                    0 => rng.below(len.min(120)),
                    1 => len - 1 - rng.below(len.min(300)),
                    _ => rng.below(len),
                };
                bytes[at] = mutated_byte(&mut rng, bytes[at]);
            }
            let limits = if i % 5 == 0 { &small } else { &Limits::IMPORT };
            check(&format!("{name} mutation {i}"), &bytes, limits, &mut outcomes);
        }
        // Random insertions and deletions shift every later offset.
        for i in 0..200 {
            let mut bytes = zip.clone();
            let at = rng.below(len);
            if i % 2 == 0 {
                bytes.insert(at, rng.next() as u8);
            } else {
                bytes.remove(at);
            }
            check(&format!("{name} shift {i}"), &bytes, &Limits::IMPORT, &mut outcomes);
        }
    }
    eprintln!("ok/err: {outcomes:?}");
    // Both outcomes happen: the mutations reach past the first check.
    assert!(outcomes[0] > 100 && outcomes[1] > 1000, "{outcomes:?}");
}
