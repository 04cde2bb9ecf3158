package search

import (
	"reflect"
	"testing"
)

// scanCases are pages that take scan through its states: what rendered
// pages hold and what they might (a site's own templates and HTML).
var scanCases = []string{
	page,
	`<main><h1>T</h1><p>a &amp; b &lt;c&gt; &eacute;&#233;&#x41; &amp &notit; x</p></main>`,
	`<main><p>a < b, c <= d, <3 and 1<2</p><p>e</p></main>`,
	`<main><!-- a <p>comment</p> --><p>x</p><!---><p>y</p><!-->z<!-- a --!> b<!-- c --!- d --></main>`,
	`<!DOCTYPE html><main><?xml x?><p>a</p></><p>b</p></ x><p>c</p><!x>d</main>`,
	`<main><script>if (a < b && c > d) { x = "</p>" }</script><p>e</p><style>p > a { }</style>f</main>`,
	`<main><SCRIPT type="x">a</Script >b<Style>c</STYLE/>d</main>`,
	`<main><title>a &amp; b</title><textarea>c &lt; d</textarea><xmp>e &amp; f</xmp><iframe>g</iframe></main>`,
	`<main><P ID="Up" CLASS="chart-data">hidden</P><p id=x class=a/>y<p a=/>z<br/>w<img src=x/>v</main>`,
	`<main><p id="a" id="b">one</p><p class="x" CLASS="chart-data">two</p><p hidden>three</p><p aria-hidden="true">four</p><p aria-hidden=false>five</p></main>`,
	`<main><p =a b = "c" d='e>f' g=h/ i / j>k</p><p/ id="q">l</p></main>`,
	`<main><h2 id="h">Kop <em>nadruk</em></h2><ul><li id="a">x<li id="b">y</ul><h3>sub</h3>z<section id="s"><h2>in</h2>t</section></main>`,
	`<nav class="breadcrumbs"><ol><li><a>Home</a><li>Midden <b>deel</b><li>Pagina</ol></nav><main><h1>P</h1></main>`,
	`<nav class="x` + "\u00a0" + `breadcrumbs"><ol><li>a</li><li>b</li><li>c</li></ol></nav><main><p class="y` + "\u00a0" + `chart-data">n</p>m</main>`,
	"<main><p>a\r\nb\tc\fd\x00e</p></main>",
	`<main><svg><title>t</title><text>s</text></svg><nav>n</nav><button>b</button><form><p>f</p></form><template>t</template><noscript>ns</noscript>ok</main>`,
	`<main><div class="chart-downloads"><a>csv</a></div><figure id="fig"><figcaption>Cap</figcaption><table class="chart-data"><tr><td>1</td></tr></table></figure>after</main>`,
	`<p>no main at all <b>here</b></p>`,
	`<main><p>x</p></main><main><p>y</p></main>`,
	`<main><p>x</p><`,
}

// givenUp are pages scan leaves to the Tokenizer.
var givenUp = []string{
	`<main><p id="a&amp;b">x</p></main>`,
	`<main><p class="a` + "\r" + `b">x</p></main>`,
	`<main><script><!-- <script></script> --></script><p>x</p></main>`,
	`<main><plaintext><p>x</p></main>`,
	`<main><p>x</p><p`,
	`<main><p>x</p><!-- y`,
	`<main><script>x`,
	`<main><p>x</p></`,
	`<main><p title="a`,
	`<main><title>a` + "\x00" + `b</title></main>`,
}

// TestScanAsTokenizer: Extract's own tokenizer finds in every page what
// golang.org/x/net/html's Tokenizer finds, or gives up.
func TestScanAsTokenizer(t *testing.T) {
	t.Parallel()
	for _, c := range scanCases {
		if !scan(&extractor{}, []byte(c)) {
			t.Errorf("%q: scan gave up", c)
		}
		checkScan(t, []byte(c))
	}
	for _, c := range givenUp {
		if scan(&extractor{}, []byte(c)) {
			t.Errorf("%q: scan read it, want it left to the Tokenizer", c)
		}
	}
}

func checkScan(t *testing.T, b []byte) {
	t.Helper()
	var fast, slow extractor
	if !scan(&fast, b) {
		return
	}
	extractTokens(&slow, b)
	if !reflect.DeepEqual(fast.doc, slow.doc) {
		t.Errorf("%q:\nscan      %+v\ntokenizer %+v", b, fast.doc, slow.doc)
	}
}

func FuzzScan(f *testing.F) {
	for _, c := range append(scanCases, givenUp...) {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkScan(t, b) })
}
