package source

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hookscan/hookscan/scanner"
)

// textFragment turns the bytes of a file into a fragment to scan: UTF-16
// text (Windows editors and PowerShell write it) is decoded to UTF-8, and
// what is still binary is skipped with a *Skip saying so.
func textFragment(name string, data []byte, binaryReason string) (scanner.Fragment, error) {
	if enc := utf16Encoding(data); enc != nil {
		return scanner.Fragment{Path: name, Raw: decodeUTF16(data, enc)}, nil
	}
	if IsBinary(data) {
		return scanner.Fragment{}, &scanner.Skip{Path: name, Reason: binaryReason}
	}
	return scanner.Fragment{Path: name, Raw: data}, nil
}

// byteOrder reads one UTF-16 code unit.
type byteOrder func(b []byte) uint16

func littleEndian(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
func bigEndian(b []byte) uint16    { return uint16(b[1]) | uint16(b[0])<<8 }

// utf16Encoding recognises UTF-16 by its byte-order mark or, without one,
// by the NUL pattern of mostly-ASCII text: every other byte of the first
// 8 KiB zero, the others not. It returns nil for anything else.
func utf16Encoding(data []byte) byteOrder {
	// A byte-order mark alone is not enough: Latin-1 text may start with
	// ÿþ. UTF-16 that holds anything ASCII (every secret) holds NULs.
	if len(data) >= 2 && bytes.IndexByte(data[:min(len(data), binarySniff)], 0) >= 0 {
		switch {
		case data[0] == 0xff && data[1] == 0xfe:
			return littleEndian
		case data[0] == 0xfe && data[1] == 0xff:
			return bigEndian
		}
	}
	sample := data[:min(len(data), binarySniff)&^1]
	if len(sample) < 8 {
		return nil
	}
	var zeroEven, zeroOdd int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			zeroEven++
		}
		if sample[i+1] == 0 {
			zeroOdd++
		}
	}
	units := len(sample) / 2
	switch {
	case zeroEven == 0 && zeroOdd*10 >= units*9:
		return littleEndian
	case zeroOdd == 0 && zeroEven*10 >= units*9:
		return bigEndian
	}
	return nil
}

// decodeUTF16 decodes UTF-16 text to UTF-8, dropping a byte-order mark;
// unpaired surrogates become U+FFFD.
func decodeUTF16(data []byte, order byteOrder) []byte {
	if len(data) >= 2 && order(data) == 0xfeff {
		data = data[2:]
	}
	return appendUTF16(make([]byte, 0, len(data)/2+len(data)/8), data, order)
}

// appendUTF16 appends the UTF-8 of the UTF-16 units in data to out.
func appendUTF16(out, data []byte, order byteOrder) []byte {
	for i := 0; i+1 < len(data); i += 2 {
		r := rune(order(data[i:]))
		if utf16.IsSurrogate(r) {
			if i+3 < len(data) {
				if d := utf16.DecodeRune(r, rune(order(data[i+2:]))); d != utf8.RuneError {
					out = utf8.AppendRune(out, d)
					i += 2
					continue
				}
			}
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}
