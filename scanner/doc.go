// Package scanner is hookscan's detection engine and its sources.
//
// Compile turns rules into a Detector. Detector.Scan is a pure function of a
// Fragment: a keyword prefilter (one Aho-Corasick pass) picks the rules and
// the lines worth a regular expression, each candidate is checked for
// entropy and against the built-in and configured filters, and text that
// looks encoded (base64, percent-encoding, JSON escapes) is decoded and
// scanned again, to a bounded depth, with findings reported at the place of
// the encoded text. Sources (Dir, Reader, History with its ranges, Staged) turn
// files and git objects into fragments; concurrency lives there.
package scanner
