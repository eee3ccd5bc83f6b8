/**
 * The HTML link report: one self-contained page for people. Inline CSS and
 * JS only, and a Content-Security-Policy that forbids loading anything, so it
 * works from `file://` and offline. Summary counts (which are also the filter
 * by class), a text search, a table of URLs (class, status, since when,
 * suggestion, places) and a per-file view. The tables are rendered here, so
 * the page reads and prints without JS; the script only filters. Narrow
 * screens get one card per URL; print hides the controls.
 */
import type {LinkClass} from '../links/index.js'
import type {LinkData} from './report-context.js'
import {escapeXml as escape, splitCode} from './escape.js'
import {classOrder, countByClass, day, fileCount, linkRows, plural, type LinkRow} from './link-rows.js'

/** Classes shown before the reader changes the filter. */
const shownFirst = new Set<LinkClass>(['dead', 'redirected', 'unverifiable'])

/** Format the link check as one HTML page. */
export function html(data: LinkData): string {
  const rows = linkRows(data.results, data.sourceBase)
  const counts = countByClass(data.results)
  const checked = day(data.checkedAt)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Link report ${checked}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>Link report</h1>
<p class="meta">${plural(data.results.length, 'URL')} in ${plural(fileCount(data.results), 'file')}, checked ${checked}</p>
<fieldset class="summary">
<legend>Show</legend>
${classOrder.map((kind) => `<label class="count ${kind}"><input type="checkbox" name="class" value="${kind}"${shownFirst.has(kind) ? ' checked' : ''}> <b>${counts.get(kind) ?? 0}</b> ${kind}</label>`).join('\n')}
</fieldset>
<div class="controls">
<input type="search" id="search" placeholder="Search URLs, files, statuses" aria-label="Search">
<span class="views"><button type="button" id="by-url" aria-pressed="true">By URL</button><button type="button" id="by-file" aria-pressed="false">By file</button></span>
</div>
</header>
<main>
<section id="urls">
<table>
<thead><tr><th>URL</th><th>Class</th><th>Status</th><th>Since</th><th>Suggestion</th><th>Used in</th></tr></thead>
<tbody>
${rows.map(urlRow).join('\n')}
</tbody>
</table>
<p class="empty" hidden>No URL matches.</p>
</section>
<section id="files" hidden>
${fileSections(rows)}
<p class="empty" hidden>No URL matches.</p>
</section>
</main>
<script>${script}</script>
</body>
</html>
`
}

function urlRow(row: LinkRow): string {
  const places = row.places.map((place) => `<a href="${escape(place.href)}">${escape(place.label)}</a>`).join('<br>')
  return `<tr data-class="${row.class}" data-text="${escape(searchText(row, row.places.map((place) => place.label)))}">` +
    `<td data-label="URL" class="url"><a href="${escape(row.url)}" rel="noreferrer">${escape(row.url)}</a></td>` +
    `<td data-label="Class"><span class="badge ${row.class}">${row.class}</span></td>` +
    `<td data-label="Status">${codeSpans(row.status)}</td>` +
    `<td data-label="Since">${escape(row.since)}</td>` +
    `<td data-label="Suggestion" class="suggestion">${suggestion(row.suggestion)}</td>` +
    `<td data-label="Used in" class="places">${places}</td></tr>`
}

/** One table per file: each place a URL is used, in line order. */
function fileSections(rows: readonly LinkRow[]): string {
  const byFile = new Map<string, Array<{row: LinkRow; label: string; href: string}>>()
  for (const row of rows) {
    for (const place of row.places) {
      const list = byFile.get(place.file) ?? []
      list.push({row, label: place.label, href: place.href})
      byFile.set(place.file, list)
    }
  }

  const line = (label: string) => Number(/:(\d+):\d+$/.exec(label)?.[1] ?? 0)
  return [...byFile.keys()]
    .sort()
    .map((file) => {
      const entries = (byFile.get(file) ?? []).sort((a, b) => line(a.label) - line(b.label))
      const body = entries
        .map(({row, label, href}) =>
          `<tr data-class="${row.class}" data-text="${escape(searchText(row, [label]))}">` +
          `<td data-label="Place"><a href="${escape(href)}">${escape(label.slice(file.length + 1) || file)}</a></td>` +
          `<td data-label="URL" class="url"><a href="${escape(row.url)}" rel="noreferrer">${escape(row.url)}</a></td>` +
          `<td data-label="Class"><span class="badge ${row.class}">${row.class}</span></td>` +
          `<td data-label="Status">${codeSpans(row.status)}${row.since ? ', ' + escape(row.since) : ''}</td>` +
          `<td data-label="Suggestion" class="suggestion">${suggestion(row.suggestion)}</td></tr>`
        )
        .join('\n')
      return `<div class="file">\n<h2>${escape(file)}</h2>\n<table>\n<thead><tr><th>Line</th><th>URL</th><th>Class</th><th>Status</th><th>Suggestion</th></tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`
    })
    .join('\n')
}

/** The suggestion, its URL a link. */
function suggestion(text: string): string {
  return splitCode(text)
    .map((segment) => {
      if (!segment.code) return escape(segment.text)
      return /^https?:\/\/[^\s\\<>"'`]+$/.test(segment.text) ? `<a href="${escape(segment.text)}" rel="noreferrer">${escape(segment.text)}</a>` : `<code>${escape(segment.text)}</code>`
    })
    .join('')
}

