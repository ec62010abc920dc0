package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	ghreport "github.com/hookscan/hookscan/internal/github"
	"github.com/hookscan/hookscan/internal/gitleaks"
	"github.com/hookscan/hookscan/rules"
	"github.com/hookscan/hookscan/scanner"
)

// trustedRules is what judges a pull request: the rules, allowlists and
// baseline of its base commit, never of the change under review.
type trustedRules struct {
	// d honours hookscan:allow markers; all does not, so the markers a
	// pull request adds can be shown to its reviewer.
	d, all *scanner.Detector
	// base is the base commit's baseline; head the pull request's own.
	base, head *scanner.Baseline
	// notes tell the reviewer which of these files the pull request
	// changes, and that the changes wait for the merge.
	notes []string
}

// gitBlob reads path (relative to the working directory) at commit; ok
// is false when the commit has no such file.
func gitBlob(ctx context.Context, commit, path string) (data []byte, ok bool) {
	data, err := gitOutput(ctx, "cat-file", "blob", commit+":./"+filepath.ToSlash(path))
	return data, err == nil
}

// inRepo returns path relative to the working directory when it lies in
// the repository's work tree, where a pull request can change it.
func inRepo(ctx context.Context, path string) (string, bool) {
	top, err := gitOutput(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", false
	}
	abs, err1 := filepath.Abs(path)
	wd, err2 := os.Getwd()
	if err1 != nil || err2 != nil {
		return "", false
	}
	t, _ := filepath.EvalSymlinks(strings.TrimSpace(string(top)))
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(d, filepath.Base(abs))
	}
	if w, err := filepath.EvalSymlinks(wd); err == nil {
		wd = w
	}
	if r, err := filepath.Rel(t, abs); err != nil || r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	rel, err := filepath.Rel(wd, abs)
	return rel, err == nil
}

// pullRequestRules loads the config, its rules and allowlists, the
// baseline and .gitleaksignore from the base commit. A file outside the
// repository (an absolute --config the workflow names) is read as it is.
func (a *app) pullRequestRules(ctx context.Context, c ghreport.Context) (*trustedRules, error) {
	t := &trustedRules{}
	base, head := c.Base, c.Head
	short := shortCommit(base)
	rs, err := rules.Defaults()
	if err != nil {
		return nil, fmt.Errorf("load default rules: %w", err)
	}
	cfg := &rules.Config{}
	// read returns a file the pull request cannot have changed.
	read := func(path string) (data []byte, name, rel string, found bool, err error) {
		if r, ok := inRepo(ctx, path); ok {
			data, found = gitBlob(ctx, base, r)
			return data, path + "@" + short, r, found, nil
		}
		data, err = os.ReadFile(path)
		return data, path, "", err == nil, err
	}
	changed := func(rel, what string) {
		if rel == "" {
			return
		}
		if _, err := gitOutput(ctx, "diff", "--quiet", base, head, "--", rel); err != nil {
			t.notes = append(t.notes, fmt.Sprintf("This pull request changes %s (%s). hookscan judged it with the base commit's version; the change applies once it is merged.", rel, what))
		}
	}
	cfgPath := a.config
	if cfgPath == "" {
		for _, n := range configNames {
			if _, ok := gitBlob(ctx, base, n); ok {
				cfgPath = n
				break
			}
		}
		for _, n := range configNames {
			changed(n, "the hookscan config")
		}
	}
	if cfgPath != "" {
		data, name, rel, found, err := read(cfgPath)
		switch {
		case err != nil:
			return nil, fmt.Errorf("read config %s: %w", cfgPath, err)
		case !found:
			if !a.quiet {
				fmt.Fprintf(a.stderr, "hookscan: warning: config %s is not in the base commit %s; using the default rules\n", cfgPath, short)
			}
		default:
			if cfg, err = rules.ParseConfig(name, data); err != nil {
				return nil, err
			}
			if rs, err = cfg.Apply(rs); err != nil {
				return nil, err
			}
		}
		if a.config != "" {
			changed(rel, "the hookscan config")
		}
	}
	if t.d, err = scanner.Compile(rs, scanner.Options{Allow: withMigration(cfg.Allow), AllowOwnExamples: true}); err != nil {
		return nil, err
	}
	if t.all, err = scanner.Compile(rs, scanner.Options{Allow: cfg.Allow, IgnoreInlineAllow: true, AllowOwnExamples: true}); err != nil {
		return nil, err
	}
	a.suppress = &suppressions{allow: cfg.Allow, root: "."}
	if data, ok := gitBlob(ctx, base, gitleaks.IgnoreFile); ok {
		if a.suppress.ignore, err = gitleaks.ParseIgnore(gitleaks.IgnoreFile+"@"+short, data); err != nil {
			return nil, err
		}
	}
	changed(gitleaks.IgnoreFile, "fingerprints to ignore")
	path := a.baseline
	if path == "" && cfg.Baseline != "" {
		path = filepath.Join(filepath.Dir(cfgPath), cfg.Baseline)
	}
	if path != "" {
		data, name, rel, found, err := read(path)
		if err != nil {
			return nil, fmt.Errorf("read baseline %s: %w", path, err)
		}
		if found {
			if t.base, err = scanner.ReadBaseline(name, bytes.NewReader(data)); err != nil {
				return nil, err
			}
		}
		if rel != "" {
			if data, ok := gitBlob(ctx, head, rel); ok {
				t.head, _ = scanner.ReadBaseline(path+"@"+shortCommit(head), bytes.NewReader(data))
			}
		}
	}
	return t, nil
}

// allowedByPullRequest splits findings (from the detector that ignores
// hookscan:allow) into those to report and those a marker or baseline
// entry that the pull request itself adds would silence. The range scan
// reports only secrets the base did not have in the same file, so every
// marker on such a secret came with the pull request.
func (a *app) allowedByPullRequest(ctx context.Context, t *trustedRules, c ghreport.Context, findings []scanner.Finding) (report []scanner.Finding, allowed []ghreport.Allowed) {
	scanned := map[string]map[string]bool{}
	silencedAt := func(f *scanner.Finding) bool {
		commit := f.Commit
		if f.InHead != nil && *f.InHead {
			commit = c.Head
		}
		key := commit + ":" + f.File
		fps, ok := scanned[key]
		if !ok {
			fps = map[string]bool{}
			if data, err := gitOutput(ctx, "cat-file", "blob", key); err == nil {
				for _, h := range t.d.Scan(scanner.Fragment{Path: f.File, Raw: data}) {
					fps[h.Fingerprint] = true
				}
			} else {
				fps[f.Fingerprint] = true // unreadable: report it
			}
			scanned[key] = fps
		}
		return !fps[f.Fingerprint]
	}
	for _, f := range findings {
		switch {
		case silencedAt(&f):
			allowed = append(allowed, ghreport.Allowed{Finding: f, Reason: "a `hookscan:allow` marker this pull request adds"})
		case t.head.Contains(f) && !t.base.Contains(f):
			allowed = append(allowed, ghreport.Allowed{Finding: f, Reason: "a baseline entry this pull request adds"})
		default:
			report = append(report, f)
		}
	}
	return report, allowed
}
