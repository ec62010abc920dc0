package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/hookscan/hookscan/scanner"
)

// progressDelay keeps short scans silent: the line appears only when a scan
// has run this long.
const progressDelay = 750 * time.Millisecond

// progressLine shows a scan's progress on standard error when it is a
// terminal: items, bytes, throughput and findings so far.
type progressLine struct {
	bar   *progressbar.ProgressBar
	w     io.Writer
	start time.Time
	noun  string
	on    bool
	// prefix opens the line (an organisation scan names the repository).
	prefix string
	// scanned and blobsScanned are the last counts of files and blobs
	// scanned, kept whether or not the line is shown.
	scanned      int64
	blobsScanned int
}

// progress returns a progress line for a scan counting noun ("files",
// "blobs"), or an inert one when progress is off.
func (a *app) progress(noun string) *progressLine {
	a.shown = &progressLine{w: a.stderr, start: time.Now(), noun: noun, on: !a.noProgress && !a.quiet && isTerminal(a.stderr)}
	return a.shown
}

// clear wipes the line so that a message can be printed; the next update
// draws it again.
func (p *progressLine) clear() {
	if p != nil && p.bar != nil {
		_ = p.bar.Clear()
	}
}

// update takes the scanner's running counts; it is called from a single
// goroutine.
func (p *progressLine) update(s scanner.Progress) {
	p.scanned = s.Fragments
	if !p.on || time.Since(p.start) < progressDelay {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionShowBytes(true),
		)
	}
	// The bar shows bytes and their rate itself; one rate is enough.
	p.bar.Describe(p.prefix + fmt.Sprintf("%d %s, %d findings", s.Fragments, p.noun, s.Findings))
	_ = p.bar.Set64(s.Bytes)
}

// done clears the line.
func (p *progressLine) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// syncWriter serializes writes to w, for output that two goroutines make
// at once.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
