//! `month_windows`: a day range cut at calendar-month boundaries, so each window fits Zoom's
//! one-month limit under any reading of it.

use zoom_api::{Date, month_windows};

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

/// Days in `from..=to`, both ends counted.
fn days(from: Date, to: Date) -> i32 {
    from.until(to).unwrap().get_days() + 1
}

#[test]
fn same_day_is_one_window() {
    assert_eq!(
        month_windows(d(2024, 5, 17), d(2024, 5, 17)),
        [(d(2024, 5, 17), d(2024, 5, 17))]
    );
    // The last day of a month, and of a year.
    assert_eq!(
        month_windows(d(2023, 12, 31), d(2023, 12, 31)),
        [(d(2023, 12, 31), d(2023, 12, 31))]
    );
}

#[test]
fn from_after_to_is_no_window() {
    assert!(month_windows(d(2024, 3, 2), d(2024, 3, 1)).is_empty());
    assert!(month_windows(d(2025, 1, 1), d(2024, 12, 31)).is_empty());
}

#[test]
fn a_whole_month_is_one_window() {
    // 30 days (April), 31 days (January): one window each.
    assert_eq!(days(d(2024, 4, 1), d(2024, 4, 30)), 30);
    assert_eq!(
        month_windows(d(2024, 4, 1), d(2024, 4, 30)),
        [(d(2024, 4, 1), d(2024, 4, 30))]
    );
    assert_eq!(days(d(2024, 1, 1), d(2024, 1, 31)), 31);
    assert_eq!(
        month_windows(d(2024, 1, 1), d(2024, 1, 31)),
        [(d(2024, 1, 1), d(2024, 1, 31))]
    );
}

#[test]
fn thirty_or_thirty_one_days_across_a_month_boundary_are_two_windows() {
    // 30 days, 2024-01-15..=2024-02-13: cut at February 1.
    assert_eq!(days(d(2024, 1, 15), d(2024, 2, 13)), 30);
    assert_eq!(
        month_windows(d(2024, 1, 15), d(2024, 2, 13)),
        [
            (d(2024, 1, 15), d(2024, 1, 31)),
            (d(2024, 2, 1), d(2024, 2, 13))
        ]
    );
    // 31 days, 2024-04-10..=2024-05-10.
    assert_eq!(days(d(2024, 4, 10), d(2024, 5, 10)), 31);
    assert_eq!(
        month_windows(d(2024, 4, 10), d(2024, 5, 10)),
        [
            (d(2024, 4, 10), d(2024, 4, 30)),
            (d(2024, 5, 1), d(2024, 5, 10))
        ]
    );
    // 32 days inside no single month.
    assert_eq!(
        month_windows(d(2024, 1, 31), d(2024, 3, 2)),
        [
            (d(2024, 1, 31), d(2024, 1, 31)),
            (d(2024, 2, 1), d(2024, 2, 29)),
            (d(2024, 3, 1), d(2024, 3, 2))
        ]
    );
}

#[test]
fn february_in_leap_and_common_years() {
    assert_eq!(
        month_windows(d(2024, 2, 1), d(2024, 2, 29)),
        [(d(2024, 2, 1), d(2024, 2, 29))]
    );
    assert_eq!(
        month_windows(d(2024, 2, 28), d(2024, 3, 1)),
        [
            (d(2024, 2, 28), d(2024, 2, 29)),
            (d(2024, 3, 1), d(2024, 3, 1))
        ]
    );
    assert_eq!(
        month_windows(d(2023, 2, 28), d(2023, 3, 1)),
        [
            (d(2023, 2, 28), d(2023, 2, 28)),
            (d(2023, 3, 1), d(2023, 3, 1))
        ]
    );
    // 2000 is a leap year, 2100 is not.
    assert_eq!(
        month_windows(d(2000, 2, 10), d(2000, 3, 5))[0].1,
        d(2000, 2, 29)
    );
    assert_eq!(
        month_windows(d(2100, 2, 10), d(2100, 3, 5))[0].1,
        d(2100, 2, 28)
    );
}

#[test]
fn across_a_year_end() {
    assert_eq!(
        month_windows(d(2023, 12, 20), d(2024, 1, 10)),
        [
            (d(2023, 12, 20), d(2023, 12, 31)),
            (d(2024, 1, 1), d(2024, 1, 10))
        ]
    );
}

#[test]
fn the_last_representable_day_ends_the_loop() {
    assert_eq!(
        month_windows(d(9999, 12, 15), Date::MAX),
        [(d(9999, 12, 15), Date::MAX)]
    );
}

/// Over many ranges: the windows cover `from..=to` exactly, in order, without gap or overlap,
/// and each lies in one calendar month (so at most 31 days, `to - from` at most 30 days, and
/// `to` before `from` plus one calendar month).
#[test]
fn windows_tile_the_range_within_calendar_months() {
    let starts = [
        d(2023, 1, 31),
        d(2023, 2, 28),
        d(2024, 2, 29),
        d(2024, 6, 15),
        d(2024, 12, 1),
    ];
    for from in starts {
        for len in 0..200 {
            let to = from.checked_add(jiff::Span::new().days(len)).unwrap();
            let windows = month_windows(from, to);
            assert_eq!(windows.first().unwrap().0, from);
            assert_eq!(windows.last().unwrap().1, to);
            for pair in windows.windows(2) {
                assert_eq!(pair[0].1.tomorrow().unwrap(), pair[1].0, "{from} {to}");
            }
            for &(a, b) in &windows {
                assert!(a <= b);
                assert_eq!((a.year(), a.month()), (b.year(), b.month()), "{a} {b}");
                assert!(days(a, b) <= 31);
                let month_later = a.checked_add(jiff::Span::new().months(1)).unwrap();
                assert!(b < month_later, "{a} {b}");
            }
            // One window per calendar month touched.
            let months = (i32::from(to.year()) * 12 + i32::from(to.month()))
                - (i32::from(from.year()) * 12 + i32::from(from.month()))
                + 1;
            assert_eq!(windows.len(), usize::try_from(months).unwrap());
        }
    }
}
