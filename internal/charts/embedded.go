package charts

import (
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
)

// embedded holds the ECharts files that make embed-echarts copies from
// node_modules before go build; in a plain go install it has only its
// README.
//
//go:embed echarts
var embedded embed.FS

// EmbeddedECharts is the ECharts built into the binary, or nil when the
// binary was built without it.
func EmbeddedECharts() *ECharts {
	e, err := readEChartsFS(embedded, "echarts")
	if err != nil {
		return nil
	}
	return e
}

// LoadECharts finds ECharts for a site in dir: the copy built into the
// binary first, then node_modules/echarts in dir or a folder above it, then
// in the working directory. The error wraps ErrNoECharts when there is
// none, so that the caller can publish the charts as tables instead.
func LoadECharts(dir string) (*ECharts, error) {
	if e := EmbeddedECharts(); e != nil {
		return e, nil
	}
	return FindECharts(dir, ".")
}

// readEChartsFS reads the pinned build from root in fsys, laid out as the
// npm package is (package.json, dist/, LICENSE, NOTICE).
func readEChartsFS(fsys fs.FS, root string) (*ECharts, error) {
	var pkg struct {
		Version string `json:"version"`
	}
	b, err := fs.ReadFile(fsys, path.Join(root, "package.json"))
	if err == nil {
		err = json.Unmarshal(b, &pkg)
	}
	if err != nil {
		return nil, errors.Join(ErrNoECharts, err)
	}
	if pkg.Version != EChartsVersion {
		return nil, &VersionError{Found: pkg.Version, Dir: root}
	}
	e := &ECharts{Dir: root, Version: pkg.Version}
	for _, f := range []struct {
		dst  *[]byte
		name string
	}{{&e.Script, "dist/" + EChartsScript}, {&e.License, "LICENSE"}, {&e.Notice, "NOTICE"}} {
		if *f.dst, err = fs.ReadFile(fsys, path.Join(root, f.name)); err != nil {
			return nil, errors.Join(ErrNoECharts, err)
		}
	}
	return e, nil
}
