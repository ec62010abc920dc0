package sigcompare

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// macResult is the fact that a function returns an HMAC sum: a helper
// such as func (v *Verifier) digest(body []byte) []byte that computes
// hmac.New(…).Sum(nil). A comparison of its result, in its package or an
// importer, is a comparison of a MAC.
type macResult struct {
	// Results are the indices of the results that are HMAC sums.
	Results []int
}

// AFact marks macResult as a fact.
func (*macResult) AFact() {}

func (f *macResult) String() string { return fmt.Sprintf("HMAC results %v", f.Results) }

// macCandidates reports whether a package may declare functions that
// return HMAC sums: it imports crypto/hmac, or a package with such
// functions.
func macCandidates(pass *analysis.Pass) bool {
	for _, p := range pass.Pkg.Imports() {
		if p.Path() == "crypto/hmac" {
			return true
		}
	}
	return len(pass.AllObjectFacts()) > 0
}

// exportFacts finds the package's functions that return HMAC sums,
// directly or through one another, and exports a fact for each.
func (c *checker) exportFacts() {
	c.macs = map[*types.Func][]int{}
	var decls []*ast.FuncDecl
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.Results != nil {
				decls = append(decls, fd)
			}
		}
	}
	// A chain of helpers needs one round per link; a few cover what
	// people write.
	for range 3 {
		grew := false
		for _, fd := range decls {
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			for _, i := range c.returnsMAC(fd) {
				if !slices.Contains(c.macs[fn], i) {
					c.macs[fn] = append(c.macs[fn], i)
					grew = true
				}
			}
		}
		if !grew {
			break
		}
	}
	for fn, rs := range c.macs {
		slices.Sort(rs)
		c.pass.ExportObjectFact(fn, &macResult{Results: rs})
	}
}

// returnsMAC returns the indices of fd's results that some return
// statement gives an HMAC sum.
func (c *checker) returnsMAC(fd *ast.FuncDecl) []int {
	var out []int
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				c.steps = 0
				if !slices.Contains(out, i) && c.kind(r, 0) == "HMAC" {
					out = append(out, i)
				}
			}
		}
		return true
	})
	return out
}

// macFunc reports whether result index (-1 for the only one) of fn is an
// HMAC sum.
func (c *checker) macFunc(fn *types.Func, index int) bool {
	if index < 0 {
		index = 0
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return slices.Contains(c.macs[fn], index)
	}
	var f macResult
	return c.pass.ImportObjectFact(fn, &f) && slices.Contains(f.Results, index)
}
