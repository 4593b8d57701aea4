"""Every page a person can reach: from their start pages, follow the site's own links (GET
only, HTML answers only), each address once, up to a bound."""

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

HREF = re.compile(r'<a\s[^>]*?href="([^"]+)"', re.IGNORECASE)
# Not pages: files, feeds, the API, signing out, language switches, downloads.
SKIP = re.compile(
    r"^/(static|media|api|feeds?|sitemap|robots|logout|language|.*\.(xml|json|csv|zip|txt|atom|pdf)$)"
    r"|/(export|download|letter|file|files|thumb|original|poster|print)(/|$)"
)


def _links(html: str, here: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        url = urlsplit(urljoin("http://localhost" + here, unescape(href)))
        if url.netloc != "localhost" or SKIP.search(url.path):
            continue
        found.append(url.path + (f"?{url.query}" if url.query and "page=" in url.query else ""))
    return found


def crawl(client, starts: list[str], limit: int = 120, per_shape: int = 3) -> dict[str, str]:
    """{path: html} of the pages reached from starts. At most per_shape pages of one shape
    (/stories/<n>, /rounds/<n>/read…): many stories make the same page."""
    pages, queue, shapes = {}, list(starts), {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in pages:
            continue
        shape = re.sub(r"\d+", "N", path.split("?")[0])
        if shapes.get(shape, 0) >= per_shape:
            continue
        response = client.get(path, headers={"Accept-Language": "fr"})
        if response.status_code != 200 or response.mimetype != "text/html":
            pages.setdefault(path, None)
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        html = response.get_data(as_text=True)
        pages[path] = html
        queue += [link for link in _links(html, path) if link not in pages]
    return {path: html for path, html in pages.items() if html is not None}
