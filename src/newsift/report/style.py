"""The one stylesheet of the report and the web app, and its CSP hash.

The report is a single file that must work offline, so the CSS is inline. It
is a constant, so the Content-Security-Policy can allow exactly this
stylesheet by its SHA-256 hash instead of ``'unsafe-inline'``; nothing in the
report uses ``style=`` attributes (bars are SVG with ``width`` attributes).
Colours keep at least 7:1 contrast for text; highlights are pale backgrounds
under dark text, and every colour has a text label too (legend, aria-label).
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--paper:#fff;--soft:#f4f4f2;--accent:#1f4e9c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--paper)}
a{color:var(--accent)}
a:focus,mark:focus,button:focus,input:focus,textarea:focus,summary:focus{outline:3px solid #000;
outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#000;color:#fff;padding:.4em .8em;z-index:9}
.skip:focus{left:.5em}
.wrap{max-width:1200px;margin:0 auto;padding:1rem 1.25rem 3rem}
header.top{border-bottom:3px solid var(--ink);margin-bottom:1rem}
header.top h1{font-family:Georgia,"Times New Roman",serif;font-size:1.9rem;line-height:1.2;
margin:.3em 0}
.meta{color:var(--muted);margin:.2em 0 .8em}
nav.toc ul{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}
h2{font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:2rem}
h3{font-size:1.05rem;margin:.2em 0 .4em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.8rem}
.card{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.7rem .9rem}
.card ul,.card ol{margin:.2em 0;padding-left:1.2em}
.big{font-size:1.6rem;font-weight:700}
.muted{color:var(--muted)}
.bar{display:grid;grid-template-columns:8.5rem 1fr 3.2rem;gap:.4em;align-items:center;
font-size:.9rem}
.bar svg{width:100%;height:.8rem}
.bar rect.bg{fill:#ddd}.bar rect.fg{fill:#1f4e9c}
.legend{display:flex;flex-wrap:wrap;gap:.4em .9em;font-size:.9rem;margin:.6em 0;padding:.5em .8em;
border:1px solid var(--line);border-radius:6px}
.legend span{white-space:nowrap}.legend span.muted{white-space:normal}
mark{color:inherit;background:transparent;border-radius:2px;padding:0 1px}
.q-named{background:#d6e6ff}.q-anon{background:#ffd79e}.q-org{background:#cfeccf}
.q-doc{background:#e6d9f7}.q-group{background:#c8ecec}.q-unattr{background:#e4e4e4}
.c{border-bottom:3px solid #1f4e9c}
.t{text-decoration:underline wavy #a33f00;text-decoration-thickness:2px;text-underline-offset:3px}
.f{outline:2px dashed #b00020;outline-offset:1px}
.nr{text-decoration:underline dotted #333;text-decoration-thickness:2px}
.x{background:#ffc2cc}
sup.ref{font-size:.7em;line-height:0}
sup.ref a{text-decoration:none;font-weight:700;padding:0 .1em}
.region{margin:0 0 .2rem}
#article .column,.document .column{padding-right:21rem}
.column::after{content:"";display:block;clear:both}
.para p{margin:.45em 0;white-space:pre-wrap;overflow-wrap:anywhere}
aside.side{float:right;clear:right;width:19.5rem;margin:.45em -21rem .3em 0}
aside.side ol.notes{margin:0}
.other-notes{clear:both}
.kind-headline p{font-family:Georgia,serif;font-size:1.3rem;font-weight:700}
.kind-byline p,.kind-dateline p{color:var(--muted)}
.kind-bio p{font-style:italic}
.rlabel{font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
ol.notes{list-style:none;margin:.4em 0;padding:0;font-size:.86rem;overflow-wrap:anywhere}
ol.notes li{border-left:4px solid var(--line);background:var(--soft);padding:.35em .6em;
margin-bottom:.5em}
ol.notes li.n-flag{border-color:#b00020}ol.notes li.n-technique{border-color:#a33f00}
ol.notes li.n-nonresponse{border-color:#333}ol.notes li.n-byline{border-color:#b00020}
.ev{display:block;color:var(--muted);margin-top:.2em}
table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{border-bottom:1px solid var(--line);text-align:left;vertical-align:top;padding:.35em .5em}
thead th{border-bottom:2px solid var(--ink)}
tbody tr:nth-child(even){background:var(--soft)}
.badge{display:inline-block;border:1px solid #555;border-radius:1em;padding:0 .55em;
font-size:.78rem;margin:0 .25em .15em 0;white-space:nowrap;background:#fff;color:#1b1b1b}
.b-off{background:#9e001c;border-color:#9e001c;color:#fff}
.b-target{background:#fff0c2;border-color:#8a6100}
.b-dup{background:#e4e4e4}.b-junk{background:#3d3d3d;border-color:#3d3d3d;color:#fff}
.b-topic{background:#e6d9f7}.b-ok{background:#d9f2d9;border-color:#2b6b2b}
.b-anon{background:#ffd79e;border-color:#8a5200}.b-flag{background:#ffe0e5;border-color:#b00020}
ol.claims li{margin-bottom:.6em}
.comment{border:1px solid var(--line);border-radius:6px;padding:.5em .8em;margin:.6em 0}
.comment.d1{margin-left:2rem}.comment.d2{margin-left:4rem}.comment.d3{margin-left:6rem}
.comment header{display:flex;flex-wrap:wrap;gap:.3em .8em;align-items:baseline}
.comment .cnum{font-weight:700;color:var(--ink);text-decoration:none}
.comment time{color:var(--muted)}
.comment p{white-space:pre-wrap;margin:.4em 0;overflow-wrap:anywhere}
.doclist ol li{margin-bottom:.3em}
.document{border-top:3px solid var(--ink);margin-top:2.5rem}
.refdate{max-width:14rem;font:inherit;padding:.3em}
.comment.offensive{border-left:5px solid #9e001c}
form.analyze{display:grid;gap:.8rem;max-width:52rem}
form.analyze textarea{width:100%;min-height:14rem;font:inherit;padding:.5em}
form.analyze input[type=url]{width:100%;font:inherit;padding:.4em}
form.analyze input[type=date]{font:inherit;padding:.3em}
form.analyze button{font:inherit;font-weight:700;padding:.5em 1.4em;background:#1f4e9c;
color:#fff;border:0;border-radius:4px;cursor:pointer;justify-self:start}
fieldset{border:1px solid var(--line);border-radius:6px}
.error{background:#ffe0e5;border:2px solid #9e001c;padding:.6em .9em;border-radius:6px}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:.6em;color:var(--muted);
font-size:.85rem}
@media screen and (max-width:820px){
#article .column,.document .column{padding-right:0}
.para{display:flex;flex-direction:column}
aside.side{float:none;width:auto;margin:0 0 .6em 1rem;order:2}
.comment.d1,.comment.d2,.comment.d3{margin-left:1rem}
.badge{white-space:normal}
table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block}
table.stack thead{position:absolute;left:-9999px}
table.stack tr{border-bottom:2px solid var(--line);padding:.3em 0}
table.stack td{border:0;padding:.1em .5em}
table.stack caption{display:block;text-align:left}
table.stack td::before{content:attr(data-label) ": ";font-weight:700}
}
@media print{
body{font-size:10.5pt}.skip,nav.toc,form.analyze,.home{display:none}
.wrap{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.card,.comment,ol.notes li,tr,figure{break-inside:avoid}
h2,h3{break-after:avoid}
#article .column,.document .column{padding-right:14.5rem}
aside.side{width:13.5rem;margin-right:-14.5rem}
a{color:inherit;text-decoration:none}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;overflow-wrap:anywhere}
.document{break-before:page}
}
"""


def css_hash(css: str = CSS) -> str:
    """The CSP source that allows exactly this stylesheet: ``'sha256-...'``."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: The policy the report file carries in a <meta> tag and the web app sends as a header.
REPORT_CSP = (
    "default-src 'none'; "
    f"style-src {css_hash()}; "
    "img-src data:; "
    "base-uri 'none'; "
    "form-action 'self'"
)