function searchText(row: LinkRow, places: readonly string[]): string {
  return [row.url, row.class, row.status, row.since, row.suggestion, ...places].join(' ').toLowerCase()
}

/** Escape, then show `code` spans as `<code>`. */
function codeSpans(text: string): string {
  return splitCode(text)
    .map((segment) => (segment.code ? `<code>${escape(segment.text)}</code>` : escape(segment.text)))
    .join('')
}

const style = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--dead:#cf222e;--redirected:#9a6700;--unverifiable:#8250df;--ok:#1a7f37;--skipped:#59636e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--dead:#ff7b72;--redirected:#d29922;--unverifiable:#bc8cff;--ok:#3fb950;--skipped:#9198a1}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:80rem;padding:1rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{margin:0 0 .25rem;font-size:1.5rem}
h2{font-size:1rem;margin:1.5rem 0 .5rem;word-break:break-all}
.meta{margin:0 0 1rem;color:var(--muted)}
.summary{display:flex;flex-wrap:wrap;gap:.5rem;border:0;padding:0;margin:0 0 .75rem}
.summary legend{position:absolute;left:-9999px}
.count{display:inline-flex;align-items:center;gap:.35rem;padding:.35rem .7rem;border:1px solid var(--line);border-left:4px solid var(--c);border-radius:6px;cursor:pointer}
.count b{font-size:1.15rem;color:var(--c)}
.dead{--c:var(--dead)}.redirected{--c:var(--redirected)}.unverifiable{--c:var(--unverifiable)}.ok{--c:var(--ok)}.skipped{--c:var(--skipped)}
.controls{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}
#search{flex:1 1 16rem;padding:.45rem .6rem;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:6px}
button{font:inherit;color:inherit;background:transparent;border:1px solid var(--line);padding:.45rem .8rem;cursor:pointer}
.views button:first-child{border-radius:6px 0 0 6px}.views button:last-child{border-radius:0 6px 6px 0;border-left:0}
button[aria-pressed=true]{background:var(--line);font-weight:600}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid var(--line)}
th{font-size:.85rem;color:var(--muted)}
td{overflow-wrap:break-word}
td.url,td.places,td.suggestion{overflow-wrap:anywhere}
td.url{min-width:14rem;max-width:26rem}td.places{min-width:13rem}td.suggestion{min-width:12rem}
a{color:inherit}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,monospace}
.badge{display:inline-block;white-space:nowrap;padding:0 .45rem;border-radius:1rem;border:1px solid var(--c);color:var(--c);font-size:.8rem;font-weight:600}
.empty{color:var(--muted)}
@media (max-width:700px){
thead{display:none}
table,tbody,tr,td{display:block;width:100%}
tr{border:1px solid var(--line);border-radius:6px;margin-bottom:.6rem;padding:.3rem .2rem}
td,td.url,td.places,td.suggestion{border:0;padding:.2rem .5rem;min-width:0;max-width:none}
td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted)}
}
@media print{
.controls,.summary input{display:none}
body{max-width:none;padding:0;font-size:11px}
.count{border-width:1px 1px 1px 4px}
tr{break-inside:avoid}
a{text-decoration:none}
}
`

const script = `
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name=class]'))
  var search = document.getElementById('search')
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-class]'))
  var views = {urls: document.getElementById('urls'), files: document.getElementById('files')}
  function apply() {
    var shown = {}
    boxes.forEach(function (box) { shown[box.value] = box.checked })
    var words = search.value.trim().toLowerCase().split(/\\s+/).filter(Boolean)
    rows.forEach(function (row) {
      var text = row.getAttribute('data-text')
      row.hidden = !shown[row.getAttribute('data-class')] || !words.every(function (word) { return text.indexOf(word) !== -1 })
    })
    Array.prototype.forEach.call(document.querySelectorAll('.file'), function (file) {
      file.hidden = !file.querySelector('tr[data-class]:not([hidden])')
    })
    Object.keys(views).forEach(function (name) {
      views[name].querySelector('.empty').hidden = Boolean(views[name].querySelector('tr[data-class]:not([hidden])'))
    })
  }
  function show(name) {
    Object.keys(views).forEach(function (key) { views[key].hidden = key !== name })
    document.getElementById('by-url').setAttribute('aria-pressed', String(name === 'urls'))
    document.getElementById('by-file').setAttribute('aria-pressed', String(name === 'files'))
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply) })
  search.addEventListener('input', apply)
  document.getElementById('by-url').addEventListener('click', function () { show('urls') })
  document.getElementById('by-file').addEventListener('click', function () { show('files') })
  apply()
})()
`
