//! Alembic's `Create Date:` (`str(datetime.now())`: `2025-01-02 03:04:05.678901`) as
//! microseconds since 1970, for revision files whose dates are seconds apart.

use calendar::{civil_from_days, days_from_civil};

/// The microseconds of `YYYY-MM-DD HH:MM:SS.ffffff` exactly (anything else: None; the
/// caller checks that [`format`] gives the same text back).
pub fn parse(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 26 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s, us) = (num(11..13)?, num(14..16)?, num(17..19)?, num(20..26)?);
    let days = days_from_civil(y, mo, d);
    let value = ((days * 24 + h) * 60 + mi) * 60 + s;
    let value = value * 1_000_000 + us;
    (format(value) == text).then_some(value)
}

pub fn format(us: i64) -> String {
    let (secs, micros) = (us.div_euclid(1_000_000), us.rem_euclid(1_000_000));
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{micros:06}", sod / 3600, sod / 60 % 60, sod % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(parse("1970-01-01 00:00:00.000000"), Some(0));
        assert_eq!(parse("2000-03-01 00:00:00.000001"), Some(951_868_800_000_001));
        assert_eq!(parse("1969-12-31 23:59:59.999999"), Some(-1));
        assert_eq!(format(1_764_000_000_123_456), "2025-11-24 16:00:00.123456");
    }

    #[test]
    fn round_trips_across_calendars_edges() {
        for text in ["2024-02-29 12:00:00.500000", "1999-12-31 23:59:59.999999", "0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999"]
        {
            assert_eq!(parse(text).map(format).as_deref(), Some(text));
        }
    }

    #[test]
    fn anything_else_stays_text() {
        for text in [
            "2023-02-29 00:00:00.000000",
            "2025-01-02 03:04:05",
            "2025-1-02 03:04:05.000000",
            "2025-01-02T03:04:05.000000",
            "2025-01-02 24:00:00.000000",
            "+025-01-02 03:04:05.000000",
            "2025-01-02 03:04:05.00000é",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn any_number_formats_without_panicking() {
        for us in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
            assert!(!format(us).is_empty());
        }
    }
}
