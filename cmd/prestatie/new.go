package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/scaffold"
)

func (c *cli) new(args []string) int {
	if len(args) == 0 {
		c.usagef("wat moet er gemaakt worden: agreement, onderdeel of progress?")
		return exitUsage
	}
	kind, args := args[0], args[1:]
	if kind == "-h" || kind == "--help" || kind == "-help" {
		fmt.Fprint(c.stdout, c.cmd.help)
		return exitOK
	}
	c.name = "new " + kind
	fs := c.flags()
	source := fs.String("source", ".", "")
	var files []string
	var err error
	switch kind {
	case "progress":
		date := fs.String("date", "", "")
		pos, code := c.parse(fs, args, 1)
		if code != proceed {
			return code
		}
		if !sourceOK(c, *source) {
			return exitUsage
		}
		d, perr := agreement.ParseDate(*date, false)
		if perr != nil {
			c.usagef("--date: %v", perr)
			return exitUsage
		}
		var n int
		files, n, err = scaffold.NewProgress(*source, pos[0], d)
		if err == nil {
			c.printf("%d %s toegevoegd om in te vullen, in %d %s\n", n, plural(n, "voortgangsmelding", "voortgangsmeldingen"), len(files), plural(len(files), "bestand", "bestanden"))
		}
	case "agreement":
		municipality := fs.String("municipality", "", "")
		from := fs.Int("from", 0, "")
		to := fs.Int("to", 0, "")
		pos, code := c.parse(fs, args, 1)
		if code != proceed {
			return code
		}
		if !sourceOK(c, *source) {
			return exitUsage
		}
		if *municipality == "" || *from == 0 || *to < *from {
			c.usagef("geef --municipality, --from en --to (met from ≤ to)")
			return exitUsage
		}
		now := time.Now()
		files, err = scaffold.NewAgreement(*source, pos[0], *municipality, *from, *to, agreement.NewDate(now.Year(), now.Month(), now.Day()))
	case "onderdeel", "afspraak": // "afspraak" is the first format's name for it
		title := fs.String("title", "", "")
		pos, code := c.parse(fs, args, 1)
		if code != proceed {
			return code
		}
		if !sourceOK(c, *source) {
			return exitUsage
		}
		parts := strings.Split(pos[0], "/")
		if len(parts) != 3 {
			c.usagef("verwacht OVEREENKOMST/ONDERDEEL/NAAM, niet %q", pos[0])
			return exitUsage
		}
		files, err = scaffold.NewAfspraak(*source, parts[0], parts[1], parts[2], *title)
	default:
		c.usagef("onbekend: new %s (kies agreement, onderdeel of progress)", kind)
		return exitUsage
	}
	if err != nil {
		c.errorf("%v", err)
		return exitContent
	}
	for _, f := range files {
		c.printf("%s\n", f)
	}
	return exitOK
}
