// Package scaffold writes starting points for editors: a round of progress
// entries to fill in, a new agreement, a new afspraak. Existing files are
// edited as text, so their formatting and comments stay as they were.
package scaffold

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/prestatie/prestatie/internal/agreement"
)

var (
	progressKey   = regexp.MustCompile(`^progress:[ \t]*(#.*)?$`)
	progressEmpty = regexp.MustCompile(`^progress:[ \t]*\[[ \t]*\][ \t]*(#.*)?$`)
	progressAny   = regexp.MustCompile(`^progress:`)
	itemIndent    = regexp.MustCompile(`^([ \t]*)- `)
)

// Entry is one progress entry to fill in.
type Entry struct {
	Commitment string
	Unit       string // the target's unit, to hint what value means; may be ""
}

// AppendProgress adds an entry to fill in for each of entries to the
// progress list in the front matter of src, dated date. Every other byte
// of src stays as it is.
func AppendProgress(src []byte, entries []Entry, date agreement.Date) ([]byte, error) {
	if len(entries) == 0 {
		return src, nil
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], "\r\n") != "---" {
		return nil, fmt.Errorf("geen front matter")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], "\r\n \t") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, fmt.Errorf("front matter wordt niet afgesloten")
	}
	at, indent, header := end, "  ", "progress:"+nl
	for i := 1; i < end; i++ {
		l := strings.TrimRight(lines[i], "\r\n")
		switch {
		case progressEmpty.MatchString(l):
			lines[i] = "progress:" + nl
			at, header = i+1, ""
		case progressKey.MatchString(l):
			at, header = blockEnd(lines, i, end), ""
			for j := i + 1; j < at; j++ {
				if m := itemIndent.FindStringSubmatch(lines[j]); m != nil {
					indent = m[1]
					break
				}
			}
		case progressAny.MatchString(l):
			return nil, fmt.Errorf("regel %d: progress staat op één regel; schrijf het als lijst met één regel per item", i+1)
		default:
			continue
		}
		break
	}
	var b strings.Builder
	b.WriteString(header)
	for _, e := range entries {
		writeEntry(&b, indent, nl, e, date)
	}
	out := append(append(append([]string{}, lines[:at]...), b.String()), lines[at:]...)
	if at > 0 && !strings.HasSuffix(lines[at-1], "\n") { // last line of the block had no newline
		out[at-1] += nl
	}
	return []byte(strings.Join(out, "")), nil
}

// blockEnd is the line after the progress block that starts at line i: the
// next key at column 0, or the end of the front matter. Trailing blank lines
// and comments at column 0 stay with what follows them.
func blockEnd(lines []string, i, end int) int {
	j := i + 1
	for ; j < end; j++ {
		if l := lines[j]; strings.TrimSpace(l) != "" && !strings.ContainsRune(" \t-#", rune(l[0])) {
			break
		}
	}
	for j > i+1 && (strings.TrimSpace(lines[j-1]) == "" || lines[j-1][0] == '#') {
		j--
	}
	return j
}

func writeEntry(b *strings.Builder, indent, nl string, e Entry, date agreement.Date) {
	in := indent + "  "
	fmt.Fprintf(b, "%s- commitment: %s%s", indent, e.Commitment, nl)
	fmt.Fprintf(b, "%sdate: %s%s", in, date, nl)
	fmt.Fprintf(b, "%sstatus:   # invullen: %s%s", in, strings.Join(agreement.IDs(agreement.Statuses), ", "), nl)
	unit := ""
	if e.Unit != "" {
		unit = " (" + e.Unit + ")"
	}
	fmt.Fprintf(b, "%svalue:    # optioneel: de stand%s%s", in, unit, nl)
	fmt.Fprintf(b, "%snote: \"\" # toelichting; verplicht bij delayed%s", in, nl)
	fmt.Fprintf(b, "%ssource: \"\"%s", in, nl)
}

// Open lists the commitments that still need a report at date: not done,
// not dropped, not judged realised, and without an entry on that date.
func Open(cs []*agreement.Item, date agreement.Date) []Entry {
	var out []Entry
	for _, x := range cs {
		if x.Monitored() && isOpen(x, date) {
			e := Entry{Commitment: x.ID}
			if x.Target != nil {
				e.Unit = x.Target.Unit
			}
			out = append(out, e)
		}
	}
	return out
}

func isOpen(c *agreement.Item, date agreement.Date) bool {
	for _, e := range c.Progress {
		if e.Date == date {
			return false
		}
	}
	if v, _ := c.Verdict(); v == agreement.Realised {
		return false
	}
	s, _ := c.StatusAt(date)
	return s != agreement.Done && s != agreement.Dropped
}
