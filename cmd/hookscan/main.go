// Command hookscan finds hard-coded webhook secrets in files, git history
// and staged changes, and tells people how to rotate them.
//
// Exit codes: 0 no findings, 1 findings (or --exit-code N), 2 error.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/hookscan/hookscan/internal/report"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := newRootCommand(os.Stdout, os.Stderr).ExecuteContext(ctx)
	stop()
	os.Exit(exitCode(err))
}

// exitError carries an exit code without a message of its own.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		// One line, whatever the error holds: paths may carry newlines
		// or escape sequences, and regexp errors quote the pattern.
		fmt.Fprintln(os.Stderr, "hookscan: "+report.Printable(err.Error()))
		return 2
	}
}
