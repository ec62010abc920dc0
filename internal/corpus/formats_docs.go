package corpus

import (
	"fmt"
	"net/url"
	"strings"
)

// Web and documentation formats: HTML with URL-encoded values, Markdown,
// a minified JavaScript bundle and a Jupyter notebook.

func writeHTML(g *generator, ps []*plant) {
	f := g.newFile("public/integrations.html", "html")
	f.add(lines(`
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Integrations · Acme</title>
<link rel="stylesheet" href="/assets/app.3f9a1c.css">`)...)
	var head, body, script []entry
	for i, p := range ps {
		w := url.QueryEscape(p.text)
		switch {
		case p.isURL() && !p.keyed() && i%3 == 0:
			body = append(body, encoded(p, "html-href-query", Percent, w, fmt.Sprintf(`<a class="btn" href="https://app.acme-corp.io/integrations/connect?source=settings&amp;target=%s">Connect</a>`, w)))
		case p.isURL() && !p.keyed() && i%3 == 1:
			body = append(body, encoded(p, "html-form-value", Percent, w, fmt.Sprintf(`<input type="hidden" name="callback" value="%s">`, w)))
		case p.isURL() && !p.keyed():
			body = append(body, encoded(p, "html-iframe-src", Percent, w, fmt.Sprintf(`<iframe src="https://dashboard.acme-corp.io/embed?hook=%s" title="status"></iframe>`, w)))
		case p.bare() && w != p.text:
			body = append(body, encoded(p, "html-href-query", Percent, w, fmt.Sprintf(`<a href="/settings/webhooks/test?secret=%s">Send a test event</a>`, w)))
		case p.bare() && g.r.chance(0.3):
			head = append(head, secret(p, "html-meta", fmt.Sprintf(`<meta name="%s" content="%s">`, p.key(kebab), p.text)))
		default:
			script = append(script, secret(p, "html-inline-script", fmt.Sprintf(`    %s: "%s",`, p.key(camel), p.text)))
		}
	}
	f.add(head...)
	f.add(line("</head>"))
	f.add(line("<body>"))
	img := g.pngDataURI()
	f.add(bait(kindImage, "an inline PNG", "data:image/png;base64,", fmt.Sprintf(`<img alt="Acme" width="32" height="32" src="%s">`, img)))
	d := g.docsURL()
	f.add(bait(kindDocsURL, "documentation link", d, fmt.Sprintf(`<p>Read the <a href="%s">provider guide</a> before connecting.</p>`, d)))
	f.add(body...)
	f.add(line("<script>"))
	f.add(line("  window.__CONFIG__ = {"))
	f.add(line(`    release: "2.4.0",`))
	f.add(script...)
	f.add(line("  };"))
	f.add(line("</script>"))
	f.add(line("</body>"))
	f.add(line("</html>"))
}

func writeMarkdown(g *generator, ps []*plant) {
	f := g.newFile("docs/integrations.md", "markdown")
	f.add(line("# Integrations"))
	f.add(line(""))
	f.add(bait(kindDocsURL, "documentation link", docsURLs[0], "The service posts deploy events to chat. See [Slack's guide]("+docsURLs[0]+") to create a webhook."))
	f.add(line(""))
	f.add(line("| Variable | Example |"))
	f.add(line("|---|---|"))
	for i := 0; i < 4; i++ {
		ph := g.placeholder("|")
		f.add(bait(kindPlaceholder, ph.reason, ph.value, fmt.Sprintf("| `%s` | `%s` |", spell(ph.name, screaming), ph.value)))
	}
	f.add(line(""))
	f.add(line("## Staging setup"))
	f.add(line(""))
	f.add(line("Values currently used on staging (rotate them before going live):"))
	f.add(line(""))
	f.add(line("```bash"))
	var inline []*plant
	for _, p := range ps {
		switch {
		case p.isURL() && !p.keyed() && g.r.chance(0.4):
			f.add(secret(p, "markdown-code-curl", fmt.Sprintf(`curl -X POST -H 'Content-type: application/json' --data '{"text":"Hello"}' %s`, p.text)))
		case p.bare() && g.r.chance(0.3), g.r.chance(0.3):
			inline = append(inline, p)
		default:
			f.add(secret(p, "markdown-code-export", fmt.Sprintf("export %s=%s", p.key(screaming), p.text)))
		}
	}
	f.add(line("```"))
	f.add(line(""))
	for _, p := range inline {
		switch {
		case p.bare() && g.r.chance(0.5):
			f.add(secret(p, "markdown-inline-code", fmt.Sprintf("- The %s for the staging workspace is `%s`.", strings.Join(p.name, " "), p.text)))
		case g.r.chance(0.5):
			f.add(secret(p, "markdown-list-item", fmt.Sprintf("- `%s`: `%s`", p.key(screaming), p.text)))
		default:
			f.add(secret(p, "markdown-table-row", fmt.Sprintf("| `%s` | `%s` |", p.key(screaming), p.text)))
		}
	}
	f.add(line(""))
	ref := g.refName()
	f.add(bait(kindReference, "GitHub Actions secret expression", "${{ secrets."+ref+" }}", fmt.Sprintf("In CI the value comes from `${{ secrets.%s }}`.", ref)))
}

