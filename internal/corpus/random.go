package corpus

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"strings"
)

// Alphabets the secret shapes are drawn from.
const (
	digitChars  = "0123456789"
	lowerChars  = "abcdefghijklmnopqrstuvwxyz"
	upperChars  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	hexChars    = "0123456789abcdef"
	upperHex    = "0123456789ABCDEF"
	alnumChars  = digitChars + upperChars + lowerChars
	lowerAlnum  = digitChars + lowerChars
	upperAlnum  = digitChars + upperChars
	b64Chars    = upperChars + lowerChars + digitChars + "+/"
	b64urlChars = upperChars + lowerChars + digitChars + "-_"
	// meteorChars is the alphabet of Meteor's Random.id (Rocket.Chat ids).
	meteorChars = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz"
	// base32Chars is RFC 4648 base32, the alphabet of AWS key ids.
	base32Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	// crockfordLower is the lower-case ULID alphabet (Paddle ids).
	crockfordLower = "0123456789abcdefghjkmnpqrstvwxyz"
	// secretChars adds punctuation that password generators use and that
	// stays literal in shells, YAML and .env files.
	secretChars = alnumChars + "_-+/=~@^"
)

// unlucky holds substrings that placeholder filters rightly treat as
// "not a real secret". A random value that happens to contain one is drawn
// again, so every planted secret looks like a real one.
var unlucky = []string{
	"xxx", "example", "sample", "test", "your", "dummy", "fake", "change",
	"placeholder", "redact", "abcd", "bcde", "cdef", "1234", "2345", "3456",
	"4567", "5678", "6789", "0000", "1111", "true", "false", "null", "none",
	"todo", "secret", "token", "password", "hook", "key", "demo", "mock",
	"foo", "bar", "qwer", "asdf", "aaaa", "zzzz", "ffff", "eeee", "9999",
	"temp", "xyz", "lorem",
}

// rnd wraps the seeded generator with the helpers the shapes need.
type rnd struct {
	*rand.Rand
}

func newRnd(seed int64) rnd {
	return rnd{rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
}

// between returns an int in [lo, hi].
func (r rnd) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance is true with probability p.
func (r rnd) chance(p float64) bool { return r.Float64() < p }

// pick returns one of the strings.
func (r rnd) pick(options ...string) string { return options[r.IntN(len(options))] }

// raw draws n characters from an alphabet, with no checks.
func (r rnd) raw(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// str draws n characters from an alphabet, again until the value has no
// unlucky substring and at least 3 bits of entropy per character (or the
// most the alphabet and length allow).
func (r rnd) str(alphabet string, n int) string {
	return r.strEntropy(alphabet, n, 0)
}

// strEntropy is str with a minimum entropy; the bar is lowered to what the
// length and alphabet can reach.
func (r rnd) strEntropy(alphabet string, n int, min float64) string {
	limit := math.Log2(float64(min2(n, len(alphabet))))
	want := math.Min(math.Max(min, 3.0), limit-0.35)
	for {
		s := r.raw(alphabet, n)
		if entropy(s) >= want && clean(s) {
			return s
		}
	}
}

// hex draws n lower-case hex digits that contain at least one letter.
func (r rnd) hex(n int) string {
	for {
		s := r.str(hexChars, n)
		if strings.ContainsAny(s, "abcdef") {
			return s
		}
	}
}

// digits draws n digits, the first not zero.
func (r rnd) digits(n int) string {
	for {
		s := r.raw(digitChars, n)
		if s[0] != '0' && clean(s) && entropy(s) >= math.Min(2.5, math.Log2(float64(n))-0.5) {
			return s
		}
	}
}

// mixed draws n characters from an alphabet with letters of both cases and
// a digit, as real tokens nearly always have.
func (r rnd) mixed(alphabet string, n int) string {
	for {
		s := r.str(alphabet, n)
		if strings.ContainsAny(s, lowerChars) && strings.ContainsAny(s, upperChars) && strings.ContainsAny(s, digitChars) {
			return s
		}
	}
}

// b64 returns standard base64 (with padding) of n random bytes.
func (r rnd) b64(n int) string {
	for {
		s := base64.StdEncoding.EncodeToString(r.bytes(n))
		if clean(s) && entropy(s) >= 4 {
			return s
		}
	}
}

// b64NoEdgeSymbol is b64 whose first character is alphanumeric, for
// rules that anchor the value with \b.
func (r rnd) b64NoEdgeSymbol(n int) string {
	for {
		s := r.b64(n)
		if !strings.ContainsAny(s[:1], "+/") {
			return s
		}
	}
}

func (r rnd) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// uuid returns a random version 4 UUID in lower case.
func (r rnd) uuid() string {
	for {
		b := r.bytes(16)
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		s := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
		if clean(s) {
			return s
		}
	}
}

// ulid returns 26 characters in the lower-case ULID alphabet, starting
// with the 01 of a current timestamp.
func (r rnd) ulid() string {
	return "01" + r.str(crockfordLower, 24)
}

// githubToken builds a GitHub token with its real CRC32 checksum: 30 (or
// more) random characters, then the checksum in base62, 6 characters.
func (r rnd) githubToken(prefix string, n int) string {
	body := r.mixed(alnumChars, n-6)
	sum := crc32.ChecksumIEEE([]byte(body))
	return prefix + body + base62(sum, 6)
}

func base62(v uint32, width int) string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = digits[v%62]
		v /= 62
	}
	return string(b)
}

// clean reports whether s has none of the unlucky substrings.
func clean(s string) bool {
	l := strings.ToLower(s)
	for _, u := range unlucky {
		if strings.Contains(l, u) {
			return false
		}
	}
	return true
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

func min2(a, b int) int {
	if a < b {
		return a
	}
	return b
}
