"""Load check of `admit serve`, run by `make bench` after bench/run.py and AdmitBench (see bench/README.md).

On loopback, against a release build, each server on a fresh database under bench/out/serve/:

1. 500 distinct candidates register at once (the server run with --queue-limit 1000, so that none is answered 503): 500 threads, released together by a barrier, each on its own
   keep-alive connection doing a browser's first login: GET / (cookie, CSRF token), POST /signin with the
   slip's generic login (303 /register), GET /register (a new token), POST /register with distinct names and
   a new password (303 /done), then GET /done for the personal username. Latency p50/p99 of POST /register
   and of the four requests up to its 303 (connect included); throughput = 500 / wall time from the release
   to the last 303. Meanwhile one more connection asks GET /healthz, one request at a time, 100 ms apart:
   what a load balancer's health check would see. Compared with the Argon2id bound (cores / one hash's time)
   and the hash-only ceiling (hashes per second with one worker per core), both measured by
   `AdmitBench --argon2-only` in the same run, just before the load, with the server idle. Then, the server stopped, the database must hold 500
   converted entries with 500 distinct personal usernames (those the /done pages showed) and exactly one
   `entry.register` audit event for each. Median of --runs runs (3), each a fresh database and server.
2. Generic sign-ins per second: C keep-alive connections (16) each fetch their share of N sign-in pages
   (GET /: a fresh cookie and CSRF token per sign-in, timed apart as "GET /"), then, released together,
   POST /signin with a valid generic login (303 /register) for each. Only the POSTs are timed. Median of
   --signin-runs rounds (5) on one server.

The client is standard-library Python with a minimal HTTP/1.1 client on raw sockets (requests built as bytes,
responses framed by Content-Length), so that it stays cheap next to the server: the table shows the CPU
time the client used and the time the server's threads ran and waited for a CPU in each timed phase. Both
share the same cores.

Stops with a clear message if a command fails; exits 1 after the table if a request failed or the database
check does not hold.
"""
import argparse
import csv
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(BENCH, "out", "serve")
INSTITUTION = "GB042"
CSRF = re.compile(rb'name="csrf" value="([0-9a-f]+)"')
# The username is printed in parts (spans, <wbr> between): its text is the element's without the tags.
PERSONAL = re.compile(rb'(?s)id="personal-username">(.*?)</p>')
TAG = re.compile(rb"<[^>]*>")
TIMEOUT = 120  # seconds a socket waits for the server; a stuck request fails the run


class CommandFailed(Exception):
    pass


class RequestFailed(Exception):
    """A request that did not get the answer a browser would (status, page content, a closed connection)."""


def output(cmd):
    result = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandFailed(f"command failed (exit {result.returncode}): {' '.join(cmd)}\n{result.stderr.strip()}")
    return result.stdout.strip()


# MARK: A minimal HTTP/1.1 client: one keep-alive connection with its cookie jar.

class Browser:
    def __init__(self, port):
        self.port = port
        self.sock = None
        self.buffer = b""
        self.cookie = None  # the cookie jar: name -> value (the session, the visitor's form token)

    def connect(self):
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        if self.sock:
            self.sock.close()
            self.sock = None

    def request(self, method, path, form=None):
        """Sends one request; returns (status, headers as a dict of lowercase names, body)."""
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nUser-Agent: admit-serve-load\r\n"
        if self.cookie:
            head += "Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookie.items()) + "\r\n"
        if form is not None:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        self.sock.sendall(head.encode() + b"\r\n" + body)
        while b"\r\n\r\n" not in self.buffer:
            self._receive(method, path)
        raw, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie" and "=" in value:
                cookie, _, rest = value.partition(";")
                key, _, content = cookie.partition("=")
                self.cookie = dict(self.cookie or {})
                if content and "max-age=0" not in rest.lower():
                    self.cookie[key.strip()] = content
                else:
                    self.cookie.pop(key.strip(), None)
            headers[name] = value
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(self.buffer) < length:
                self._receive(method, path)
            content, self.buffer = self.buffer[:length], self.buffer[length:]
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            content = self._chunked(method, path)
        else:
            raise RequestFailed(f"{method} {path}: {status} without Content-Length")
        if headers.get("connection", "").lower() == "close":
            raise RequestFailed(f"{method} {path}: {status}, and the server closed the connection")
        return status, headers, content

    def _receive(self, method, path):
        data = self.sock.recv(65536)
        if not data:
            raise RequestFailed(f"{method} {path}: the server closed the connection before answering")
        self.buffer += data

    def _chunked(self, method, path):
        content = b""
        while True:
            while b"\r\n" not in self.buffer:
                self._receive(method, path)
            size_line, self.buffer = self.buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self._receive(method, path)
            content, self.buffer = content + self.buffer[:size], self.buffer[size + 2:]
            if size == 0:
                return content

    def expect(self, method, path, status, form=None, location=None):
        got, headers, content = self.request(method, path, form)
        if got != status or (location and headers.get("location") != location):
            text = re.sub(rb"<[^>]+>", b" ", content).decode(errors="replace")
            text = " ".join(text.split())[:200]
            raise RequestFailed(f"{method} {path}: {got} {headers.get('location', '')}, expected {status} {location or ''}"
                                f"{': ' + text if text else ''}")
        return content

    def csrf(self, method, path):
        content = self.expect(method, path, 200)
        match = CSRF.search(content)
        if not match:
            raise RequestFailed(f"{method} {path}: 200 without a CSRF token")
        return match.group(1).decode()


