package org

import "testing"

// TestGitError: git clone of a path that is no repository says why on
// its fatal line and then adds hints; the fatal line is the message.
func TestGitError(t *testing.T) {
	for stderr, want := range map[string]string{
		"fatal: '/tmp/nonexist.git' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n": "fatal: '/tmp/nonexist.git' does not appear to be a git repository",
		"warning: redirecting to https://x/\nerror: RPC failed; HTTP 500\n": "error: RPC failed; HTTP 500",
		"something odd\nlast words\n":                                       "last words",
		"":                                                                  "",
	} {
		if got := gitError(stderr); got != want {
			t.Errorf("gitError(%q) = %q, want %q", stderr, got, want)
		}
	}
}
