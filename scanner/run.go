package scanner

import (
	"cmp"
	"context"
	"iter"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Skip is a file a source chose not to scan, and why. Sources yield it as
// an error; it is information (the CLI shows it in verbose mode), not a
// failure.
type Skip struct {
	// Path is the file skipped.
	Path string
	// Reason says why, e.g. "binary file" or "larger than 10 MiB".
	Reason string
}

func (s *Skip) Error() string { return s.Path + ": skipped: " + s.Reason }

// Progress is a running count for progress displays.
type Progress struct {
	// Fragments and Bytes scanned so far.
	Fragments, Bytes int64
	// Findings so far.
	Findings int64
}

// RunOptions tune ScanAll.
type RunOptions struct {
	// Jobs is the number of scanning goroutines; 0 means one per CPU.
	Jobs int
	// Warn receives the errors the source yields (including *Skip), one
	// call at a time. When nil they are dropped.
	Warn func(error)
	// Progress, when set, is called now and then from a single goroutine.
	Progress func(Progress)
	// Dropped, when set, receives the candidates filters dropped, one call
	// at a time (the detector must be compiled with ExplainDrops).
	Dropped func(Dropped)
}

// ScanAll scans every fragment src yields with a pool of workers and
// returns the findings sorted by file, line and column. Errors the source
// yields go to Warn and do not stop the scan; ScanAll returns only the
// context's error.
func ScanAll(ctx context.Context, d *Detector, src iter.Seq2[Fragment, error], opts RunOptions) ([]Finding, error) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	work := make(chan Fragment, 2*jobs)
	var (
		warnMu   sync.Mutex
		mu       sync.Mutex
		findings []Finding
		wg       sync.WaitGroup
		done     atomic.Int64
		bytesN   atomic.Int64
		found    atomic.Int64
	)
	for range jobs {
		wg.Go(func() {
			for f := range work {
				f, err := f.Load()
				if err != nil {
					if opts.Warn != nil {
						warnMu.Lock()
						opts.Warn(err)
						warnMu.Unlock()
					}
					continue
				}
				var (
					fs    []Finding
					drops []Dropped
				)
				n := int64(len(f.Raw))
				if f.open != nil {
					fs, drops, n, err = d.scanStream(f)
					if err != nil && opts.Warn != nil {
						warnMu.Lock()
						opts.Warn(err)
						warnMu.Unlock()
					}
				} else {
					fs, drops = d.ScanExplained(f)
				}
				if opts.Dropped != nil && len(drops) > 0 {
					warnMu.Lock()
					for _, dr := range drops {
						opts.Dropped(dr)
					}
					warnMu.Unlock()
				}
				done.Add(1)
				bytesN.Add(n)
				if len(fs) > 0 {
					found.Add(int64(len(fs)))
					mu.Lock()
					findings = append(findings, fs...)
					mu.Unlock()
				}
			}
		})
	}
	report := func() {
		if opts.Progress != nil {
			opts.Progress(Progress{Fragments: done.Load(), Bytes: bytesN.Load(), Findings: found.Load()})
		}
	}
	n := 0
	for f, err := range src {
		if err != nil {
			if opts.Warn != nil {
				warnMu.Lock()
				opts.Warn(err)
				warnMu.Unlock()
			}
			continue
		}
		select {
		case work <- f:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		if n++; n%256 == 0 {
			report()
		}
	}
	close(work)
	wg.Wait()
	report()
	SortFindings(findings)
	return findings, ctx.Err()
}

// SortFindings orders findings by file, line, column and rule.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Commit, b.Commit),
		)
	})
}