# MARK: Server, data, measurements

def server_cpu(pid):
    """(seconds run on a CPU, seconds waited for one) by the process's threads so far, from their schedstat.
    The wait shows how much other work on the machine (or this client) held the server back."""
    ran = waited = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                fields = f.read().split()
        except OSError:  # the thread ended meanwhile
            continue
        ran, waited = ran + int(fields[0]) / 1e9, waited + int(fields[1]) / 1e9
    return ran, waited


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process
    return usage.ru_utime + usage.ru_stime


class Server:
    """`admit serve --port 0` on a database; stderr (one line per request) goes to serve.log beside it."""

    def __init__(self, admit, db, folder, extra=()):
        self.log_path = os.path.join(folder, "serve.log")
        self.log = open(self.log_path, "w+")
        self.process = subprocess.Popen([admit, "serve", "--port", "0", "--db", db, "--sign-ins-per-minute", "1000000", *extra],
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 30
        while True:
            with open(self.log_path) as f:
                match = re.search(r"Admit is serving on http://127\.0\.0\.1:(\d+)/", f.read())
            if match:
                self.port = int(match.group(1))
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise CommandFailed(f"admit serve did not start; its output:\n{self.tail()}")
            time.sleep(0.05)

    def cpu(self):
        return server_cpu(self.process.pid)

    def cpu_since(self, before):
        now = self.cpu()
        return now[0] - before[0], now[1] - before[1]

    def tail(self, lines=20):
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])

    def problems(self):
        """Lines of the server's log other than its start and info lines of 2xx/3xx answers: warnings, errors,
        4xx/5xx answers, anything printed by a crash."""
        found = []
        with open(self.log_path, errors="replace") as f:
            for line in f:
                if line.startswith("Admit is serving on ") or (
                        re.match(r"\S+ (info|debug|trace) admit: ", line) and not re.search(r" status=[45]\d\d ", line)):
                    continue
                found.append(line.rstrip())
        return found

    def stop(self):
        """SIGTERM (in-flight requests finish), then wait; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.log.write("serve_load: admit serve did not stop within 30 s of SIGTERM; killed\n")
        self.log.close()
        return self.process.returncode


def fresh_database(admit, folder, sessions):
    """A database in folder with one institution and a session of 500 generic logins per name in sessions;
    returns (db, {name: (session id, [(username, password)])})."""
    os.makedirs(folder)
    db = os.path.join(folder, "admit.sqlite")
    output([admit, "institution", "add", INSTITUTION, "--name", "Load", "--db", db])
    made = {}
    for name in sessions:
        session = json.loads(output([admit, "session", "create", "--institution", INSTITUTION, "--name", name, "--json", "--db", db]))["id"]
        slips = os.path.join(folder, f"{name}.csv")
        output([admit, "entries", "add", session, "--count", "500", "--csv", slips, "--db", db])
        with open(slips, newline="") as f:
            made[name] = (session, [(row["Username"], row["Password"]) for row in csv.DictReader(f)])
    return db, made


def argon2(bench_binary):
    """AdmitBench --argon2-only: {cores, hash_seconds, bound_per_second, ceiling_per_second}."""
    return json.loads(output([bench_binary, "--argon2-only"]))


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def family_name(i):
    """Load + three letters from i: distinct, letters only, as a real family name would be."""
    letters = ""
    for _ in range(3):
        i, rest = divmod(i, 26)
        letters = string.ascii_lowercase[rest] + letters
    return "Load" + letters


def new_password(username, given, family):
    """14 random letters and digits, containing neither the username nor a name part (case-insensitively)."""
    symbols = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(symbols) for _ in range(14))
        low = password.lower()
        if not any(part.lower() in low for part in (username, given, family, "load", "cand")):
            return password


def start_threads(targets):
    """Starts one thread per callable; returns them. Small stacks: 500 threads of Python need little."""
    threading.stack_size(256 * 1024)
    threads = [threading.Thread(target=target, daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    return threads


# MARK: 1. 500 registrations at once

def register_all(port, slips):
    """Every candidate's first login, released together; returns (results, wall seconds, client CPU, the
    latencies of GET /healthz asked every 100 ms meanwhile, and its errors)."""
    barrier = threading.Barrier(len(slips) + 2)
    results = [None] * len(slips)
    finished = threading.Event()
    health, health_errors = [], []

    def probe():
        """What a load balancer's health check sees during the wave (/healthz reads the database)."""
        browser = Browser(port)
        barrier.wait()
        try:
            browser.connect()
            while not finished.is_set():
                asked = time.perf_counter()
                browser.expect("GET", "/healthz", 200)
                health.append(time.perf_counter() - asked)
                finished.wait(0.1)
        except (OSError, RequestFailed, ValueError) as error:
            health_errors.append(f"GET /healthz: {error}")
        finally:
            browser.close()

    def candidate(i):
        username, password = slips[i]
        given, family = "Cand", family_name(i)
        chosen = new_password(username, given, family)
        browser = Browser(port)
        result = {"username": username, "error": None}
        barrier.wait()
        start = time.perf_counter()
        step = "connect"
        try:
            browser.connect()
            step = "GET /"
            token = browser.csrf("GET", "/")
            step = "POST /signin"
            signing = time.perf_counter()
            browser.expect("POST", "/signin", 303, form={"csrf": token, "institution": INSTITUTION, "username": username,
                                                         "password": password}, location="/register")
            result["signin"] = time.perf_counter() - signing
            step = "GET /register"
            token = browser.csrf("GET", "/register")
            step = "POST /register"
            posted = time.perf_counter()
            browser.expect("POST", "/register", 303, location="/done", form={
                "csrf": token, "givenName": given, "familyName": family, "newPassword": chosen, "confirmPassword": chosen})
            done = time.perf_counter()
            result.update(register=done - posted, flow=done - start, finished=done)
            step = "GET /done"
            match = PERSONAL.search(browser.expect("GET", "/done", 200))
            if not match:
                raise RequestFailed("GET /done: 200 without the personal username")
            result["personal"] = TAG.sub(b"", match.group(1)).decode()
        except (OSError, RequestFailed, ValueError) as error:
            text = str(error) if isinstance(error, RequestFailed) else f"{step}: {type(error).__name__}: {error}"
            result["error"] = text
            result["failed_at"] = time.perf_counter() - start
        finally:
            browser.close()
        results[i] = result

    _, wall, cpu = release_together([lambda i=i: candidate(i) for i in range(len(slips))], probe, barrier, finished, results)
    return results, wall, cpu, health, health_errors


