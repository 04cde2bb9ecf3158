package main

func (c *cli) serve(args []string) int {
	c.errorf("nog niet klaar")
	return exitUsage
}
