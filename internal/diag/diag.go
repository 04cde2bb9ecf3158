// Package diag holds positioned diagnostics: problems found in a site's
// source files, reported as "file:line:col: message".
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a source file. Line and Col count from 1; zero means
// unknown (the whole file or the whole line).
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": waarschuwing: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf adds an error at p.
func (l *List) Errorf(p Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at p.
func (l *List) Warnf(p Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Error })
}

// Sort orders the list by file, line and column, and removes exact duplicates.
func (l List) Sort() List {
	s := slices.Clone(l)
	slices.SortStableFunc(s, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(s)
}

// Error makes a List usable as an error: one diagnostic per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
