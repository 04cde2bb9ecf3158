// Command prestatie builds the website (and, later, the PDF) of Dutch
// prestatieafspraken from a folder of Markdown files.
//
// Usage:
//
//	prestatie build [--source DIR] [--dest DIR] [--base-url URL] [--drafts]
//	prestatie check [--source DIR] [--drafts]
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

	"github.com/prestatie/prestatie/internal/build"
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
  prestatie check   [vlaggen]   controleer de inhoud, schrijf niets
  prestatie version             toon de versie
  prestatie help                toon deze hulp

Vlaggen:
  --source DIR     de sitemap met content/ en prestatie.yaml (standaard .)
  --dest DIR       uitvoermap (standaard public in de sitemap)
  --base-url URL   adres van de site, bijv. https://www.example.nl/prestatieafspraken/
  --drafts         neem concepten (draft: true) mee

Afsluitcodes: 0 gelukt, 1 fouten in de inhoud, 2 verkeerd gebruik of andere fout.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "prestatie", version())
		return exitOK
	case "build", "check":
	default:
		fmt.Fprintf(stderr, "prestatie: onbekend commando %q\n\n%s", cmd, usage)
		return exitUsage
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opt build.Options
	fs.StringVar(&opt.Source, "source", ".", "")
	fs.StringVar(&opt.Dest, "dest", "", "")
	fs.StringVar(&opt.BaseURL, "base-url", "", "")
	fs.BoolVar(&opt.Drafts, "drafts", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		fmt.Fprintf(stderr, "prestatie %s: %v\n\n%s", cmd, err, usage)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "prestatie %s: onverwacht argument %q\n", cmd, fs.Arg(0))
		return exitUsage
	}
	if st, err := os.Stat(opt.Source); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "prestatie %s: sitemap %q niet gevonden\n", cmd, opt.Source)
		return exitUsage
	}
	if cmd == "check" {
		s, ds := build.Check(opt)
		if report(stderr, ds) {
			return exitContent
		}
		fmt.Fprintf(stdout, "inhoud in orde: %d %s\n", len(s.Agreements), plural(len(s.Agreements), "overeenkomst", "overeenkomsten"))
		return exitOK
	}
	sum, ds, err := build.Build(opt)
	if report(stderr, ds) {
		fmt.Fprintln(stderr, "niets geschreven: de vorige uitvoer is ongewijzigd")
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "prestatie build: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "gebouwd: %d %s, %d pagina's, %d bestanden in %s\n",
		sum.Agreements, plural(sum.Agreements, "overeenkomst", "overeenkomsten"), sum.Pages, sum.Files, sum.Elapsed.Round(1e6))
	return exitOK
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
