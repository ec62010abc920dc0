package scanner

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Large texts are scanned in windows, so memory stays bounded whatever a
// file's size: each window owns DefaultWindow bytes and also holds
// WindowOverlap bytes on each side. A match is reported by the window
// that owns its first byte, and the overlap is wider than anything the
// detector looks at around a match: a rule's regex runs from 256 bytes
// before a keyword to 1 KiB after it (to the end of the next line),
// escape decoding from 1 KiB before a hit to 4 KiB after it, and line
// ends are looked for at most 4 KiB away. So a secret across the edge
// between two windows is found once, at its line and column in the whole
// text. What a window cannot see is carried over: the line count, the
// column of the first line, the file's context class and advice (decided
// from its head) and whether Rust's test marker came before.
const (
	// DefaultWindow is the part of a text each window owns.
	DefaultWindow = 8 << 20
	// WindowOverlap is the text each window holds on either side.
	WindowOverlap = 16 << 10
)

// ScanReader scans the text r yields as the file f names (its Path,
// LineOffset and Commit; f.Raw is not read) in windows that own size
// bytes each (DefaultWindow when size is 0), so at most size plus twice
// WindowOverlap bytes are held at once. The findings are those Scan gives
// for the whole text, ordered by position, except that a file's old-Mac
// line ends (CR only) are recognised from its first window, and a line or
// a base64 run longer than the overlap is seen only in part. It also
// returns how many bytes it read; a read error ends the scan and is
// returned with the findings so far.
func (d *Detector) ScanReader(f Fragment, r io.Reader, size int) ([]Finding, int64, error) {
	if size <= 0 {
		size = DefaultWindow
	}
	fs, _, n, err := d.scanWindows(f, r, size, WindowOverlap)
	return fs, n, err
}

// ScanReaderExplained is ScanReader that also returns the candidates a
// filter or an allowlist dropped, as ScanExplained does (none unless the
// detector was compiled with Options.ExplainDrops).
func (d *Detector) ScanReaderExplained(f Fragment, r io.Reader, size int) ([]Finding, []Dropped, int64, error) {
	if size <= 0 {
		size = DefaultWindow
	}
	return d.scanWindows(f, r, size, WindowOverlap)
}

// scanWindows is ScanReader that also returns what filters dropped (see
// ScanExplained).
func (d *Detector) scanWindows(f Fragment, r io.Reader, size, overlap int) ([]Finding, []Dropped, int64, error) {
	if d.keywords == nil || d.PathAllowed(f.Path) {
		return nil, nil, 0, nil
	}
	var (
		out   []Finding
		drops []Dropped
		buf   = make([]byte, 0, size+2*overlap)
		total int64
		// buf[0] is the first byte of the current window; own is where
		// the window's own part starts in buf.
		bufAbs, own int
		// lines counts the line breaks before buf[0]; lineStart is where
		// the line holding buf[0] starts.
		lines, lineStart int
		testsBefore      bool
		crOnly           bool
		place            windowPlace
	)
	for first := true; ; first = false {
		need := own + size + overlap
		n, err := io.ReadFull(r, buf[len(buf):need])
		buf = buf[:len(buf)+n]
		total += int64(n)
		last := false
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			last = true
		case err != nil:
			return out, drops, total, err
		}
		ownEnd := min(len(buf), own+size)
		if last && len(buf) <= own+size {
			ownEnd = len(buf)
		} else {
			last = false
		}
		if first {
			crOnly = bytes.IndexByte(buf, '\n') < 0 && bytes.IndexByte(buf, '\r') >= 0
			place.class, place.advice = Classify(f.Path, buf), Advice(f.Path, buf)
		}
		raw := buf
		if crOnly {
			raw = bytes.ReplaceAll(buf, []byte{'\r'}, []byte{'\n'})
		}
		place.colOffset, place.testsBefore = bufAbs-lineStart, testsBefore
		frag := Fragment{Path: f.Path, Raw: buf, LineOffset: f.LineOffset + lines, Commit: f.Commit}
		fs, dr := d.findings(frag, raw, hitSpan{own, ownEnd}, place)
		out, drops = append(out, fs...), append(drops, dr...)
		if last {
			return out, drops, total, nil
		}
		// Keep the overlap before the next window's own part.
		next := max(0, ownEnd-overlap)
		brk := byte('\n')
		if crOnly {
			brk = '\r'
		}
		if k := bytes.Count(buf[:next], []byte{brk}); k > 0 {
			lines += k
			lineStart = bufAbs + bytes.LastIndexByte(buf[:next], brk) + 1
		}
		if !testsBefore && bytes.Contains(buf[:min(len(buf), next+len(rustTests)-1)], rustTests) {
			testsBefore = true
		}
		buf = buf[:copy(buf, buf[next:])]
		bufAbs += next
		own = ownEnd - next
	}
}

// Stream returns a fragment for path whose text open yields when a
// scanning goroutine gets to it; ScanAll scans it with ScanReader in
// windows of size bytes (DefaultWindow when 0), so a file of any size
// takes bounded memory. open may return a *Skip (a
// binary file), and the reader may end with one (a file that grew past
// the size limit): ScanAll hands both to Warn.
func Stream(path string, size int, open func() (io.ReadCloser, error)) Fragment {
	return Fragment{Path: path, open: open, window: size}
}

// scanStream scans a fragment made by Stream.
func (d *Detector) scanStream(f Fragment) ([]Finding, []Dropped, int64, error) {
	rc, err := f.open()
	if err != nil {
		return nil, nil, 0, err
	}
	size := f.window
	if size <= 0 {
		size = DefaultWindow
	}
	fs, drops, n, err := d.scanWindows(f, rc, size, WindowOverlap)
	if cerr := rc.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("read %s: %w", f.Path, cerr)
	}
	return fs, drops, n, err
}
