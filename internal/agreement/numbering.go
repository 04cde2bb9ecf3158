package agreement

import (
	"strconv"

	"github.com/prestatie/prestatie/internal/diag"
)

func itoa(n int) string { return strconv.Itoa(n) }

// AssignNumbers gives every section the number it prints: the document's
// own, or, when the agreement asks for automatic numbering, its position
// among its siblings (1, 1.1, …; bijlagen apart as Bijlage 1, 2, …). A
// section without either prints none. A number must be unique among its
// siblings only: a document may number 1–6 again inside its chapter 2.
func (a *Agreement) AssignNumbers() diag.List {
	var ds diag.List
	var walk func(secs []*Section, prefix string)
	walk = func(secs []*Section, prefix string) {
		seen := map[string]*Section{}
		n, annexN := 0, 0
		for _, s := range secs {
			auto := ""
			if s.Annex {
				annexN++
				auto = "Bijlage " + itoa(annexN)
			} else {
				n++
				auto = prefix + itoa(n)
			}
			switch {
			case s.OwnNumber != "" && s.Annex && isDigits(s.OwnNumber):
				s.Number = "Bijlage " + s.OwnNumber
			case s.OwnNumber != "":
				s.Number = s.OwnNumber
			case a.Numbering == AutoNumbers:
				s.Number = auto
			default:
				s.Number = ""
			}
			if s.Number != "" {
				if prev, dup := seen[s.Number]; dup {
					ds.Errorf(s.numberPos(), "nummer %q is al gebruikt door %s op %s; nummers zijn uniek binnen hetzelfde onderdeel", s.Number, prev.Title, prev.numberPos())
				}
				seen[s.Number] = s
			}
			childPrefix := ""
			if a.Numbering == AutoNumbers && s.Number != "" && !s.Annex {
				childPrefix = s.Number + "."
			}
			walk(s.Sections, childPrefix)
		}
	}
	walk(a.Sections, "")
	return ds
}

func (s *Section) numberPos() diag.Pos {
	if s.NumberPos.Line > 0 {
		return s.NumberPos
	}
	if s.OrderPos.Line > 0 {
		return s.OrderPos
	}
	return s.Pos
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
