package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/pdf"
)

// sourceDate reads SOURCE_DATE_EPOCH (reproducible-builds.org), the date to
// write into PDFs instead of the agreement's date.
func sourceDate() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is geen aantal seconden", v)
	}
	t := time.Unix(n, 0).UTC()
	return t, build.CheckDate(t)
}

func (c *cli) pdf(args []string) int {
	var opt build.Options
	fs := c.flags()
	c.formatFlag(fs)
	siteFlags(fs, &opt, false)
	out := fs.String("o", "", "")
	pos, code := c.parse(fs, args, -1)
	if code != proceed {
		return code
	}
	if len(pos) > 1 {
		c.usagef("geef hooguit één overeenkomst")
		return exitUsage
	}
	if !sourceOK(c, opt.Source) {
		return exitUsage
	}
	date, err := sourceDate()
	if err != nil {
		c.usagef("%v", err)
		return exitUsage
	}
	// The whole site is rendered (in memory) so that the PDF has the
	// same logos and house-style colours as the one build publishes.
	opt.Date = date
	prefix := ""
	if opt.Source != "." {
		prefix = filepath.ToSlash(filepath.Clean(opt.Source))
	}
	rendered, s, ds, err := build.Render(os.DirFS(opt.Source), opt, prefix)
	r := c.reporter()
	if r.diagnostics(ds) {
		r.done(nil)
		return exitContent
	}
	if err != nil {
		r.done(err)
		c.errorf("%v", err)
		return exitUsage
	}
	pdfs := map[string][]byte{}
	for _, f := range rendered.Files {
		pdfs[f.Path] = f.Data
	}
	var ids []string
	for _, ag := range s.Agreements {
		ids = append(ids, ag.ID)
	}
	if len(pos) == 0 && len(ids) != 1 {
		c.usagef("kies een overeenkomst: %v", ids)
		return exitUsage
	}
	for _, ag := range s.Agreements {
		if len(pos) == 1 && ag.ID != pos[0] {
			continue
		}
		b := pdfs[build.PDFPath(ag)]
		name := *out
		if name == "" {
			name = ag.ID + ".pdf"
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			r.done(err)
			c.errorf("%v", err)
			return exitUsage
		}
		fp := pdf.Fingerprint(ag)
		r.result(map[string]any{"file": name, "bytes": len(b), "fingerprint": fp}, "%s: %d bytes, vingerafdruk %s\n", name, len(b), fp)
		r.done(nil)
		return exitOK
	}
	c.errorf("overeenkomst %q niet gevonden%s", pos[0], diag.DidYouMean(pos[0], ids))
	return exitUsage
}
