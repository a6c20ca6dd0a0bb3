//! The page's clock and randomness: when a command ran (the applied record's time, a new
//! revision's `Create Date:`) and new revision ids. In the browser they come from JavaScript
//! (`Date`, `Math.random`); natively from the system clock and a counter. The application
//! layer reads neither: the page puts these values into its actions.

use std::cell::Cell;

/// Milliseconds since the Unix epoch, from the browser's clock in the page.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        d.as_millis() as i64
    }
}

thread_local! {
    static COUNTER: Cell<u64> = const { Cell::new(0) };
}

/// A fresh 12-hex-digit revision id, as Alembic's `uuid.uuid4().hex[-12:]`.
pub fn new_revision_id() -> String {
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    #[cfg(target_arch = "wasm32")]
    let noise = js_sys::Math::random().to_bits();
    #[cfg(not(target_arch = "wasm32"))]
    let noise = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    engine::runtime::applied::script_sha256(&format!("{noise}:{n}:{}", now_ms()))[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_twelve_hex_digits_and_differ() {
        let (a, b) = (new_revision_id(), new_revision_id());
        assert_eq!(a.len(), 12);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
