package scanner

import "math"

// Entropy returns the Shannon entropy of s in bits per byte.
func Entropy(s string) float64 {
	if len(s) == 0 {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	var h float64
	for _, c := range counts {
		if c == 0 {
			continue
		}
		p := float64(c) / n
		h -= p * math.Log2(p)
	}
	return h
}

// entropyFloor is the entropy below which a candidate is dropped: the
// rule's, or less for hex digits. Sixteen symbols carry at most 4 bits
// each, and a short run of them repeats some by chance: a random 32-digit
// hex value measures under 3.5 bits one time in five (a Slack signing
// secret, a Datadog API key), and a 24-digit one every other time. For
// hex, the floor is what all but about one random value in a thousand of
// that length measure above.
func entropyFloor(rule float64, s string) float64 {
	if f := hexEntropyFloor(s); f < rule {
		return f
	}
	return rule
}

// hexFloors[i] is the 0.1% quantile of the entropy of random hex values
// of 12+4i digits (simulated, 20,000 values per length).
var hexFloors = [...]float64{2.11, 2.43, 2.68, 2.87, 3.02, 3.10, 3.22, 3.28, 3.34, 3.41, 3.46, 3.48, 3.52, 3.55, 3.56, 3.60, 3.62, 3.64}

// hexEntropyFloor returns the floor for s when it is hex digits in one
// case, with both digits and letters, of 12 or more; otherwise a floor no
// rule reaches.
func hexEntropyFloor(s string) float64 {
	const none = 8
	if len(s) < 12 {
		return none
	}
	var digits, lower, upper bool
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c >= 'a' && c <= 'f':
			lower = true
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			return none
		}
	}
	if !digits || lower == upper {
		return none
	}
	i := (len(s) - 12) / 4
	if i >= len(hexFloors)-1 {
		return hexFloors[len(hexFloors)-1]
	}
	// Linear between the lengths on either side.
	lo, hi := hexFloors[i], hexFloors[i+1]
	return lo + (hi-lo)*float64((len(s)-12)%4)/4
}
