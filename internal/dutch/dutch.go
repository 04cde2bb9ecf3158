// Package dutch formats dates, numbers and amounts the way Dutch readers
// expect them: "6 april 2023", "20.000", "0,5", "€ 452,20", "21%".
package dutch

import (
	"math"
	"strconv"
	"strings"
	"time"
)

var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// MonthName is the Dutch name of m, in lower case.
func MonthName(m time.Month) string { return months[m-1] }

// Date formats "6 april 2023"; with day 0, "mei 2022".
func Date(year int, m time.Month, day int) string {
	if day == 0 {
		return MonthName(m) + " " + strconv.Itoa(year)
	}
	return strconv.Itoa(day) + " " + MonthName(m) + " " + strconv.Itoa(year)
}

// Number formats f with a thousands dot and a decimal comma, with as many
// decimals as needed up to two: 20000 → "20.000", 0.5 → "0,5", -3 → "-3".
func Number(f float64) string {
	neg := f < 0
	f = math.Abs(f)
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// Euro formats an amount: whole euros without decimals ("€ 20.000"),
// otherwise with two ("€ 452,20"). The space is non-breaking.
func Euro(f float64) string {
	if f == math.Trunc(f) {
		return "€\u00a0" + Number(f)
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	w, _ := strconv.ParseFloat(whole, 64)
	sign := ""
	if f < 0 {
		sign = "-"
	}
	return "€\u00a0" + sign + Number(w) + "," + frac
}

// Percent formats "21%" or "0,5%" (Dutch style guides write it without a space).
func Percent(f float64) string { return Number(f) + "%" }

// Quantity formats a number with its unit: "12 woningen", "€ 20.000",
// "15%", "0,5 procentpunt".
func Quantity(f float64, unit string) string {
	switch strings.ToLower(unit) {
	case "euro", "eur", "€":
		return Euro(f)
	case "%", "procent":
		return Percent(f)
	case "":
		return Number(f)
	}
	if f == 1 {
		unit = Singular(unit)
	}
	return Number(f) + "\u00a0" + unit
}

// Singular is the singular of a unit an editor wrote in the plural, for
// "1 woning" rather than "1 woningen": the last word of the unit, by a
// short table of the words agreements count in, then by the regular
// endings of compounds of them ("zorgwoningen", "starterswoningen"). A
// unit it does not know stays as written.
func Singular(unit string) string {
	head, last := "", unit
	if i := strings.LastIndexByte(unit, ' '); i >= 0 {
		head, last = unit[:i+1], unit[i+1:]
	}
	lower := strings.ToLower(last)
	for _, w := range singulars {
		if strings.HasSuffix(lower, w[0]) {
			stem := last[:len(last)-len(w[0])]
			one := w[1]
			if stem == "" && last != lower { // "Woningen": keep the capital
				one = strings.ToUpper(one[:1]) + one[1:]
			}
			return head + stem + one
		}
	}
	return unit
}

// singulars are plural endings and their singulars.
var singulars = [][2]string{
	{"woningen", "woning"}, {"huishoudens", "huishouden"}, {"personen", "persoon"}, {"maanden", "maand"},
	{"jaren", "jaar"}, {"kavels", "kavel"}, {"plaatsen", "plaats"}, {"eenheden", "eenheid"},
	{"gezinnen", "gezin"}, {"statushouders", "statushouder"}, {"urgenten", "urgent"},
	{"locaties", "locatie"}, {"projecten", "project"}, {"weken", "week"}, {"dagen", "dag"},
	{"procentpunten", "procentpunt"}, {"huurders", "huurder"}, {"aanvragen", "aanvraag"},
}
