// Package edit builds the parts of suggested fixes that the analysis
// framework leaves to each analyzer: an import the fix needs, and the
// removal of one it makes unused.
package edit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// Import returns the name by which code at pos in file refers to the
// package path, and the edits that add the import when the file lacks it.
// ok is false when the name is taken at pos by something else, or the
// package is imported only with _ or a dot.
func Import(info *types.Info, pkg *types.Package, file *ast.File, path, name string, pos token.Pos) (ref string, edits []analysis.TextEdit, ok bool) {
	for _, spec := range file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		pn := info.PkgNameOf(spec)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		if resolves(pkg, pos, pn.Name(), path) {
			return pn.Name(), nil, true
		}
		return "", nil, false
	}
	if scope := pkg.Scope().Innermost(pos); scope != nil {
		if _, obj := scope.LookupParent(name, pos); obj != nil {
			return "", nil, false
		}
	}
	if file.Scope != nil && file.Scope.Lookup(name) != nil {
		return "", nil, false
	}
	return name, []analysis.TextEdit{insertImport(file, path)}, true
}

// resolves reports whether name at pos means the package path.
func resolves(pkg *types.Package, pos token.Pos, name, path string) bool {
	scope := pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

func insertImport(file *ast.File, path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	var last *ast.GenDecl
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		last = gd
		if !gd.Lparen.IsValid() {
			continue
		}
		// Keep the block sorted when it is: insert before the first
		// larger path of the block.
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			if p, err := strconv.Unquote(is.Path.Value); err == nil && p > path {
				at := is.Pos()
				if is.Doc != nil {
					at = is.Doc.Pos()
				}
				return analysis.TextEdit{Pos: at, End: at, NewText: []byte(quoted + "\n\t")}
			}
		}
		if n := len(gd.Specs); n > 0 {
			end := gd.Specs[n-1].End()
			return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\t" + quoted)}
		}
		return analysis.TextEdit{Pos: gd.Rparen, End: gd.Rparen, NewText: []byte(quoted + "\n")}
	}
	if last != nil {
		return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\nimport " + quoted)}
	}
	return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}
}

// RemoveImport returns the edit that deletes the import of path from file
// when the only uses of it are the ones the fix removes (uses), and false
// when it stays in use.
func RemoveImport(info *types.Info, fset *token.FileSet, file *ast.File, path string, uses int) (analysis.TextEdit, bool) {
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			p, err := strconv.Unquote(is.Path.Value)
			if err != nil || p != path {
				continue
			}
			pn := info.PkgNameOf(is)
			if pn == nil || pn.Name() == "_" || pn.Name() == "." {
				return analysis.TextEdit{}, false
			}
			n := 0
			for id, obj := range info.Uses {
				if obj == pn && id.Pos() >= file.FileStart && id.Pos() < file.FileEnd {
					n++
				}
			}
			if n != uses {
				return analysis.TextEdit{}, false
			}
			if !gd.Lparen.IsValid() || len(gd.Specs) == 1 {
				return analysis.TextEdit{Pos: gd.Pos(), End: lineEnd(fset, gd.End())}, true
			}
			start := is.Pos()
			if is.Doc != nil {
				start = is.Doc.Pos()
			}
			return analysis.TextEdit{Pos: lineStart(fset, start), End: lineEnd(fset, is.End())}, true
		}
	}
	return analysis.TextEdit{}, false
}

// lineStart returns the position of the first column of pos's line.
func lineStart(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	return tf.LineStart(tf.Line(pos))
}

// lineEnd returns the position just after the newline that ends pos's
// line, or pos when it is on the last line.
func lineEnd(fset *token.FileSet, pos token.Pos) token.Pos {
	tf := fset.File(pos)
	if l := tf.Line(pos); l < tf.LineCount() {
		return tf.LineStart(l + 1)
	}
	return pos
}
