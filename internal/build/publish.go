package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/prestatie/prestatie/internal/site"
)

// Publish writes files into a fresh folder beside dest and only then swaps
// it in, so a failed or killed build never leaves a half-written dest: the
// previous output stays until the new one is complete.
func Publish(files []site.File, dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	tmp = filepath.Clean(tmp)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if !strings.HasPrefix(p, tmp+string(filepath.Separator)) {
			return fmt.Errorf("uitvoerbestand %q valt buiten de uitvoermap", f.Path)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = filepath.Join(parent, "."+base+".old-"+filepath.Base(tmp)[len(base)+6:])
		if err := os.Rename(dest, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest) // put the previous output back
		}
		return err
	}
	ok = true
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// removeStale cleans up after a build killed midway. A build killed between
// its two renames left dest missing and the previous output in an .old-
// folder: that one is put back first.
func removeStale(parent, base string) {
	dest := filepath.Join(parent, base)
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		if olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*")); len(olds) > 0 {
			os.Rename(olds[0], dest)
		}
	}
	for _, pat := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pat))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}
