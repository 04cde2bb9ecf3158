package build

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/site"
)

// version makes the files of one complete build, told apart by v: enough
// files in folders that a publish takes a moment.
func version(v string) []site.File {
	var files []site.File
	for i := range 200 {
		files = append(files, site.File{Path: fmt.Sprintf("d%02d/p%03d.html", i%20, i), Data: []byte(strings.Repeat(v, 100+i))})
	}
	return append(files, site.File{Path: "index.html", Data: []byte(v)}, site.File{Path: "404.html", Data: []byte(v)})
}

// versionHash is the tree hash of a folder published with version(v).
func versionHash(t *testing.T, v string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "out")
	if err := Publish(version(v), dest); err != nil {
		t.Fatal(err)
	}
	return treeHash(t, dest)
}

// TestKillHelper is not a test of its own: TestKilledPublish runs the test
// binary with PRESTATIE_KILL_AT set, and this publishes version B and stops
// at that moment, saying "ready", to be killed there with SIGKILL.
func TestKillHelper(t *testing.T) {
	point := os.Getenv("PRESTATIE_KILL_AT")
	if point == "" {
		t.Skip("helper process for TestKilledPublish")
	}
	stopAt(point)
	Publish(version("B"), os.Getenv("PRESTATIE_DEST"))
	t.Fatalf("publish passed %q without stopping", point)
}

// TestKilledPublish kills a publish with SIGKILL at each moment that matters
// (halfway through writing, written, right before the swap, between the two
// renames of the fallback, while removing the previous output) and checks
// that the destination is always one whole build, the previous or the new
// one, possibly after the next build's recovery, and that the next build
// gets the lock, cleans up and publishes.
func TestKilledPublish(t *testing.T) {
	t.Parallel()
	hashA, hashB, hashC := versionHash(t, "A"), versionHash(t, "B"), versionHash(t, "C")
	tests := []struct {
		point    string
		fallback bool
		want     string // what dest holds after the kill and recovery
	}{
		{"writing", false, "A"},
		{"written", false, "A"},
		{"swap", false, "A"},
		{"cleanup", false, "B"},
		{"swap", true, "A"},
		{"between", true, "A"},
		{"cleanup", true, "B"},
	}
	for _, tt := range tests {
		name := tt.point
		if tt.fallback {
			name += "-fallback"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if err := Publish(version("A"), dest); err != nil {
				t.Fatal(err)
			}
			env := []string{"PRESTATIE_KILL_AT=" + tt.point, "PRESTATIE_DEST=" + dest}
			if tt.fallback {
				env = append(env, "PRESTATIE_NO_EXCHANGE=1")
			}
			killWhenReady(t, "TestKillHelper", tt.point, env...)
			if tt.point == "between" {
				if _, err := os.Lstat(dest); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("killed between the renames, yet dest exists: %v", err)
				}
			}
			Recover(dest) // what the next build does first
			want := map[string]string{"A": hashA, "B": hashB}[tt.want]
			if got := treeHash(t, dest); got != want {
				t.Errorf("after a kill at %q dest is not the whole build %s", tt.point, tt.want)
			}
			if left, _ := filepath.Glob(filepath.Join(parent, ".public.*-*")); len(left) > 0 {
				t.Errorf("left behind after recovery: %v", left)
			}
			// The killed process released its lock: the next build does not wait.
			// (Not at once: a helper being started by a parallel subtest
			// holds a copy of every descriptor between fork and exec.)
			unlock, err := lockDest(parent, "public", 10*time.Second)
			if err != nil {
				t.Fatalf("lock still held after the kill: %v", err)
			}
			unlock()
			if err := Publish(version("C"), dest); err != nil {
				t.Fatal(err)
			}
			if got := treeHash(t, dest); got != hashC {
				t.Errorf("the build after the kill is not whole")
			}
		})
	}
}

// stopAt makes a helper process say "ready" at point and wait there to be
// killed; PRESTATIE_NO_EXCHANGE=1 makes it publish without renameat2.
func stopAt(point string) {
	noExchange = os.Getenv("PRESTATIE_NO_EXCHANGE") == "1"
	testHook = func(p string) {
		if p == point {
			fmt.Println("ready")
			select {} // wait for SIGKILL
		}
	}
}

// TestKillBuildHelper is the helper process of TestKilledIncrementalBuild:
// an incremental build that stops at PRESTATIE_KILL_AT until it is killed.
func TestKillBuildHelper(t *testing.T) {
	point := os.Getenv("PRESTATIE_KILL_BUILD_AT")
	if point == "" {
		t.Skip("helper process for TestKilledIncrementalBuild")
	}
	stopAt(point)
	Build(Options{Source: os.Getenv("PRESTATIE_SOURCE"), Dest: os.Getenv("PRESTATIE_DEST"), NoPDF: true})
	t.Fatalf("build passed %q without stopping", point)
}

// TestKilledIncrementalBuild: an incremental build killed after it stored
// its agreements in the cache (before the swap, while it puts the changed
// entries in place, with or without exchanging them, and while the
// previous ones are removed) leaves a whole output, the old or the new
// one, and the next incremental build gives exactly what a cold build
// gives.
func TestKilledIncrementalBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site several times")
	}
	t.Parallel()
	for _, tt := range []struct {
		point    string
		new      bool // dest holds the new build after the kill
		fallback bool // two renames instead of an exchange
	}{{"written", false, false}, {"swap", false, false}, {"between", false, false}, {"between", false, true}, {"cleanup", true, false}} {
		name := tt.point
		if tt.fallback {
			name += "-fallback"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Two agreements, one of which changes: the other's folder
			// stays, and the rest is put in place entry by entry.
			src := t.TempDir()
			if err := corpus.Write(src, 2); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Dest: dest, NoPDF: true})
			old := treeHash(t, dest)
			ids := agreementIDs(t, src)
			edit(t, filepath.Join(src, "content", ids[0], "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw en meer")
			cold := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Dest: cold, NoPDF: true, NoCache: true})
			want := treeHash(t, cold)

			env := []string{"PRESTATIE_KILL_BUILD_AT=" + tt.point, "PRESTATIE_SOURCE=" + src, "PRESTATIE_DEST=" + dest}
			if tt.fallback {
				env = append(env, "PRESTATIE_NO_EXCHANGE=1")
			}
			killWhenReady(t, "TestKillBuildHelper", tt.point, env...)
			if _, err := os.Lstat(dest); err != nil {
				t.Fatalf("the output went missing while changed entries were put in place: %v", err)
			}
			Recover(dest)
			got, wantNow := treeHash(t, dest), old
			if tt.new {
				wantNow = want
			}
			if got != wantNow {
				t.Errorf("after a kill at %q the output is not the whole old or new build", tt.point)
			}
			buildOK(t, Options{Source: src, Dest: dest, NoPDF: true})
			if treeHash(t, dest) != want {
				t.Errorf("the incremental build after a kill at %q differs from a cold build", tt.point)
			}
		})
	}
}

// killWhenReady runs the helper test of this binary with env, waits until
// it says "ready" (it has reached point), and kills it with SIGKILL.
func killWhenReady(t *testing.T, helper, point string, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^"+helper+"$")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if line != "ready\n" {
		t.Fatalf("helper did not reach %q: %q", point, line)
	}
}
