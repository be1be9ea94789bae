//! Date ranges for the endpoints that take `from`/`to` and answer one month at a time
//! (`GET /metrics/meetings`, `GET /report/activities`, `GET /report/operationlogs`).

use jiff::civil::Date;

/// Splits the inclusive day range `from..=to` into the windows to request it in, each within
/// Zoom's one-month limit, in order, without gaps or overlaps.
///
/// The rule: **a window never crosses a calendar-month boundary.** The range is cut at every
/// first of a month, so each window is `(max(from, first of its month), min(to, last of its
/// month))`. For example 2024-01-15..=2024-03-10 gives 01-15..=01-31, 02-01..=02-29 and
/// 03-01..=03-10.
///
/// Why this rule: Zoom's documents ask for "a monthly date range" whose `from`/`to` "should only
/// be one month" and do not say how they count it. A window inside one calendar month satisfies
/// every reading found: at most 31 days counting both ends, `to - from` at most 30 days, and
/// `to` before `from` plus one calendar month (so also the strict "same day next month"
/// reading, which a fixed 30-day window breaks in February: 02-01..=03-02). The price is at most
/// one more request per range than fixed-length windows.
///
/// `from > to` gives no window. The six-month look-back Zoom also imposes is the caller's to
/// respect: this function does not know today's date.
pub fn month_windows(from: Date, to: Date) -> Vec<(Date, Date)> {
    let mut windows = Vec::new();
    let mut start = from;
    while start <= to {
        let end = start.last_of_month().min(to);
        windows.push((start, end));
        match end.tomorrow() {
            Ok(next) => start = next,
            // `end` is the last date jiff can represent.
            Err(_) => break,
        }
    }
    windows
}

/// The date as Zoom's `from`/`to` query parameters take it: `yyyy-MM-dd` (jiff's `Display`
/// for years 0 to 9999).
pub(crate) fn query_date(date: Date) -> String {
    date.to_string()
}
