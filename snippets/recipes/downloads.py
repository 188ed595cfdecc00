import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

import requests

PAGES = 24
LATENCY = 0.05  # the server waits this long before each answer, like a slow backend
WORKERS = 4

opened = []  # one entry per TCP connection the server accepted


class SlowPages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # (1)!
    wbufsize = 64 * 1024  # (2)!

    def setup(self):  # called once per connection, not per request
        super().setup()
        opened.append(self.client_address)

    def do_GET(self):
        time.sleep(LATENCY)
        body = f"<p>This is page {self.path}.</p>\n".encode().ljust(2000, b".")
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # no access log on stderr
        pass


local = threading.local()  # (3)!


def open_session():  # the initializer: runs once in each worker
    local.session = requests.Session()
    local.session.trust_env = False  # (4)!


def fetch(url):
    response = local.session.get(url, timeout=10)
    response.raise_for_status()
    return len(response.content)


def fetch_without_session(url):  # what requests.get(url) does: a Session per call
    with requests.Session() as session:
        session.trust_env = False
        return len(session.get(url, timeout=10).content)


def download(pool, func, urls):
    opened.clear()
    size = sum(pool.map(func, urls, chunksize=1))
    traffic = f"{size} bytes over {len(opened)} connections"
    return f"{traffic}; at most one per worker: {len(opened) <= WORKERS}"


if __name__ == "__main__":
    start = time.perf_counter()
    with Pool(WORKERS, initializer=open_session) as processes:  # (5)!
        server = ThreadingHTTPServer(("127.0.0.1", 0), SlowPages)  # port 0: a free port
        threading.Thread(target=server.serve_forever, daemon=True).start()
        urls = [f"http://127.0.0.1:{server.server_port}/{i}" for i in range(PAGES)]
        print(f"{PAGES} pages, each answered {LATENCY} s late; {WORKERS} workers")

        print("Pool, a Session per process:     ", download(processes, fetch, urls))
        with_processes = time.perf_counter() - start

        start = time.perf_counter()
        with ThreadPool(WORKERS, initializer=open_session) as threads:  # (6)!
            print("ThreadPool, a Session per thread:", download(threads, fetch, urls))
        with_threads = time.perf_counter() - start

        with ThreadPool(WORKERS) as threads:
            naive = download(threads, fetch_without_session, urls)
            print("ThreadPool, a Session per page:  ", naive)
        server.shutdown()
        server.server_close()
    print(f"ThreadPool took {with_threads / with_processes:.2f} x the time of Pool")
#> 24 pages, each answered 0.05 s late; 4 workers
#> Pool, a Session per process:      48000 bytes over <int> connections; at most one per worker: True
#> ThreadPool, a Session per thread: 48000 bytes over <int> connections; at most one per worker: True
#> ThreadPool, a Session per page:   48000 bytes over 24 connections; at most one per worker: False
#> ThreadPool took <float> x the time of Pool
