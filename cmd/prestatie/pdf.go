package main

import (
	"flag"
	"fmt"
	"os"
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
	return time.Unix(n, 0).UTC(), nil
}

func (c *cli) pdf(args []string) int {
	var opt build.Options
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	siteFlags(fs, &opt, false)
	out := fs.String("o", "", "")
	pos, ok := c.parse(fs, args, -1)
	if !ok || len(pos) > 1 || !sourceOK(c, opt.Source) {
		if ok {
			c.usagef("geef hooguit één overeenkomst")
		}
		return exitUsage
	}
	date, err := sourceDate()
	if err != nil {
		c.usagef("%v", err)
		return exitUsage
	}
	s, ds := build.Check(opt)
	if report(c.stderr, ds) {
		return exitContent
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
		b, err := pdf.Render(ag, pdf.Options{Date: date})
		if err != nil {
			c.errorf("%v", err)
			return exitUsage
		}
		name := *out
		if name == "" {
			name = ag.ID + ".pdf"
		}
		if err := os.WriteFile(name, b, 0o644); err != nil {
			c.errorf("%v", err)
			return exitUsage
		}
		fmt.Fprintf(c.stdout, "%s: %d bytes, vingerafdruk %s\n", name, len(b), pdf.Fingerprint(ag))
		return exitOK
	}
	c.errorf("overeenkomst %q niet gevonden%s", pos[0], diag.DidYouMean(pos[0], ids))
	return exitUsage
}
