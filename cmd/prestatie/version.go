package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/prestatie/prestatie/internal/charts"
)

// Set by the Makefile (-ldflags -X main.buildVersion=…) from git; without
// them the build info's VCS stamp is used, when go build made one.
var buildVersion, buildCommit, buildDirty string

func (c *cli) version(args []string) int {
	if _, code := c.parse(c.flags(), args, 0); code != proceed {
		return code
	}
	v, commit, dirty := "(onbekend)", "onbekend", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Version
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = " (met niet-vastgelegde wijzigingen)"
				}
			}
		}
	}
	if buildVersion != "" {
		v = buildVersion
	}
	if buildCommit != "" {
		commit = buildCommit
	}
	if buildDirty == "true" {
		dirty = " (met niet-vastgelegde wijzigingen)"
	}
	ech := "niet ingebouwd (grafieken uit node_modules, of als tabellen)"
	if e := charts.EmbeddedECharts(); e != nil {
		ech = e.Version + " (ingebouwd)"
	}
	fmt.Fprintf(c.stdout, "prestatie %s\ncommit:   %s%s\ngo:       %s\nplatform: %s/%s\nECharts:  %s\n",
		v, commit, dirty, runtime.Version(), runtime.GOOS, runtime.GOARCH, ech)
	return exitOK
}
