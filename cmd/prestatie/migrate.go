package main

import "github.com/prestatie/prestatie/internal/migrate"

func (c *cli) migrate(args []string) int {
	fs := c.flags()
	source := fs.String("source", ".", "")
	if _, code := c.parse(fs, args, 0); code != proceed {
		return code
	}
	if !sourceOK(c, *source) {
		return exitUsage
	}
	files, err := migrate.Site(*source)
	for _, f := range files {
		c.printf("%s\n", f)
	}
	if err != nil {
		c.errorf("%v", err)
		return exitUsage
	}
	c.printf("%d %s omgezet; vergelijk ze met het ondertekende document en draai prestatie check\n", len(files), plural(len(files), "bestand", "bestanden"))
	return exitOK
}
