package charts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// The ECharts build the site serves: from the npm registry, pinned by the
// repository's package-lock.json, installed into node_modules by npm ci.
// echarts.common.min.js has the bar, line and pie charts, the SVG renderer
// and aria support, and no third-party requests.
//
// go-echarts v2.6.7 writes options for ECharts 5 (it bundles 5.4.3). The
// options here set colours, legend position, grid and fonts explicitly, so
// that ECharts 6's new defaults (theme, legend at the bottom) do not apply;
// the browser test (internal/e2e) checks that every chart draws on this
// version without a console error.
const (
	EChartsVersion = "6.1.0"
	EChartsScript  = "echarts.common.min.js"
	echartsDir     = "node_modules/echarts"
)

// ErrNoECharts says how to get ECharts when it is missing.
var ErrNoECharts = errors.New("ECharts niet gevonden; voer npm ci uit")

// ECharts is the library with its licence texts (Apache-2.0 asks that
// LICENSE and NOTICE travel with it).
type ECharts struct {
	Dir     string // the node_modules/echarts folder it came from
	Version string
	Script  []byte
	License []byte
	Notice  []byte
}

// FindECharts looks for node_modules/echarts in each of dirs and in every
// folder above them, and reads the pinned build from the first one found.
func FindECharts(dirs ...string) (*ECharts, error) {
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		for dir := abs; ; dir = filepath.Dir(dir) {
			root := filepath.Join(dir, filepath.FromSlash(echartsDir))
			if st, err := os.Stat(root); err == nil && st.IsDir() {
				return readECharts(root)
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return nil, fmt.Errorf("%w (gezocht naar %s vanaf %v)", ErrNoECharts, echartsDir, dirs)
}

func readECharts(root string) (*ECharts, error) {
	e, err := readEChartsFS(os.DirFS(root), ".")
	if err != nil {
		var v *VersionError
		if errors.As(err, &v) {
			v.Dir = root
		} else {
			err = fmt.Errorf("%s: %w", root, err)
		}
		return nil, err
	}
	e.Dir = root
	return e, nil
}

// VersionError is an ECharts of another version than the pinned one.
type VersionError struct{ Found, Dir string }

func (e *VersionError) Error() string {
	return fmt.Sprintf("ECharts %s gevonden in %s, maar de site is gemaakt voor %s; voer npm ci uit", e.Found, e.Dir, EChartsVersion)
}

// Unwrap makes a wrong version count as no ECharts: the charts become tables.
func (e *VersionError) Unwrap() error { return ErrNoECharts }
