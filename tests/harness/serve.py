"""Serve a built site the way a static host (GitHub Pages) does, for browser tests and Lighthouse.

- under a path prefix (a project site: https://user.github.io/<repo>/);
- compressed: a text file (HTML, CSS, JS, JSON, SVG, XML) is sent gzip-encoded when the
  browser accepts it (Pages does the same), so Lighthouse measures what readers download;
- a missing path gets the site's root 404.html with status 404 (as Pages does: one 404 page
  for the whole site, the Chinese one, which loads the English one under /en/).

    python -m harness serve SITE_DIR [--prefix /python-mp/] [--port 8000]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import mimetypes
import sys
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb"}
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")


@lru_cache(maxsize=1024)
def _gzipped(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def make_handler(root: Path, prefix: str):
    root = root.resolve()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _file(self, url_path: str) -> Path | None:
            if not url_path.startswith(prefix):
                return None
            rel = unquote(url_path[len(prefix) :])
            path = (root / rel).resolve()
            if root != path and root not in path.parents:
                return None
            if path.is_dir():
                if not url_path.endswith("/"):
                    return path  # redirect below
                path = path / "index.html"
            return path if path.is_file() else None

        def do_HEAD(self):
            self.do_GET(body=False)

        def do_GET(self, body=True):
            url_path = urlsplit(self.path).path
            path = self._file(url_path)
            if path is not None and path.is_dir():
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 200
            if path is None:
                status, path = 404, root / "404.html"
            data = path.read_bytes()
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml")):
                ctype += "; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = _gzipped(path, path.stat().st_mtime)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            # Pages' own policy: every file may be cached for 10 minutes
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


@contextlib.contextmanager
def serving(site: Path, prefix: str = "/", port: int = 0):
    """Serve `site` under `prefix` on 127.0.0.1; yields the base URL (ending in prefix)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(site), prefix))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with serving(args.site, args.prefix, args.port) as url:
        print(f"serving {args.site} at {url} (gzip, 404.html); Ctrl-C stops")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
