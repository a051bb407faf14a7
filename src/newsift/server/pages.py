"""The browser pages of the web app: the analyse form and the error page.

Same stylesheet as the report (so the one CSP hash covers both); no script.
"""

from __future__ import annotations

from datetime import date
from html import escape

from newsift import __version__
from newsift.report.style import CSS
from newsift.server.settings import Settings


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        '<a class="skip" href="#main">Skip to content</a>'
        f'<div class="wrap"><main id="main">{body}</main>'
        f"<footer><p>newsift {escape(__version__)} · "
        '<a href="/api/openapi.json">API schema</a> · '
        '<a href="/api/health">health</a></p></footer></div></body></html>\n'
    )


def index_page(settings: Settings, pipeline: list[str], today: date | None = None) -> str:
    """The form: paste text, upload a file, or (when allowed) give a URL.

    The reference date (what "2 days ago" counts back from) is pre-filled with ``today``
    (the server's date) and says so; a saved page that records when it was saved uses
    that date instead, as :mod:`newsift.ingest` does everywhere.
    """
    today = today or date.today()
    megabytes = settings.max_upload_bytes / 1_000_000
    url_field = ""
    if settings.allow_urls:
        url_field = (
            "<fieldset><legend>…or give a URL</legend>"
            '<label for="url">Page address (http or https)</label>'
            '<input type="url" id="url" name="url" placeholder="https://example.org/story.html">'
            "</fieldset>"
        )
    key_field = ""
    if settings.api_key is not None:
        key_field = (
            '<p><label for="key">API key</label><br>'
            '<input type="password" id="key" name="key" autocomplete="current-password" required>'
            "</p>"
        )
    body = f"""
<header class="top"><p class="rlabel">newsift</p><h1>See how a news page is built</h1>
<p class="meta">Paste an article (with its comments, if you like) or upload a saved page.
The report shows who is quoted and whether they are named, which claims are worth checking,
where the text pushes, and what the comment section does.</p></header>
<form class="analyze" method="post" action="/report" enctype="multipart/form-data">
<fieldset><legend>Paste the page text</legend>
<label for="text">Article text: headline, byline, body and comments as they appear</label>
<textarea id="text" name="text" spellcheck="false"></textarea></fieldset>
<fieldset><legend>…or upload a file</legend>
<label for="file">HTML page, text dump, WARC or JSON Lines</label><br>
<input type="file" id="file" name="file"></fieldset>
{url_field}
<p><label for="kind">The input is</label>
<select id="kind" name="kind">
<option value="auto" selected>detected automatically</option>
<option value="dump">a page dump (title, byline, body, comments)</option>
<option value="text">plain article text</option>
<option value="html">HTML</option>
</select></p>
<p><label for="reference_date">Reference date for comment times</label><br>
<input type="date" id="reference_date" name="reference_date" class="refdate"
value="{today.isoformat()}" aria-describedby="reference_help"><br>
<span class="muted" id="reference_help">Times such as “2 days ago” are counted back from
this date: today ({today.isoformat()}) unless you change it. A saved page that records
when it was saved (a WARC record, a JSON line with crawl_date) uses its own date.
Clear the field to leave such times unresolved.</span></p>
{key_field}
<button type="submit" id="analyze">Analyze</button>
<p class="muted">Up to {megabytes:g} MB; an analysis stops after
{settings.time_limit_s:g} s. Nothing is stored. Analyzers: {escape(", ".join(pipeline))}.</p>
</form>"""
    return _page("newsift", body)


def error_page(message: str, status: int) -> str:
    body = (
        '<header class="top"><p class="rlabel">newsift</p><h1>Nothing to show</h1></header>'
        f'<p class="error" role="alert">{escape(message)}</p>'
        '<p><a href="/">Analyse another page</a></p>'
    )
    return _page(f"newsift: error {status}", body)
