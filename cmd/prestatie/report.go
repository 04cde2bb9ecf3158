package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/prestatie/prestatie/internal/diag"
)

// reporter writes a command's diagnostics and result as text (diagnostics
// on stderr, results on stdout unless --quiet) or as one JSON object on
// stdout (--format json).
type reporter struct {
	c    *cli
	doc  jsonReport
	json bool
}

type jsonReport struct {
	OK          bool           `json:"ok"`
	Errors      int            `json:"errors"`
	Warnings    int            `json:"warnings"`
	Diagnostics []diag.Record  `json:"diagnostics"`
	Result      map[string]any `json:"result,omitempty"`
	Failure     string         `json:"failure,omitempty"`
}

func (c *cli) reporter() *reporter {
	return &reporter{c: c, json: c.format == "json", doc: jsonReport{Diagnostics: []diag.Record{}}}
}

// diagnostics reports ds and tells whether any is an error.
func (r *reporter) diagnostics(ds diag.List) bool {
	n := len(ds.Errors())
	if r.json {
		r.doc.Diagnostics = ds.Records()
		r.doc.Errors, r.doc.Warnings = n, len(ds)-n
		return n > 0
	}
	for _, d := range ds {
		fmt.Fprintln(r.c.stderr, d)
	}
	if n > 0 {
		fmt.Fprintf(r.c.stderr, "%d %s\n", n, plural(n, "fout", "fouten"))
	}
	return n > 0
}

// note is a remark after the diagnostics, for people only.
func (r *reporter) note(msg string) {
	if !r.json {
		fmt.Fprintln(r.c.stderr, msg)
	}
}

// line is a result line for people only.
func (r *reporter) line(format string, args ...any) {
	if !r.json {
		r.c.printf(format, args...)
	}
}

// result is the command's result: fields for JSON, a line for people.
func (r *reporter) result(fields map[string]any, format string, args ...any) {
	if r.json {
		r.doc.Result = fields
		return
	}
	if format != "" {
		r.c.printf(format, args...)
	}
}

// done writes the JSON object; failure is an error that is not the content's.
func (r *reporter) done(failure error) {
	if !r.json {
		return
	}
	if failure != nil {
		r.doc.Failure = failure.Error()
	}
	r.doc.OK = r.doc.Errors == 0 && failure == nil
	enc := json.NewEncoder(r.c.stdout)
	enc.SetIndent("", "  ")
	enc.Encode(r.doc)
}

// progress shows, on a terminal, that a step is still running once it has
// taken more than a second: a line that counts the seconds, cleared at the
// end. The returned function ends it. Nothing in logs (the output of a
// script stays the same however long the build takes), with --quiet or
// with JSON.
func (c *cli) progress(what string) (stop func()) {
	if c.quiet || c.format == "json" || !isTerminal(c.stderr) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		start := time.Now()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(c.stderr, "\r\033[K")
				}
				return
			case <-tick.C:
				fmt.Fprintf(c.stderr, "\r%s… %d s", what, int(time.Since(start).Seconds()))
				shown = true
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
