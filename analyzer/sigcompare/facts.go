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
	// Hashes are the indices of the results that are HMACs not yet
	// summed: func newMAC(key []byte) hash.Hash { return hmac.New(…) }.
	Hashes []int
}

// AFact marks macResult as a fact.
func (*macResult) AFact() {}

func (f *macResult) String() string {
	return fmt.Sprintf("HMAC results %v, HMAC hashes %v", f.Results, f.Hashes)
}

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
	c.macs, c.macHashes = map[*types.Func][]int{}, map[*types.Func][]int{}
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
			sums, hashes := c.returnsMAC(fd)
			for _, i := range sums {
				if !slices.Contains(c.macs[fn], i) {
					c.macs[fn] = append(c.macs[fn], i)
					grew = true
				}
			}
			for _, i := range hashes {
				if !slices.Contains(c.macHashes[fn], i) {
					c.macHashes[fn] = append(c.macHashes[fn], i)
					grew = true
				}
			}
		}
		if !grew {
			break
		}
	}
	facts := map[*types.Func]*macResult{}
	fact := func(fn *types.Func) *macResult {
		if facts[fn] == nil {
			facts[fn] = &macResult{}
		}
		return facts[fn]
	}
	for fn, rs := range c.macs {
		fact(fn).Results = slices.Sorted(slices.Values(rs))
	}
	for fn, hs := range c.macHashes {
		fact(fn).Hashes = slices.Sorted(slices.Values(hs))
	}
	for fn, f := range facts {
		c.pass.ExportObjectFact(fn, f)
	}
}

// returnsMAC returns the indices of fd's results that some return
// statement gives an HMAC sum, and of those it gives an HMAC (a
// hash.Hash made by hmac.New).
func (c *checker) returnsMAC(fd *ast.FuncDecl) (sums, hashes []int) {
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for i, r := range n.Results {
				c.steps = 0
				if !slices.Contains(sums, i) && c.kind(r, 0) == "HMAC" {
					sums = append(sums, i)
				}
				if !slices.Contains(hashes, i) && isHashType(c.pass.TypesInfo.TypeOf(r)) && c.isHMAC(r, 0) {
					hashes = append(hashes, i)
				}
			}
		}
		return true
	})
	return sums, hashes
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

// macHashFunc reports whether fn's only result is an HMAC: a
// constructor such as func newMAC(key []byte) hash.Hash.
func (c *checker) macHashFunc(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return slices.Contains(c.macHashes[fn], 0)
	}
	var f macResult
	return c.pass.ImportObjectFact(fn, &f) && slices.Contains(f.Hashes, 0)
}
