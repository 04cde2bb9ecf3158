package main

import (
	"context"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/prestatie/prestatie/internal/serve"
)

func (c *cli) serve(args []string) int {
	fs := c.flags()
	source := fs.String("source", ".", "")
	port := fs.Int("port", 8080, "")
	bind := fs.String("bind", "127.0.0.1", "")
	public := fs.Bool("public", false, "")
	noDrafts := fs.Bool("no-drafts", false, "")
	if _, code := c.parse(fs, args, 0); code != proceed {
		return code
	}
	if err := serve.CheckBind(*bind, *public); err != nil {
		c.usagef("--bind: %v", err)
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		c.usagef("--port: %d is geen poort (0 tot 65535)", *port)
		return exitUsage
	}
	if !sourceOK(c, *source) {
		return exitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		c.errorf("kan niet luisteren op %s:%d (%v); kies een andere poort met --port", *bind, *port, err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := serve.New(serve.Options{Source: *source, Drafts: !*noDrafts, Log: c.stderr, Quiet: c.quiet})
	c.printf("voorbeeld op http://%s/ (stoppen met Ctrl+C)\n", ln.Addr())
	if err := s.Run(ctx, ln); err != nil {
		c.errorf("%v", err)
		return exitUsage
	}
	return exitOK
}
