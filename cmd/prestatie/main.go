// Command prestatie builds the website (and the PDF) of Dutch
// prestatieafspraken from a folder of Markdown files.
//
// Usage:
//
//	prestatie build [--source DIR] [--dest DIR] [--base-url URL] [--drafts]
//	prestatie check [--source DIR] [--drafts]
//	prestatie pdf [AGREEMENT] [-o FILE] [--source DIR]
//	prestatie new progress AGREEMENT --date YYYY-MM-DD [--source DIR]
//	prestatie new agreement ID --municipality NAME --from YEAR --to YEAR [--source DIR]
//	prestatie new afspraak AGREEMENT/CHAPTER/NAME [--title TITLE] [--source DIR]
//	prestatie version
//	prestatie help
//
// Exit codes: 0 success, 1 content errors, 2 usage errors (and other failures).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/prestatie/prestatie/internal/diag"
)

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `prestatie maakt de website van prestatieafspraken uit Markdown-bestanden.

Gebruik:
  prestatie build   [vlaggen]   controleer de inhoud en bouw de site in --dest
  prestatie check   [vlaggen]   controleer de inhoud, schrijf niets, toon de vingerafdrukken
  prestatie pdf [OVEREENKOMST] [-o BESTAND]
                                maak de pdf van één overeenkomst
  prestatie new progress OVEREENKOMST --date JJJJ-MM-DD
                                voeg voor elke open afspraak een in te vullen rapportage toe
  prestatie new agreement ID --municipality NAAM --from JAAR --to JAAR
                                maak een nieuwe overeenkomst (concept)
  prestatie new afspraak OVEREENKOMST/HOOFDSTUK/NAAM [--title TITEL]
                                maak een nieuwe afspraak
  prestatie version             toon de versie
  prestatie help                toon deze hulp

Vlaggen:
  --source DIR     de sitemap met content/ en prestatie.yaml (standaard .)
  --dest DIR       uitvoermap (standaard public in de sitemap)
  --base-url URL   adres van de site, bijv. https://www.example.nl/prestatieafspraken/
  --drafts         neem concepten (draft: true) mee
  -o BESTAND       (pdf) waar de pdf komt (standaard OVEREENKOMST.pdf)

SOURCE_DATE_EPOCH zet de datum in de pdf (standaard de datum van de overeenkomst).

Afsluitcodes: 0 gelukt, 1 fouten in de inhoud, 2 verkeerd gebruik of andere fout.
`

// cli is one invocation: its output streams and the command name for messages.
type cli struct {
	name           string
	stdout, stderr io.Writer
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	c := &cli{name: args[0], stdout: stdout, stderr: stderr}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "prestatie", version())
		return exitOK
	case "build":
		return c.build(args[1:])
	case "check":
		return c.check(args[1:])
	case "new":
		return c.new(args[1:])
	case "pdf":
		return c.pdf(args[1:])
	}
	fmt.Fprintf(stderr, "prestatie: onbekend commando %q\n\n%s", args[0], usage)
	return exitUsage
}

// parse parses flags anywhere between the positional arguments, which it
// returns. want is the number of positional arguments expected (-1: any).
func (c *cli) parse(fs *flag.FlagSet, args []string, want int) ([]string, bool) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(c.stdout, usage)
			} else {
				c.usagef("%v", err)
			}
			return nil, false
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if want >= 0 && len(pos) != want {
		if len(pos) > want {
			c.usagef("onverwacht argument %q", pos[want])
		} else {
			c.usagef("te weinig argumenten")
		}
		return nil, false
	}
	return pos, true
}

func (c *cli) usagef(format string, args ...any) {
	fmt.Fprintf(c.stderr, "prestatie %s: %s\n\n%s", c.name, fmt.Sprintf(format, args...), usage)
}

func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "prestatie %s: %s\n", c.name, fmt.Sprintf(format, args...))
}

func sourceOK(c *cli, source string) bool {
	if st, err := os.Stat(source); err != nil || !st.IsDir() {
		c.errorf("sitemap %q niet gevonden", source)
		return false
	}
	return true
}

// report prints every diagnostic and tells whether any is an error.
func report(w io.Writer, ds diag.List) bool {
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
	if n := len(ds.Errors()); n > 0 {
		fmt.Fprintf(w, "%d %s\n", n, plural(n, "fout", "fouten"))
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return v
	}
	return "(onbekend)"
}