def release_together(candidates, probe, barrier, finished, results):
    """Starts a thread per candidate (each waits at `barrier`) and the health probe, releases them together, waits
    for every candidate, then stops the probe. Returns (the release's perf_counter, the wall time from it to the
    last "finished" of `results`, this process's CPU time meanwhile)."""
    threads = start_threads(candidates)
    prober = start_threads([probe])[0]
    cpu = own_cpu()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    cpu = own_cpu() - cpu
    finished.set()
    prober.join()
    ends = [r["finished"] for r in results if "finished" in r]
    return start, (max(ends) if ends else time.perf_counter()) - start, cpu


def check_database(admit, db, session, results):
    """Whether the database holds each registration exactly once; returns (a list of problems (empty: yes), entries
    converted, distinct personal usernames, entry.register events, events of a form sent again after its answer was
    lost). db is a SQLite path, or the store's options as a list (bench/cluster_load.py: --db URI --key-file FILE).
    An event of an answer given again ("answer given again") is the same registration shown once more, not a second one."""
    problems = []
    store = db if isinstance(db, list) else ["--db", db]
    entries = json.loads(output([admit, "entries", "list", session, "--json"] + store))
    by_username = {entry["username"]: entry for entry in entries}
    converted = [entry for entry in entries if entry["state"] == "converted"]
    if len(converted) != len(results):
        problems.append(f"{len(converted)} entries converted, {len(results)} expected")
    names = [entry.get("personal_username") for entry in converted]
    if len(set(names)) != len(names) or None in names:
        problems.append(f"{len(names) - len(set(names))} personal usernames given twice")
    for result in results:
        entry = by_username.get(result["username"])
        shown = result.get("personal")
        if shown and entry and entry.get("personal_username") != shown:
            problems.append(f"{result['username']}: /done showed {shown}, the database holds {entry.get('personal_username')}")
    events = [event for event in json.loads(output([admit, "audit", session, "--json"] + store))
              if event["action"] == "entry.register"]
    first = [event for event in events if event.get("detail", {}).get("reason") != "answer given again"]
    again, events = len(events) - len(first), first
    guids = [guid for event in events for guid in event.get("detail", {}).get("entries", [])]
    if len(events) != len(results) or len(guids) != len(results) or len(set(guids)) != len(results):
        problems.append(f"{len(events)} entry.register events for {len(set(guids))} distinct entries, {len(results)} expected")
    if set(guids) != {entry["guid"] for entry in converted}:
        problems.append("the entry.register events do not name exactly the converted entries")
    return problems, len(converted), len(set(names)), len(events), again


