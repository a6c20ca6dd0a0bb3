//! The page's clock and randomness: the applied record's time, `Create Date:` and new
//! revision ids. In the browser they come from JavaScript (`Date`, `Math.random`); natively
//! (the unit tests) from the system clock and a counter, so the engine itself reads no clock.

use std::cell::Cell;

/// Now in UTC as `YYYY-MM-DDTHH:MM:SS.mmmZ` (JavaScript's `toISOString`).
pub fn now_iso() -> String {
    iso_from_millis(now_ms())
}

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

/// `2024-03-01T09:00:00.000Z` for milliseconds since the epoch.
pub fn iso_from_millis(ms: i64) -> String {
    engine::runtime::applied::utc_iso(ms, true)
}

/// Alembic's `Create Date:` layout (`datetime.now()`): `2024-03-01 09:00:00.000000`.
pub fn create_date(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or("");
    let time = iso.get(11..19).unwrap_or("");
    let millis = iso.get(20..23).unwrap_or("000");
    format!("{date} {time}.{millis}000")
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
    engine::runtime::applied::script_sha256(&format!("{noise}:{n}:{}", now_iso()))[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_create_date() {
        assert_eq!(iso_from_millis(1_709_283_600_123), "2024-03-01T09:00:00.123Z");
        assert_eq!(create_date("2024-03-01T09:00:00.123Z"), "2024-03-01 09:00:00.123000");
    }

    #[test]
    fn ids_are_twelve_hex_digits_and_differ() {
        let (a, b) = (new_revision_id(), new_revision_id());
        assert_eq!(a.len(), 12);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
