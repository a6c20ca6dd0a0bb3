//! Unix time ↔ the proleptic Gregorian calendar (Howard Hinnant's algorithms), and the one
//! UTC timestamp layout the engine writes. No clock: callers pass the time in.

/// Days since 1970-01-01 for year, month (1–12), day (1–31).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1–12, day 1–31) of `z` days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DDTHH:MM:SSZ` (or `...SS.mmmZ` with `millis`) in UTC for milliseconds since the
/// Unix epoch.
pub fn utc_iso(unix_millis: i64, millis: bool) -> String {
    let (secs, ms) = (unix_millis.div_euclid(1000), unix_millis.rem_euclid(1000));
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let fraction = if millis { format!(".{ms:03}") } else { String::new() };
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{fraction}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_iso_formats_with_and_without_millis() {
        assert_eq!(utc_iso(1_709_283_600_123, true), "2024-03-01T09:00:00.123Z");
        assert_eq!(utc_iso(1_709_283_600_123, false), "2024-03-01T09:00:00Z");
        assert_eq!(utc_iso(0, false), "1970-01-01T00:00:00Z");
        assert_eq!(utc_iso(951_782_400_000, false), "2000-02-29T00:00:00Z");
        assert_eq!(utc_iso(-1, true), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn days_round_trip() {
        for days in [-719_468 - 1, -1, 0, 1, 11_016, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }
}
