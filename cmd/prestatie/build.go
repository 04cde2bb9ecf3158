package main

import (
	"flag"
	"fmt"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/pdf"
)

func siteFlags(fs *flag.FlagSet, opt *build.Options, output bool) {
	fs.StringVar(&opt.Source, "source", ".", "")
	fs.BoolVar(&opt.Drafts, "drafts", false, "")
	if output {
		fs.StringVar(&opt.Dest, "dest", "", "")
		fs.StringVar(&opt.BaseURL, "base-url", "", "")
	}
}

func (c *cli) build(args []string) int {
	var opt build.Options
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	siteFlags(fs, &opt, true)
	if _, ok := c.parse(fs, args, 0); !ok || !sourceOK(c, opt.Source) {
		return exitUsage
	}
	date, err := sourceDate()
	if err != nil {
		c.usagef("%v", err)
		return exitUsage
	}
	opt.Date = date
	sum, ds, err := build.Build(opt)
	if report(c.stderr, ds) {
		fmt.Fprintln(c.stderr, "niets geschreven: de vorige uitvoer is ongewijzigd")
		return exitContent
	}
	if err != nil {
		c.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintf(c.stdout, "gebouwd: %d %s, %d pagina's, %d bestanden in %s\n",
		sum.Agreements, plural(sum.Agreements, "overeenkomst", "overeenkomsten"), sum.Pages, sum.Files, sum.Elapsed.Round(1e6))
	return exitOK
}

func (c *cli) check(args []string) int {
	var opt build.Options
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	siteFlags(fs, &opt, false)
	if _, ok := c.parse(fs, args, 0); !ok || !sourceOK(c, opt.Source) {
		return exitUsage
	}
	s, ds := build.Check(opt)
	if report(c.stderr, ds) {
		return exitContent
	}
	fmt.Fprintf(c.stdout, "inhoud in orde: %d %s\n", len(s.Agreements), plural(len(s.Agreements), "overeenkomst", "overeenkomsten"))
	for _, ag := range s.Agreements {
		fmt.Fprintf(c.stdout, "%s: vingerafdruk %s\n", ag.ID, pdf.Fingerprint(ag))
	}
	return exitOK
}
