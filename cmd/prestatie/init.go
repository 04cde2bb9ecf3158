package main

import (
	"time"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/scaffold"
)

func (c *cli) init(args []string) int {
	fs := c.flags()
	municipality := fs.String("municipality", "", "")
	pos, code := c.parse(fs, args, -1)
	if code != proceed {
		return code
	}
	if len(pos) > 1 {
		c.usagef("geef hooguit één map")
		return exitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	now := time.Now()
	files, err := scaffold.Init(dir, *municipality, agreement.NewDate(now.Year(), now.Month(), now.Day()))
	if err != nil {
		c.errorf("%v", err)
		return exitUsage
	}
	for _, f := range files {
		c.printf("%s\n", f)
	}
	c.printf("\nklaar: bekijk de site met prestatie serve%s, of bouw hem met prestatie build%s\n", sourceArg(dir), sourceArg(dir))
	return exitOK
}

func sourceArg(dir string) string {
	if dir == "." {
		return ""
	}
	return " --source " + dir
}
