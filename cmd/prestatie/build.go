package main

import (
	"flag"
	"time"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/pdf"
)

func siteFlags(fs *flag.FlagSet, opt *build.Options, output bool) {
	fs.StringVar(&opt.Source, "source", ".", "")
	fs.BoolVar(&opt.Drafts, "drafts", false, "")
	if output {
		fs.StringVar(&opt.Dest, "dest", "", "")
		fs.StringVar(&opt.BaseURL, "base-url", "", "")
		fs.BoolVar(&opt.NoPDF, "no-pdf", false, "")
		fs.BoolVar(&opt.NoCache, "no-cache", false, "")
	}
}

func (c *cli) build(args []string) int {
	var opt build.Options
	fs := c.flags()
	c.formatFlag(fs)
	siteFlags(fs, &opt, true)
	if _, code := c.parse(fs, args, 0); code != proceed {
		return code
	}
	if !sourceOK(c, opt.Source) {
		return exitUsage
	}
	date, err := sourceDate()
	if err != nil {
		c.usagef("%v", err)
		return exitUsage
	}
	opt.Date = date
	stop := c.progress("bouwen")
	build.TuneGC()
	sum, ds, err := build.Build(opt)
	stop()
	r := c.reporter()
	if r.diagnostics(ds) {
		r.note("niets geschreven: de vorige uitvoer is ongewijzigd")
		r.done(nil)
		return exitContent
	}
	if err != nil {
		r.done(err)
		c.errorf("%v", err)
		return exitUsage
	}
	r.result(map[string]any{"agreements": sum.Agreements, "pages": sum.Pages, "files": sum.Files, "ms": sum.Elapsed.Milliseconds()},
		"gebouwd: %d %s, %d pagina's, %d bestanden in %s\n",
		sum.Agreements, plural(sum.Agreements, "overeenkomst", "overeenkomsten"), sum.Pages, sum.Files, sum.Elapsed.Round(time.Millisecond))
	r.done(nil)
	return exitOK
}

func (c *cli) check(args []string) int {
	var opt build.Options
	fs := c.flags()
	c.formatFlag(fs)
	siteFlags(fs, &opt, false)
	if _, code := c.parse(fs, args, 0); code != proceed {
		return code
	}
	if !sourceOK(c, opt.Source) {
		return exitUsage
	}
	s, ds := build.Check(opt)
	r := c.reporter()
	if r.diagnostics(ds) {
		r.done(nil)
		return exitContent
	}
	fps := map[string]string{}
	r.line("inhoud in orde: %d %s\n", len(s.Agreements), plural(len(s.Agreements), "overeenkomst", "overeenkomsten"))
	for _, ag := range s.Agreements {
		fp := pdf.Fingerprint(ag)
		fps[ag.ID] = fp
		r.line("%s: vingerafdruk %s\n", ag.ID, fp)
	}
	r.result(map[string]any{"agreements": len(s.Agreements), "fingerprints": fps}, "")
	r.done(nil)
	return exitOK
}
