package build

import (
	"image/color"
	"testing"
)

func TestResolveTokens(t *testing.T) {
	t.Parallel()
	tok := tokens([]byte(`:root { --prestatie-color-primary: var(--basis-color-accent-1-inverse-bg-default, #154273); --x: var(--nope, var(--y)); }`),
		[]byte(`.voorbeeld-theme { --basis-color-accent-1-inverse-bg-default: var(--voorbeeld-violet-700); --voorbeeld-violet-700: #4B2A8A; --y: #abc; }`))
	tests := []struct{ in, want string }{
		{"var(--prestatie-color-primary)", "#4B2A8A"},
		{"var(--x)", "#abc"},
		{"var(--missing, #123456)", "#123456"},
		{"var(--missing)", ""},
		{"1px solid var(--y)", "1px solid #abc"},
	}
	for _, tt := range tests {
		if got := resolve(tok, tt.in, 0); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if c, ok := parseColour("#abc"); !ok || c != (color.RGBA{0xaa, 0xbb, 0xcc, 0xff}) {
		t.Errorf("parseColour(#abc) = %v %v", c, ok)
	}
	if _, ok := parseColour("rebeccapurple"); ok {
		t.Error("named colours are not read")
	}
}
