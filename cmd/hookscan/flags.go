package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hookscan/hookscan/source"
	"github.com/mattn/go-isatty"
)

// sizeFlag is a byte count given as 10MiB, 10M, 512k or plain bytes.
type sizeFlag int64

func (s *sizeFlag) String() string { return source.FormatSize(int64(*s)) }
func (s *sizeFlag) Type() string   { return "size" }

func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

// onceFlag is a string flag that may be given once: pflag would keep the
// last of several silently, and a scan that follows one of two branches
// named must not pass for a scan of both.
type onceFlag struct {
	value, hint string
	set         bool
}

func (o *onceFlag) String() string { return o.value }
func (o *onceFlag) Type() string   { return "string" }

func (o *onceFlag) Set(v string) error {
	if o.set {
		return fmt.Errorf("given twice (%q, then %q): %s", o.value, v, o.hint)
	}
	o.value, o.set = v, true
	return nil
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10},
	{"gb", 1 << 30}, {"mb", 1 << 20}, {"kb", 1 << 10},
	{"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1},
}

func parseSize(v string) (int64, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q (want e.g. 10MiB, 512KiB or a byte count)", v)
	}
	return int64(n * float64(mult)), nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