def registration_run(admit, bench_binary, folder, candidates, extra=()):
    db, made = fresh_database(admit, folder, ["Load"])
    session, slips = made["Load"]
    slips = slips[:candidates]
    hashes = argon2(bench_binary)
    server = Server(admit, db, folder, extra)
    try:
        server_before = server.cpu()
        results, wall, client_cpu, health, health_errors = register_all(server.port, slips)
        server_used = server.cpu_since(server_before)
    finally:
        status = server.stop()
    problems, converted, distinct, events, _ = check_database(admit, db, session, results)
    errors = [r for r in results if r["error"]] + [{"error": e, "failed_at": 0} for e in health_errors]
    ok = [r for r in results if not r["error"]]
    return {
        "hashes": hashes, "wall": wall, "errors": errors, "client_cpu": client_cpu, "server_cpu": server_used,
        "rate": len(ok) / wall if ok else 0.0,
        "register": [r["register"] for r in ok], "flow": [r["flow"] for r in ok], "signin": [r["signin"] for r in ok],
        "health": health,
        "problems": problems, "converted": converted, "distinct": distinct, "events": events,
        "server_problems": server.problems(), "server_status": status, "log": server.log_path,
    }


# MARK: 2. Generic sign-ins per second

def sign_in_round(port, slips, count, connections):
    """Starts `connections` threads that fetch `count` sign-in pages between them, then wait to post a sign-in
    with each; returns (the threads, the barrier that releases the posts, seconds the pages took, errors)."""
    barriers = [threading.Barrier(connections + 1) for _ in range(3)]
    errors = []
    lock = threading.Lock()

    def failed(what, error):
        with lock:
            errors.append(f"{what}: {error}")

    def worker(k):
        jobs = range(k, count, connections)
        browser, jars = Browser(port), []
        try:
            browser.connect()
        except OSError as error:
            failed("connect", error)
        barriers[0].wait()
        try:
            for _ in jobs:  # a fresh session (no cookie) for each sign-in, as a new browser would have
                browser.cookie = None
                token = browser.csrf("GET", "/")
                jars.append((browser.cookie, token))
        except (OSError, RequestFailed, ValueError) as error:
            failed("GET /", error)
        barriers[1].wait()
        barriers[2].wait()
        try:
            for job, (cookie, token) in zip(jobs, jars):
                username, password = slips[job % len(slips)]
                browser.cookie = cookie
                browser.expect("POST", "/signin", 303, location="/register",
                               form={"csrf": token, "institution": INSTITUTION, "username": username, "password": password})
        except (OSError, RequestFailed, ValueError) as error:
            failed("POST /signin", error)
        finally:
            browser.close()

    threads = start_threads([lambda k=k: worker(k) for k in range(connections)])
    barriers[0].wait()
    start = time.perf_counter()
    barriers[1].wait()
    pages = time.perf_counter() - start
    return threads, barriers[2], pages, errors


