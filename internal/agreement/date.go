package agreement

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a calendar date without time zone. Day 0 means the date is only
// known to the month (a figure "as of May 2022").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// EndOfYear is 31 December of y.
func EndOfYear(y int) Date { return Date{y, time.December, 31} }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or YYYY-MM when only the month is known.
func (d Date) String() string {
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Compare orders dates; a month-only date sorts before the days of that month.
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Time is the date at midnight UTC (the first of the month for month-only dates).
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// ParseDate reads YYYY-MM-DD, or YYYY-MM when monthOK.
// Each layout matches only text of its own length, so the other is not
// tried (a failed time.Parse allocates its error).
func ParseDate(s string, monthOK bool) (Date, error) {
	const day, month = "2006-01-02", "2006-01"
	if len(s) == len(day) {
		if t, err := time.Parse(day, s); err == nil {
			return Date{t.Year(), t.Month(), t.Day()}, nil
		}
	}
	if monthOK {
		if len(s) == len(month) {
			if t, err := time.Parse(month, s); err == nil {
				return Date{t.Year(), t.Month(), 0}, nil
			}
		}
		return Date{}, fmt.Errorf("%q is geen geldige datum (verwacht JJJJ-MM-DD of JJJJ-MM)", s)
	}
	return Date{}, fmt.Errorf("%q is geen geldige datum (verwacht JJJJ-MM-DD)", s)
}

// Deadline is when an item is due, as the text states it: a date ("voor 1
// juli 2025"), a year ("in 2027") or a window ("tussen 2028 en 2031").
type Deadline struct {
	Date     Date // set for a date
	From, To int  // a year (From == To) or a window of years
}

// End is the last day the deadline allows.
func (d Deadline) End() Date {
	if !d.Date.IsZero() {
		return d.Date
	}
	return EndOfYear(d.To)
}

// IsYear reports whether the deadline is one year.
func (d Deadline) IsYear() bool { return d.Date.IsZero() && d.From == d.To }

// IsWindow reports whether the deadline is a span of years.
func (d Deadline) IsWindow() bool { return d.Date.IsZero() && d.From != d.To }

// String is the deadline as written in the source: 2025-06-30, 2027 or 2028-2031.
func (d Deadline) String() string {
	switch {
	case !d.Date.IsZero():
		return d.Date.String()
	case d.From == d.To:
		return fmt.Sprintf("%04d", d.From)
	}
	return fmt.Sprintf("%04d-%04d", d.From, d.To)
}
