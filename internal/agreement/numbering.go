package agreement

import (
	"strconv"

	"github.com/prestatie/prestatie/internal/diag"
)

// AssignNumbers gives every chapter, afspraak and commitment its number:
// document order by default, or the number written in its front matter. It
// reports numbers used twice.
func (a *Agreement) AssignNumbers() diag.List {
	var ds diag.List
	seen := map[string]diag.Pos{}
	claim := func(n string, p diag.Pos) {
		if prev, dup := seen[n]; dup {
			ds.Errorf(p, "nummer %q is al gebruikt op %s", n, prev)
			return
		}
		seen[n] = p
	}
	chapterN, annexN := 0, 0
	for _, ch := range a.Chapters {
		auto := ""
		if ch.Annex {
			annexN++
			auto = "Bijlage " + strconv.Itoa(annexN)
		} else {
			chapterN++
			auto = strconv.Itoa(chapterN)
		}
		ch.Number = or(ch.OwnNumber, auto)
		claim(ch.Number, ch.Pos)
		prefix := ch.Number
		if ch.Annex {
			prefix = "B" + strconv.Itoa(annexN)
		}
		if len(ch.Afspraken) == 0 { // both at once is reported by Validate
			numberCommitments(a.grouped(ch.Commitments), prefix, claim)
		}
		for i, af := range ch.Afspraken {
			af.Number = or(af.OwnNumber, prefix+"."+strconv.Itoa(i+1))
			claim(af.Number, af.Pos)
			numberCommitments(a.grouped(af.Commitments), af.Number, claim)
		}
	}
	return ds
}

// grouped lists commitments in the order the pages and the PDF show them.
func (a *Agreement) grouped(cs []*Commitment) []*Commitment {
	var out []*Commitment
	for _, g := range a.Groups(cs) {
		out = append(out, g.Commitments...)
	}
	return out
}

func numberCommitments(cs []*Commitment, prefix string, claim func(string, diag.Pos)) {
	for i, c := range cs {
		c.Number = or(c.OwnNumber, prefix+"."+strconv.Itoa(i+1))
		claim(c.Number, c.Pos)
		for j, it := range c.Items {
			it.Number = or(it.OwnNumber, c.Number+string(rune('a'+j%26)))
			claim(it.Number, it.Pos)
		}
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