def sign_ins(admit, folder, count, connections, rounds):
    db, made = fresh_database(admit, folder, ["SignIns"])
    _, slips = made["SignIns"]
    server = Server(admit, db, folder)
    measured = []
    try:
        for _ in range(rounds):
            threads, go, pages, errors = sign_in_round(server.port, slips, count, connections)
            client, served = own_cpu(), server.cpu()
            go.wait()
            start = time.perf_counter()
            for thread in threads:
                thread.join()
            posts = time.perf_counter() - start
            measured.append({"pages": count / pages, "rate": count / posts, "client_cpu": own_cpu() - client,
                             "server_cpu": server.cpu_since(served), "wall": posts, "errors": errors})
    finally:
        status = server.stop()
    return measured, server.problems(), status, server.log_path


# MARK: Report

def row(figure, measured, baseline="", ratio=""):
    print(f"   {figure:50} {measured:>21}   {baseline:40} {ratio}".rstrip())


def cpu(client, server, wall, cores):
    """The CPU seconds the client and the server's threads used, of the cores x wall there were."""
    ran, waited = server
    return f"client {client:.1f} s, server {ran:.1f} s (+{waited:.1f} s waiting for a CPU) of {cores} x {wall:.1f} s"


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admit", required=True, help="path to a release build of admit")
    parser.add_argument("--admit-bench", help="path to AdmitBench (default: beside admit)")
    parser.add_argument("--candidates", type=int, default=500, help="candidates registering at once (at most 500)")
    parser.add_argument("--runs", type=int, help="registration runs, each a fresh database and server (default 3; 1 with --quick)")
    parser.add_argument("--sign-ins", type=int, help="sign-ins per round (default 4,000; 1,000 with --quick)")
    parser.add_argument("--signin-runs", type=int, help="sign-in rounds (default 5; 2 with --quick)")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections for the sign-ins (default 16)")
    parser.add_argument("--queue-limit", type=int, default=1000,
                        help="admit serve --queue-limit for the registration runs (default 1,000: above the 500 of a wave, so"
                             " that the wave measures hashing, not 503s; bench/cluster_load.py has the wave with the limit on)")
    parser.add_argument("--quick", action="store_true", help="1 registration run, 2 rounds of 1,000 sign-ins")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    count = args.sign_ins or (1000 if args.quick else 4000)
    rounds = args.signin_runs or (2 if args.quick else 5)
    if not 1 <= args.candidates <= 500 or min(runs, count, rounds, args.connections) < 1:
        parser.error("--candidates must be 1 to 500; --runs, --sign-ins, --signin-runs and --connections at least 1")

    admit = os.path.abspath(args.admit)
    bench_binary = os.path.abspath(args.admit_bench or os.path.join(os.path.dirname(admit), "AdmitBench"))
    for binary in (admit, bench_binary):
        if not os.access(binary, os.X_OK):
            sys.exit(f"serve_load: {binary} is not executable (build it with `swift build -c release`)")
    os.environ.pop("ADMIT_DB", None)
    os.environ.pop("ADMIT_DATA_KEY", None)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    began = time.perf_counter()
    try:
        registration = []
        for i in range(runs):
            registration.append(registration_run(admit, bench_binary, os.path.join(OUT, f"register-{i + 1}"), args.candidates,
                                                 extra=["--queue-limit", str(args.queue_limit)]))
        signins, signin_problems, signin_status, signin_log = sign_ins(admit, os.path.join(OUT, "signin"), count,
                                                                       args.connections, rounds)
    except CommandFailed as error:
        sys.exit(f"serve_load: {error}")

    n = args.candidates
    cores = registration[0]["hashes"]["cores"]
    median = statistics.median
    hash_time = median(r["hashes"]["hash_seconds"] for r in registration)
    bound = median(r["hashes"]["bound_per_second"] for r in registration)
    ceiling = median(r["hashes"]["ceiling_per_second"] for r in registration)
    rates = [r["rate"] for r in registration]
    rate = median(rates)
    all_errors = [e for r in registration for e in r["errors"]]
    problems = [p for r in registration for p in r["problems"]]
    exactly_once = not problems and all(r["converted"] == n and r["distinct"] == n and r["events"] == n for r in registration)

    def spread(key, fraction):
        values = [percentile(r[key], fraction) for r in registration if r[key]]
        return median(values) if values else float("nan")

    print(f"4. admit serve under load, over HTTP on loopback ({cores} cores, shared by the server and this Python client)")
    row("figure", "measured", "baseline", "ratio")
    print(f"   {n} candidates register at once: {runs} run{'s' if runs > 1 else ''}, each a fresh database and server; medians")
    row("POST /register latency p50 / p99", f"{ms(spread('register', 0.5))} / {ms(spread('register', 0.99))}")
    row("first login: connect + 4 requests, p50 / p99", f"{ms(spread('flow', 0.5))} / {ms(spread('flow', 0.99))}")
    row("  of which POST /signin, p50 / p99", f"{ms(spread('signin', 0.5))} / {ms(spread('signin', 0.99))}")
    probes = median(len(r["health"]) for r in registration)
    row(f"GET /healthz meanwhile, {probes:.0f} in turn, p50 / max", f"{ms(median(median(r['health']) for r in registration if r['health']))}"
        f" / {ms(median(max(r['health']) for r in registration if r['health']))}")
    row(f"registrations /s ({n} / release to last 303)", f"{rate:.1f} /s",
        f"Argon2id bound {cores} ÷ {hash_time * 1000:.1f} ms: {bound:.1f} /s", f"{rate / bound:.2f}")
    row("", "", f"hash-only ceiling, {cores} workers: {ceiling:.1f} /s", f"{rate / ceiling:.2f}")
    row("  each run", ", ".join(f"{r:.1f}" for r in rates) + " /s")
    middle = sorted(registration, key=lambda r: r["rate"])[len(registration) // 2]
    print(f"     CPU (median run): {cpu(middle['client_cpu'], middle['server_cpu'], middle['wall'], cores)}")
    row("  requests failed", f"{len(all_errors)} of {n * 5 * runs + sum(len(r['health']) for r in registration)}", "goal 0", "met" if not all_errors else "NOT MET")
    row("  each entry converted exactly once", "yes" if exactly_once else "NO",
        f"{n} converted, distinct names, entry.register", "met" if exactly_once else "NOT MET")

    print(f"   generic sign-ins: {count:,} per round over {args.connections} keep-alive connections, median of {rounds} rounds")
    sign_in_errors = [e for s in signins for e in s["errors"]]
    sign_in_rate = median(s["rate"] for s in signins)
    row("POST /signin (valid generic login: 303) /s", f"{sign_in_rate:,.0f} /s", "in-process, 1 worker: AdmitBench above")
    row("  each round", ", ".join(f"{s['rate']:,.0f}" for s in signins) + " /s")
    middle = sorted(signins, key=lambda s: s["rate"])[len(signins) // 2]
    print(f"     CPU (median round): {cpu(middle['client_cpu'], middle['server_cpu'], middle['wall'], cores)}")
    row("GET / before them (page and form token; nothing kept) /s", f"{median(s['pages'] for s in signins):,.0f} /s")
    row("  requests failed", f"{len(sign_in_errors)} of {2 * count * rounds}", "goal 0", "met" if not sign_in_errors else "NOT MET")
    print(f"   took {time.perf_counter() - began:.0f} s; servers' logs in {OUT}")

    failed = False
    for i, r in enumerate(registration, 1):
        kinds = {}
        for error in r["errors"]:
            kinds.setdefault(error["error"], []).append(error)
        for text, which in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
            print(f"   run {i}: {len(which)} x {text} (after {ms(min(w['failed_at'] for w in which))} to {ms(max(w['failed_at'] for w in which))})")
        for problem in r["problems"]:
            print(f"   run {i}: database: {problem}")
        if r["errors"] or r["problems"] or r["server_problems"] or r["server_status"] != 0:
            failed = failed or bool(r["errors"] or r["problems"])
            print(f"   run {i}: admit serve exited {r['server_status']}; {len(r['server_problems'])} unusual lines in {r['log']}:")
            for line in r["server_problems"][:10]:
                print(f"      {line}")
    if sign_in_errors or signin_problems or signin_status != 0:
        failed = failed or bool(sign_in_errors)
        for error in sorted(set(sign_in_errors))[:10]:
            print(f"   sign-ins: {sign_in_errors.count(error)} x {error}")
        print(f"   sign-ins: admit serve exited {signin_status}; {len(signin_problems)} unusual lines in {signin_log}:")
        for line in signin_problems[:10]:
            print(f"      {line}")
    print()
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
