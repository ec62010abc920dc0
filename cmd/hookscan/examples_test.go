package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkCommand fails the test when args (starting with "hookscan") is not
// a command line the CLI accepts: an existing command and only its real
// flags, with values where they need them.
func checkCommand(t *testing.T, where string, args []string) {
	t.Helper()
	if len(args) == 0 || args[0] != "hookscan" {
		t.Errorf("%s: %q does not run hookscan", where, args)
		return
	}
	root := newRootCommand(io.Discard, io.Discard)
	cmd, rest, err := root.Find(args[1:])
	if err != nil || cmd == root {
		t.Errorf("%s: %q: no such command (%v)", where, args, err)
		return
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: %q: %v", where, args, err)
		return
	}
	if cmd.Args != nil {
		if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
			t.Errorf("%s: %q: %v", where, args, err)
		}
	}
}

var (
	ghExpr   = regexp.MustCompile(`\$\{\{[^}]*\}\}`)
	shellTok = regexp.MustCompile(`"[^"]*"|'[^']*'|[^\s"']+`)
	shellSep = regexp.MustCompile(`;|&&|\|`)
)

// hookscanCalls finds every hookscan command in a shell script: joined
// continuation lines, GitHub expressions replaced by a word, split on
// ; | && and quotes removed.
func hookscanCalls(script string) [][]string {
	script = strings.ReplaceAll(script, "\\\n", " ")
	script = ghExpr.ReplaceAllString(script, "X")
	var calls [][]string
	for _, line := range strings.Split(script, "\n") {
		for _, part := range shellSep.Split(line, -1) {
			words := shellTok.FindAllString(strings.TrimSpace(part), -1)
			for i, w := range words {
				words[i] = strings.Trim(w, `"'`)
			}
			if len(words) > 0 && words[0] == "hookscan" {
				calls = append(calls, words)
			}
		}
	}
	return calls
}

func TestExampleWorkflow(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "github-org-scan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			WorkflowCall struct {
				Inputs map[string]any `yaml:"inputs"`
			} `yaml:"workflow_call"`
		} `yaml:"on"`
		Jobs map[string]struct {
			Needs    any `yaml:"needs"`
			Strategy struct {
				Matrix map[string]any `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				If   string         `yaml:"if"`
				Uses string         `yaml:"uses"`
				Run  string         `yaml:"run"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("examples/github-org-scan.yml: %v", err)
	}
	if wf.On.WorkflowCall.Inputs["org"] == nil || wf.On.WorkflowCall.Inputs["shards"] == nil {
		t.Error("the workflow is not reusable with org and shards inputs")
	}
	scan, merge := wf.Jobs["scan"], wf.Jobs["merge"]
	if scan.Strategy.Matrix["shard"] == nil {
		t.Error("scan job has no matrix over shards")
	}
	var runs, uploads int
	sawShard, sawMerge := false, false
	for name, job := range wf.Jobs {
		for _, st := range job.Steps {
			if strings.HasPrefix(st.Uses, "actions/upload-artifact") {
				uploads++
				// A shard with a repository it could not scan exits 2
				// after writing the report of the others.
				if name == "scan" && !strings.Contains(st.If, "!cancelled()") && !strings.Contains(st.If, "always()") {
					t.Errorf("the scan job uploads its report only when hookscan exits 0 (if: %q)", st.If)
				}
			}
			for _, call := range hookscanCalls(st.Run) {
				runs++
				checkCommand(t, "job "+name, call)
				joined := strings.Join(call, " ")
				if name == "scan" && strings.Contains(joined, "github org") && strings.Contains(joined, "--shard ") {
					sawShard = true
				}
				if name == "merge" && strings.HasPrefix(joined, "hookscan merge") {
					sawMerge = true
				}
			}
		}
	}
	if !sawShard || !sawMerge || uploads < 2 || merge.Needs != "scan" {
		t.Errorf("want a sharded scan job and a merge job after it, each uploading an artifact: shard %v, merge %v, %d uploads, merge needs %v", sawShard, sawMerge, uploads, merge.Needs)
	}
	if runs < 3 {
		t.Errorf("found %d hookscan commands", runs)
	}
}

func TestExampleIndexedJob(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "kubernetes-indexed-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Parallelism    int    `yaml:"parallelism"`
			Template       struct {
				Spec struct {
					Containers []struct {
						Command []string `yaml:"command"`
						Env     []struct {
							Name  string `yaml:"name"`
							Value string `yaml:"value"`
						} `yaml:"env"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(data, &job); err != nil {
		t.Fatalf("examples/kubernetes-indexed-job.yaml: %v", err)
	}
	s := job.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || s.CompletionMode != "Indexed" || s.Completions < 2 {
		t.Fatalf("not an Indexed Job: %s %s, completionMode %q, completions %d", job.APIVersion, job.Kind, s.CompletionMode, s.Completions)
	}
	if len(s.Template.Spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(s.Template.Spec.Containers))
	}
	c := s.Template.Spec.Containers[0]
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	if env["HOOKSCAN_SHARDS"] != strconv.Itoa(s.Completions) {
		t.Errorf("HOOKSCAN_SHARDS %q, completions %d: every index must be a shard", env["HOOKSCAN_SHARDS"], s.Completions)
	}
	if _, ok := env["JOB_COMPLETION_INDEX"]; !ok {
		t.Error("JOB_COMPLETION_INDEX is not declared, so $(JOB_COMPLETION_INDEX) does not expand")
	}
	checkCommand(t, "container command", c.Command)
	if strings.Join(c.Command[:3], " ") != "hookscan github org" || strings.Contains(strings.Join(c.Command, " "), "--shard ") {
		t.Errorf("command %q: want hookscan github org, with the shard from the job index", c.Command)
	}
	// The command as the pod runs it picks its shard from the index.
	o := orgOptions{}
	sh, err := o.resolveShard(func(k string) string {
		return map[string]string{"JOB_COMPLETION_INDEX": strconv.Itoa(s.Completions - 1), "HOOKSCAN_SHARDS": env["HOOKSCAN_SHARDS"]}[k]
	})
	if err != nil || sh.Index != s.Completions || sh.Count != s.Completions {
		t.Errorf("last index gives shard %v (%v), want %d/%d", sh, err, s.Completions, s.Completions)
	}
}

func TestHookscanCallsFindsMistakes(t *testing.T) {
	t.Parallel()
	calls := hookscanCalls("echo hi && hookscan merge a.json --no-such-flag\nhookscan github org acme --shard \"${{ matrix.shard }}/3\"")
	if len(calls) != 2 || strings.Join(calls[1], " ") != "hookscan github org acme --shard X/3" {
		t.Fatalf("calls %q", calls)
	}
	root := newRootCommand(io.Discard, io.Discard)
	cmd, rest, _ := root.Find(calls[0][1:])
	if err := cmd.ParseFlags(rest); err == nil {
		t.Error("an unknown flag parsed")
	}
}
