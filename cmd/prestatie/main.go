// Command prestatie builds the website (and the PDF) of Dutch
// prestatieafspraken from a folder of Markdown files.
//
// Usage:
//
//	prestatie init [MAP]
//	prestatie serve [--source DIR] [--bind ADRES] [--port POORT]
//	prestatie build [--source DIR] [--dest DIR] [--base-url URL] [--drafts]
//	prestatie check [--source DIR] [--drafts]
//	prestatie pdf [AGREEMENT] [-o FILE] [--source DIR]
//	prestatie new progress|agreement|onderdeel …
//	prestatie migrate [--source DIR]
//	prestatie version
//	prestatie help [COMMAND]
//
// Exit codes: 0 success, 1 content errors, 2 usage errors (and other failures).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
	proceed     = -1 // parse: go on with the command
)

func main() {
	os.Exit(profiled(func() int { return run(os.Args[1:], os.Stdout, os.Stderr) }))
}

// command is one subcommand: its help text and what it runs.
type command struct {
	name, summary, help string
	run                 func(c *cli, args []string) int
}

var commands []*command

func init() {
	commands = []*command{
		{"init", "maak een nieuwe site om mee te beginnen", helpInit, (*cli).init},
		{"serve", "toon de site op je eigen computer, ververst bij elke wijziging", helpServe, (*cli).serve},
		{"build", "controleer de inhoud en bouw de site", helpBuild, (*cli).build},
		{"check", "controleer de inhoud, schrijf niets, toon de vingerafdrukken", helpCheck, (*cli).check},
		{"pdf", "maak de pdf van één overeenkomst", helpPDF, (*cli).pdf},
		{"new", "maak een overeenkomst, een onderdeel of een rapportageronde", helpNew, (*cli).new},
		{"migrate", "zet een site van het eerste inhoudsformaat om", helpMigrate, (*cli).migrate},
		{"version", "toon de versie en waarmee het programma gebouwd is", helpVersion, (*cli).version},
		{"help", "toon de hulp bij een commando", helpHelp, (*cli).help},
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage() string {
	var b strings.Builder
	b.WriteString("prestatie maakt de website en de pdf van prestatieafspraken uit Markdown-bestanden.\n\nGebruik: prestatie COMMANDO [vlaggen]\n\nCommando's:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nHulp bij een commando: prestatie help COMMANDO of prestatie COMMANDO --help.\n\nAfsluitcodes: 0 gelukt, 1 fouten in de inhoud, 2 verkeerd gebruik of andere fout.\n")
	return b.String()
}

// cli is one invocation: its output streams, the command for messages and
// the output settings every command shares.
type cli struct {
	cmd            *command
	name           string // "build", "new agreement"
	stdout, stderr io.Writer
	quiet          bool
	format         string // text or json
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "-help":
		args[0] = "help"
	case "--version", "-version":
		args[0] = "version"
	}
	cmd := lookup(args[0])
	if cmd == nil {
		fmt.Fprintf(stderr, "prestatie: onbekend commando %q\n\n%s", args[0], usage())
		return exitUsage
	}
	c := &cli{cmd: cmd, name: cmd.name, stdout: stdout, stderr: stderr, format: "text"}
	return cmd.run(c, args[1:])
}

func (c *cli) help(args []string) int {
	fs := c.flags()
	pos, code := c.parse(fs, args, -1)
	if code != proceed {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprint(c.stdout, usage())
		return exitOK
	}
	cmd := lookup(pos[0])
	if cmd == nil {
		c.usagef("onbekend commando %q", pos[0])
		return exitUsage
	}
	fmt.Fprint(c.stdout, cmd.help)
	return exitOK
}

// flags is a flag set for the command with the shared --quiet flag.
func (c *cli) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&c.quiet, "quiet", false, "")
	fs.BoolVar(&c.quiet, "q", false, "")
	return fs
}

// formatFlag adds --format for the commands that report diagnostics.
func (c *cli) formatFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.format, "format", "text", "")
}

// parse parses flags anywhere between the positional arguments, which it
// returns. want is the number of positional arguments expected (-1: any).
// The code is proceed, or the exit code when the command is done: help
// asked for (0) or a usage error (2), already reported.
func (c *cli) parse(fs *flag.FlagSet, args []string, want int) ([]string, int) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(c.stdout, c.cmd.help)
				return nil, exitOK
			}
			c.usagef("%s", flagError(err))
			return nil, exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if c.format != "text" && c.format != "json" {
		c.usagef("--format kent text en json, niet %q", c.format)
		return nil, exitUsage
	}
	if want >= 0 && len(pos) != want {
		if len(pos) > want {
			c.usagef("onverwacht argument %q", pos[want])
		} else {
			c.usagef("te weinig argumenten")
		}
		return nil, exitUsage
	}
	return pos, proceed
}

var flagErrors = []struct {
	re    *regexp.Regexp
	dutch string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "onbekende vlag --$1"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "de vlag --$1 heeft een waarde nodig"},
	{regexp.MustCompile(`^invalid boolean value (".*") for -+(\S+):.*$`), "ongeldige waarde $1 voor --$2: gebruik true of false"},
	{regexp.MustCompile(`^invalid value (".*") for flag -+(\S+):.*$`), "ongeldige waarde $1 voor --$2"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "onjuist geschreven vlag $1"},
}

// flagError says a flag package error in Dutch.
func flagError(err error) string {
	msg := err.Error()
	for _, f := range flagErrors {
		if f.re.MatchString(msg) {
			return f.re.ReplaceAllString(msg, f.dutch)
		}
	}
	return msg
}

// usagef reports wrong usage with the command's help.
func (c *cli) usagef(format string, args ...any) {
	fmt.Fprintf(c.stderr, "prestatie %s: %s\n\n%s", c.name, fmt.Sprintf(format, args...), c.cmd.help)
}

func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "prestatie %s: %s\n", c.name, fmt.Sprintf(format, args...))
}

// printf writes a result line unless --quiet.
func (c *cli) printf(format string, args ...any) {
	if !c.quiet {
		fmt.Fprintf(c.stdout, format, args...)
	}
}

func sourceOK(c *cli, source string) bool {
	if st, err := os.Stat(source); err != nil || !st.IsDir() {
		c.errorf("map van de site %q niet gevonden (geef de map met content/ en prestatie.yaml met --source, of maak er een met prestatie init)", source)
		return false
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
