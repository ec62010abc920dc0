package report

import "github.com/hookscan/hookscan/scanner"

// VerificationText is how every format says what a live check found: a
// live secret is called out ("live — rotate now"), the others give the
// reason. It is "" when no check was asked for.
func VerificationText(v *scanner.Verification) string {
	if v == nil || v.Status == "" {
		return ""
	}
	s := v.Status
	if v.Status == scanner.VerifyLive {
		s = "live — rotate now"
	}
	switch {
	case v.Detail == "":
		return s
	case v.Status == scanner.VerifyLive || v.Status == scanner.VerifyRevoked:
		return s + " (" + v.Detail + ")"
	}
	return s + ": " + v.Detail
}
