// Package scanner is hookscan's detection engine: pure and offline.
//
// Compile turns rules into a Detector. Detector.Scan is a pure function of a
// Fragment: a keyword prefilter (one Aho-Corasick pass) picks the rules and
// the lines worth a regular expression, each candidate is checked for
// entropy and against the built-in and configured filters, and text that
// looks encoded (base64, percent-encoding, JSON escapes) is decoded and
// scanned again, to a bounded depth, with findings reported at the place of
// the encoded text. Fingerprints and baselines live here too.
//
// The engine knows no git and walks no file system: the sources (package
// source: directories, readers, history, staged changes and ranges) turn
// files and git objects into fragments and hand them to it, so the
// analyzers import the engine without pulling a git library into a user's
// module.
package scanner
