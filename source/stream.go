package source

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hookscan/hookscan/scanner"
)

// streamFile is a fragment that opens a file when a scanning goroutine
// gets to it and scans it in windows.
func streamFile(path, name string, limit int64, window int) scanner.Fragment {
	return streamPath(path, name, limit, window, "binary file", func() error { return tooLarge(name, limit, -1) })
}

// streamPath is a fragment that opens path when scanned and reads it
// through textStream.
func streamPath(path, name string, limit int64, window int, binaryReason string, tooBig func() error) scanner.Fragment {
	return scanner.Stream(name, window, func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, unwrapPathError(err))
		}
		rc, err := textStream(f, f, name, limit, binaryReason, tooBig)
		if err != nil {
			f.Close()
		}
		return rc, err
	})
}

// Stream is Reader for a scan in windows: it reads only the head of r now
// (to skip binary input and decode UTF-16), and the rest as the returned
// fragment is scanned, so input of any size takes bounded memory. More
// than limit bytes (0 means DefaultMaxFileSize) is an error.
func Stream(r io.Reader, name string, limit int64) (scanner.Fragment, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	rc, err := textStream(r, io.NopCloser(nil), name, limit, "binary input", func() error {
		return fmt.Errorf("read %s: input larger than %s (raise --max-file-size)", name, FormatSize(limit))
	})
	if err != nil {
		return scanner.Fragment{}, err
	}
	used := false
	return scanner.Stream(name, 0, func() (io.ReadCloser, error) {
		if used {
			return nil, fmt.Errorf("read %s: a stream is read once", name)
		}
		used = true
		return rc, nil
	}), nil
}

// textStream sniffs the head of r as textFragment does: a binary head is
// a *scanner.Skip, UTF-16 is decoded as it streams. The reader returned
// fails with tooBig() past limit bytes of r, and closes c.
func textStream(r io.Reader, c io.Closer, name string, limit int64, binaryReason string, tooBig func() error) (io.ReadCloser, error) {
	lr := &limitReader{r: r, left: limit, tooBig: tooBig}
	br := bufio.NewReaderSize(lr, 64<<10)
	head, err := br.Peek(binarySniff)
	switch {
	case err != nil && lr.left < 0:
		return nil, err // over the limit within the head: tooBig's own words
	case err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull):
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var out io.Reader = br
	if order := utf16Encoding(head); order != nil {
		out = &utf16Reader{r: br, order: order, first: true}
	} else if IsBinary(head) {
		return nil, &scanner.Skip{Path: name, Reason: binaryReason}
	}
	return readCloser{out, c}, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

// limitReader reads at most left bytes of r, and fails with tooBig() when
// r holds more.
type limitReader struct {
	r      io.Reader
	left   int64
	tooBig func() error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, l.tooBig()
	}
	// Ask for one byte past the limit to learn whether there is more.
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n + int(l.left), l.tooBig()
	}
	return n, err
}

// utf16Reader decodes UTF-16 to UTF-8 as it reads, as decodeUTF16 does
// for a whole text: a byte-order mark at the start is dropped, unpaired
// surrogates become U+FFFD.
type utf16Reader struct {
	r     io.Reader
	order byteOrder
	first bool
	in    []byte // undecoded units, at most one pair left over
	out   []byte // decoded, not yet returned
	err   error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill decodes the next chunk, keeping back a trailing odd byte or high
// surrogate that the next chunk completes.
func (u *utf16Reader) fill() {
	if cap(u.in) == 0 {
		u.in = make([]byte, 0, 64<<10)
	}
	n, err := io.ReadAtLeast(u.r, u.in[len(u.in):cap(u.in)], 1)
	u.in = u.in[:len(u.in)+n]
	if err != nil {
		u.err = err
		if errors.Is(err, io.ErrUnexpectedEOF) {
			u.err = io.EOF
		}
	}
	data := u.in
	if u.first && len(data) >= 2 {
		if u.order(data) == 0xfeff {
			data = data[2:]
		}
		u.first = false
	}
	keep := len(data) % 2
	if u.err == nil && len(data)-keep >= 2 {
		if r := u.order(data[len(data)-keep-2:]); r >= 0xd800 && r < 0xdc00 {
			keep += 2 // a high surrogate: its pair is in the next chunk
		}
	}
	if u.err != nil {
		keep = 0
	}
	u.out = appendUTF16(u.out[:0], data[:len(data)-keep], u.order)
	u.in = u.in[:copy(u.in, data[len(data)-keep:])]
}
