package build

import (
	"fmt"
	"time"
)

// The dates a PDF may carry: SOURCE_DATE_EPOCH outside them is a mistake
// (milliseconds for seconds, a stray digit) that would date a signed
// document centuries away.
var (
	minDate = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(2100, 12, 31, 23, 59, 59, 0, time.UTC)
)

// CheckDate refuses a set date (from SOURCE_DATE_EPOCH) outside 1970-2100.
func CheckDate(t time.Time) error {
	if t.IsZero() || !t.Before(minDate) && !t.After(maxDate) {
		return nil
	}
	return fmt.Errorf("SOURCE_DATE_EPOCH=%d ligt buiten het bereik %d tot %d (1970 tot en met 2100): geef het tijdstip in seconden sinds 1970, niet in milliseconden", t.Unix(), minDate.Unix(), maxDate.Unix())
}
