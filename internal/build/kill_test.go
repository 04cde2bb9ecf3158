package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigSite makes a site of n copies of the default agreement, so a build
// takes long enough to be interrupted; version tells the copies apart.
func bigSite(t *testing.T, dir string, n int, version string) {
	t.Helper()
	src := copySite(t)
	agDir := filepath.Join(src, "content", "alphen-chaam-2023-2024")
	os.RemoveAll(filepath.Join(dir, "content"))
	for i := range n {
		dst := filepath.Join(dir, "content", fmt.Sprintf("kopie-%03d", i))
		if err := os.CopyFS(dst, os.DirFS(agDir)); err != nil {
			t.Fatal(err)
		}
		idx := filepath.Join(dst, "_index.md")
		b, _ := os.ReadFile(idx)
		os.WriteFile(idx, []byte(strings.Replace(string(b), "title: Prestatieafspraken 2023/2024", "title: Prestatieafspraken 2023/2024 versie "+version, 1)), 0o644)
	}
}

// TestKilledBuildKeepsOutput kills `prestatie build` with SIGKILL at
// several moments while it writes its output and checks that the output folder is always one whole
// build, the previous or the new one, never a mix or nothing.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site several times")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "prestatie")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/prestatie").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(tmp, "site")
	dest := filepath.Join(site, "public")
	build := func(version string) string {
		bigSite(t, site, 60, version)
		if out, err := exec.Command(bin, "build", "--source", site).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
		return treeHash(t, dest)
	}
	hashB := build("B")
	hashA := build("A")
	interrupted := 0
	// Kill while writing: some time after the new folder appears.
	for i, delay := range []time.Duration{0, 2, 5, 10, 20, 40, 80, 160} {
		version := "A"
		if i%2 == 0 {
			version = "B"
		}
		bigSite(t, site, 60, version)
		before := treeHash(t, dest)
		cmd := exec.Command(bin, "build", "--source", site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			if m, _ := filepath.Glob(filepath.Join(site, ".public.new-*")); len(m) > 0 {
				break
			}
		}
		time.Sleep(delay * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil {
			interrupted++
		}
		if _, err := os.Stat(dest); os.IsNotExist(err) {
			removeStale(site, "public") // what the next build does first
		}
		after := treeHash(t, dest)
		if after != before && after != hashA && after != hashB {
			t.Fatalf("killed after %v: output is neither the previous nor a complete new build", delay*time.Millisecond)
		}
	}
	t.Logf("%d of 8 builds were killed before they finished", interrupted)
	// The next build cleans up whatever a killed build left behind.
	if got := build("A"); got != hashA {
		t.Errorf("rebuild after kills differs from a clean build")
	}
	if left, _ := filepath.Glob(filepath.Join(site, ".public.*")); len(left) > 0 {
		t.Errorf("left behind after a good build: %v", left)
	}
}
