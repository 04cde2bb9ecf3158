package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// needTool skips a test when an external tool is missing, except under CI
// (CI=true), where a missing tool is a failure and never a silent skip.
func needTool(t *testing.T, what string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing; .ci/run should have installed it", what)
	}
	t.Skipf("%s is missing: install it to run this test (see .ci/run)", what)
}

// TestHTMLIsValid runs the Nu HTML Checker (npm vnu-jar, on Java) over
// every page of the built test sites: no errors allowed.
func TestHTMLIsValid(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a Java program")
	}
	jar, _ := filepath.Abs("../../node_modules/vnu-jar/build/dist/vnu.jar")
	_, jarErr := os.Stat(jar)
	needTool(t, "node_modules/vnu-jar (npm ci)", jarErr == nil)
	java, err := exec.LookPath("java")
	needTool(t, "java (apt-get install default-jre-headless)", err == nil)

	out := t.TempDir()
	for name, src := range map[string]string{"default": root, "regio": "../../testdata/sites/regio", "twee": "../../testdata/sites/twee", "huisstijl": "../../testdata/sites/huisstijl"} {
		if _, ds, err := Build(Options{Source: src, Dest: filepath.Join(out, name), BaseURL: "/sub/pad/"}); err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
	}
	res, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", out).CombinedOutput()
	if err != nil || len(res) > 0 {
		t.Errorf("Nu HTML Checker: %v\n%s", err, res)
	}
}