func writeMinifiedJS(g *generator, ps []*plant) {
	f := g.newFile("public/assets/app.4f1c2b9e.min.js", "minified-js")
	f.add(line("/*! hooks-ui v2.4.0 | (c) Acme Corp | MIT */"))
	seg := func(s string) entry { return entry{text: s, inline: true} }
	f.add(seg(`!function(e,t){"use strict";var n={version:"2.4.0",build:"` + g.gitSHA()[:12] + `",`))
	var calls []*plant
	for _, p := range ps {
		if p.isURL() && !p.keyed() && g.r.chance(0.4) {
			calls = append(calls, p)
			continue
		}
		e := secret(p, "minified-object", fmt.Sprintf(`%s:"%s",`, p.key(camel), p.text))
		e.inline = true
		f.add(e)
	}
	d := g.docsURL()
	b := bait(kindDocsURL, "documentation link", d, fmt.Sprintf(`docs:"%s",`, d))
	b.inline = true
	f.add(b)
	img := bait(kindImage, "an inline PNG", "data:image/png;base64,", fmt.Sprintf(`logo:"%s",`, g.pngDataURI()))
	img.inline = true
	f.add(img)
	id := g.r.uuid()
	u := bait(kindUUID, "a client id", id, fmt.Sprintf(`clientId:"%s"};`, id))
	u.inline = true
	f.add(u)
	for i, p := range calls {
		e := secret(p, "minified-fetch", fmt.Sprintf(`function r%d(o){return fetch("%s",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify(o)})}`, i, p.text))
		e.inline = true
		f.add(e)
	}
	f.add(seg(`e.App=n}(window,document);`))
	f.add(line(""))
	f.add(line("//# sourceMappingURL=app.4f1c2b9e.min.js.map"))
}

func writeJupyter(g *generator, ps []*plant) {
	f := g.newFile("notebooks/alert-routing.ipynb", "jupyter")
	src := func(code string, last bool) string {
		if last {
			return "    " + jsonString(code)
		}
		return "    " + jsonString(code+"\n") + ","
	}
	f.add(lines(`
{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Alert routing\n",
    "\n",
    "Replays last week's alerts against the new routing table."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [`)...)
	f.add(line(src("import os", false)))
	f.add(line(src("import requests", false)))
	f.add(line(src("", false)))
	var calls []*plant
	for _, p := range ps {
		if p.isURL() && !p.keyed() && g.r.chance(0.4) {
			calls = append(calls, p)
			continue
		}
		if g.r.chance(0.5) {
			code := fmt.Sprintf("%s = '%s'", p.key(screaming), p.text)
			f.add(secret(p, "notebook-source-single-quoted", src(code, false)))
		} else {
			code := fmt.Sprintf("%s = \"%s\"", p.key(screaming), p.text)
			w := `\"` + p.text + `\"`
			f.add(encoded(p, "notebook-source-escaped-quotes", JSONEscape, w, src(code, false)))
		}
	}
	ref := g.refName()
	f.add(bait(kindReference, "read from the environment", "os.environ.get", src(fmt.Sprintf("FALLBACK = os.environ.get(%q)", ref), true)))
	f.add(lines(`
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [
    {
     "data": {`)...)
	f.add(bait(kindImage, "a PNG cell output", "iVBORw0KGgo", fmt.Sprintf(`      "image/png": %q,`, g.pngBase64())))
	f.add(lines(`
      "text/plain": [
       "<Figure size 640x480 with 1 Axes>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [`)...)
	for _, p := range calls {
		code := fmt.Sprintf("requests.post('%s', json={'text': 'replay'}, timeout=5)", p.text)
		f.add(secret(p, "notebook-source-call", src(code, false)))
	}
	f.add(line(src("print('done')", true)))
	f.add(lines(`
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python",
   "version": "3.12.4"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}`)...)
}
