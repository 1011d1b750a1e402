"""Several `admit serve` on one PostgreSQL behind nginx, run by `make bench` inside Tests/with-postgres.sh (see
bench/README.md, figure 5).

Everything runs on this machine's cores: nginx (TLS), PostgreSQL, two servers and this Python client. The servers
are started with the command line of Samples/systemd/admit@.service, nginx with Samples/nginx/admit.conf (its lines
marked "# test:" replaced, as Tests/AdmitBrowserTests/Cluster.swift does). Each candidate connects from an address
of its own (127.1.x.y: all of 127/8 is loopback), so nginx's per-address limit_req sees a hall of browsers, not
one. Each wave has a fresh database (CREATE DATABASE on the cluster's admin URI, $ADMIT_TEST_POSTGRES).

1. 500 candidates register at once through nginx, with serve_load.py's client (over TLS) and its checks. The
   same run also measures the single-server SQLite figure 4 (serve_load.registration_run) and the Argon2id bound;
   the two alternate, --runs times each.
2. The failover wave: the same, and when --kill-after candidates have finished, one server is killed with SIGKILL.
   Every candidate retries a failed step once, as a person would (a sign-in from its page again; a registration
   form sent again as it was).
3. `admit entries add S --count 500` on PostgreSQL against SQLite: wall time of the whole process, alternately,
   median of --add-runs.
4. --wave (2,000) candidates at once through nginx, two servers with the default queue limit: a 503 with
   Retry-After is sent again after it (and up to a second more), as the page's script does.

Waves 1 and 2 run with --queue-limit 1000 on every server (the single SQLite one too), so that they measure
hashing, not refusals; wave 4 is the one with the limit on. Without $ADMIT_TEST_POSTGRES (or with --store sqlite)
the servers share one SQLite file instead: a dry run of the same code, said so in the table.

Stops with a clear message if a command fails; exits 1 after the table if a request failed where none may, a
candidate was lost or the database check does not hold.
"""
import argparse
import csv
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_load  # noqa: E402  (the client, the checks, the figure-4 run)
from serve_load import (Browser, CommandFailed, RequestFailed, argon2, check_database, family_name, ms, new_password,  # noqa: E402
                        output, percentile, release_together, server_cpu)

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
SAMPLES = os.path.join(ROOT, "Samples")
OUT = os.path.join(BENCH, "out", "cluster")
INSTITUTION = serve_load.INSTITUTION
NGINX = "/usr/sbin/nginx"
TIMEOUT = serve_load.TIMEOUT
WAVE_QUEUE_LIMIT = 1000  # waves 1 and 2: above any queue a wave of 500 makes, so no 503


# MARK: Processes

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, process, what, log):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None:
            with open(log, errors="replace") as f:
                raise CommandFailed(f"{what} exited ({process.returncode}): {f.read()[-1500:]}")
        time.sleep(0.05)
    raise CommandFailed(f"{what} did not listen on {port} within 30 s")


def unit_arguments():
    """The systemd unit's ExecStart words after the binary."""
    with open(os.path.join(SAMPLES, "systemd", "admit@.service")) as f:
        line = next((l for l in f.read().splitlines() if l.startswith("ExecStart=")), None)
    if not line:
        raise CommandFailed("Samples/systemd/admit@.service has no ExecStart line")
    return line[len("ExecStart="):].split()[1:]


class UnitServer(serve_load.Server):
    """One `admit serve` as the systemd unit runs it (its port for %i), the store in ADMIT_DB / ADMIT_KEY_FILE."""

    def __init__(self, admit, store, folder, index, extra):
        self.port = free_port()
        self.log_path = os.path.join(folder, f"serve-{index}.log")
        self.log = open(self.log_path, "w+")
        arguments = [word.replace("%i", str(self.port)) for word in unit_arguments()] + list(extra)
        self.process = subprocess.Popen([admit] + arguments, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                        env={**os.environ, **store.environment()}, cwd=folder)
        try:
            wait_for_port(self.port, self.process, "admit serve", self.log_path)
        except CommandFailed:
            self.stop()
            raise

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


class Nginx:
    """Debian's nginx with Samples/nginx/admit.conf, in a folder of its own: TLS on a loopback port."""

    def __init__(self, folder, servers):
        self.folder = folder
        key, certificate = os.path.join(folder, "tls.key"), os.path.join(folder, "tls.crt")
        output(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                "-days", "1", "-subj", "/CN=127.0.0.1"])
        self.port, plain = free_port(), free_port()
        lines = []
        with open(os.path.join(SAMPLES, "nginx", "admit.conf")) as f:
            sample = f.read().split("\n")
        for line in sample:
            indent = line[:len(line) - len(line.lstrip(" "))]
            if line.endswith("# test: servers"):
                lines += [f"{indent}server 127.0.0.1:{s.port} max_fails=1 fail_timeout=10s;" for s in servers]
            elif line.endswith("# test: listen"):
                lines.append(f"{indent}listen 127.0.0.1:{self.port} ssl http2;")
            elif line.endswith("# test: plain"):
                lines.append(f"{indent}listen 127.0.0.1:{plain};")
            elif line.endswith("# test: certificate"):
                lines.append(f"{indent}ssl_certificate {certificate};")
            elif line.endswith("# test: key"):
                lines.append(f"{indent}ssl_certificate_key {key};")
            elif line.startswith("    server 127.0.0.1:"):
                continue  # the sample's second server line: the bench's servers replace both
            else:
                lines.append(line)
        with open(os.path.join(folder, "admit.conf"), "w") as f:
            f.write("\n".join(lines))
        for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(folder, f"nginx-{name}"), exist_ok=True)
        path = lambda name: os.path.join(folder, name)  # noqa: E731
        # What Debian's /etc/nginx/nginx.conf gives the site (worker_processes auto: one per core), with room for
        # --wave connections from the browsers and as many to the servers.
        with open(path("nginx.conf"), "w") as f:
            f.write(f"""pid {path("nginx.pid")};
error_log {path("nginx-error.log")} warn;
worker_processes auto;
worker_rlimit_nofile 16384;
events {{ worker_connections 8192; }}
http {{
    access_log {path("nginx-access.log")};
    client_body_temp_path {path("nginx-client")};
    proxy_temp_path {path("nginx-proxy")};
    fastcgi_temp_path {path("nginx-fastcgi")};
    uwsgi_temp_path {path("nginx-uwsgi")};
    scgi_temp_path {path("nginx-scgi")};
    include {path("admit.conf")};
}}
""")
        self.out = open(path("nginx.out"), "w")
        self.process = subprocess.Popen([NGINX, "-p", folder, "-c", path("nginx.conf"), "-g",
                                         "daemon off;" + (" user root;" if os.getuid() == 0 else "")],
                                        stdin=subprocess.DEVNULL, stdout=self.out, stderr=self.out)
        wait_for_port(self.port, self.process, "nginx", path("nginx.out"))

    def pids(self):
        return [self.process.pid] + children(self.process.pid)

    def errors(self):
        """nginx's error log: (lines, of which about a server that went away)."""
        try:
            with open(os.path.join(self.folder, "nginx-error.log"), errors="replace") as f:
                lines = [l.rstrip() for l in f]
        except OSError:
            return [], []
        return lines, [l for l in lines if "upstream" in l]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.out.close()


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def processes_cpu(pids):
    """{pid: (seconds run, seconds waited for a CPU)} of each process's threads."""
    seen = {}
    for pid in pids:
        try:
            seen[pid] = server_cpu(pid)
        except OSError:  # it ended meanwhile
            pass
    return seen


def cpu_delta(before, after):
    """Run and wait seconds between two processes_cpu snapshots (processes new in `after` count from 0)."""
    ran = sum(after[p][0] - before.get(p, (0, 0))[0] for p in after)
    waited = sum(after[p][1] - before.get(p, (0, 0))[1] for p in after)
    return ran, waited


def machine_busy():
    """Seconds of all CPUs not idle so far (/proc/stat), and the number of CPUs."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / ticks


# MARK: Stores

class Postgres:
    """The cluster's admin URI ($ADMIT_TEST_POSTGRES); a database per wave."""

    def __init__(self, admin):
        self.admin = admin
        self.made = []
        url = urllib.parse.urlsplit(admin)
        host = urllib.parse.parse_qs(url.query).get("host", [""])[0]
        self.postmaster = None
        if host.startswith("/"):
            try:
                with open(os.path.join(host, "data", "postmaster.pid")) as f:
                    self.postmaster = int(f.readline())
            except (OSError, ValueError):
                pass
        self.throwaway = os.path.basename(host).startswith("admit-postgres.")

    def psql(self, sql, uri=None):
        return output(["psql", uri or self.admin, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql])

    def durable(self):
        """with-postgres.sh's cluster runs without fsync (it is thrown away); the bench's commits must reach the disk
        as SQLite's do, so that the two are compared on the same terms. Only on that throwaway cluster."""
        if self.throwaway:
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                self.psql(f"ALTER SYSTEM SET {setting} = on")
            self.psql("SELECT pg_reload_conf()")
            time.sleep(0.5)
        return {s: self.psql(f"SHOW {s}") for s in ("fsync", "synchronous_commit", "full_page_writes", "server_version")}

    def database(self, name):
        self.psql(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        url = urllib.parse.urlsplit(self.admin)
        return urllib.parse.urlunsplit((url.scheme, url.netloc, "/" + name, url.query, url.fragment))

    def drop_all(self):
        for name in self.made:
            try:
                self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except CommandFailed:
                pass
        self.made = []

    def pids(self):
        return [self.postmaster] + children(self.postmaster) if self.postmaster else []


class Store:
    """Where a wave's servers and commands keep their data: a PostgreSQL URI and a key file, or one SQLite file
    (its key beside it)."""

    def __init__(self, admit, folder, postgres, name):
        self.kind = "postgres" if postgres else "sqlite"
        if postgres:
            self.db = postgres.database(name)
            self.key = os.path.join(folder, "data.key")
            output([admit, "key", "generate", "--out", self.key])
        else:
            self.db = os.path.join(folder, "admit.sqlite")
            self.key = None

    def args(self):
        return ["--db", self.db] + (["--key-file", self.key] if self.key else [])

    def environment(self):
        return {"ADMIT_DB": self.db, **({"ADMIT_KEY_FILE": self.key} if self.key else {})}


def seed(admit, store, folder, count):
    """Institution GB042, one session with `count` generic logins (batches of 500); (session id, slips)."""
    output([admit, "institution", "add", INSTITUTION, "--name", "Load"] + store.args())
    session = json.loads(output([admit, "session", "create", "--institution", INSTITUTION, "--name", "Load", "--json"]
                                + store.args()))["id"]
    slips = []
    for start in range(0, count, 500):
        path = os.path.join(folder, f"slips-{start}.csv")
        output([admit, "entries", "add", session, "--count", str(min(500, count - start)), "--csv", path] + store.args())
        with open(path, newline="") as f:
            slips += [(row["Username"], row["Password"]) for row in csv.DictReader(f)]
    return session, slips


# MARK: The client: serve_load's Browser over TLS, from an address of its own

CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE  # the bench's own certificate


class TLSBrowser(Browser):
    def __init__(self, port, source):
        super().__init__(port)
        self.source = source

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT, source_address=(self.source, 0))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = CONTEXT.wrap_socket(sock)  # HTTP/1.1 (no ALPN), a full handshake per browser
        self.buffer = b""


def address(i):
    """Candidate i's own loopback address: 127.1.0.1, 127.1.0.2, …"""
    return f"127.1.{i // 250}.{i % 250 + 1}"


FAILURES = (OSError, RequestFailed, ValueError, ssl.SSLError)


def wave(port, slips, retry, kill=None):
    """Every candidate's first login through nginx, released together. A 503 with Retry-After is sent again after it,
    as the page does. With `retry`, a step that fails is done once more, as a person would. With kill = (server,
    after), that server is SIGKILLed when `after` candidates have finished. Returns the results, the wall time from
    the release to the last registration's 303, the client's CPU and the /healthz latencies and errors."""
    n = len(slips)
    barrier = threading.Barrier(n + 2)
    results = [None] * n
    finished = threading.Event()
    done_lock = threading.Lock()
    done = [0]
    killed = {}
    health_seen, health_errors = [], []

    def probe():
        browser = TLSBrowser(port, "127.0.0.1")
        barrier.wait()
        try:
            browser.connect()
            while not finished.is_set():
                asked = time.perf_counter()
                try:
                    browser.expect("GET", "/healthz", 200)
                    health_seen.append(time.perf_counter() - asked)
                except FAILURES as error:
                    health_errors.append(f"GET /healthz: {error}")
                    browser.close()
                    browser.connect()
                finished.wait(0.1)
        except FAILURES as error:
            health_errors.append(f"GET /healthz: {error}")
        finally:
            browser.close()

    def candidate(i):
        username, password = slips[i]
        given, family = "Cand", family_name(i)
        chosen = new_password(username, given, family)
        browser = TLSBrowser(port, address(i))
        result = {"username": username, "error": None, "retries": [], "busy_signin": 0, "busy_register": 0}

        def post(path, form, location, busy_key):
            """POST, sent again after each 503's Retry-After; the served answer's latency."""
            while True:
                sent = time.perf_counter()
                status, headers, content = browser.request("POST", path, form)
                if status == 503 and "retry-after" in headers:
                    result[busy_key] += 1
                    time.sleep(int(headers["retry-after"]) + random.random())
                    continue
                if status != 303 or headers.get("location") != location:
                    text = " ".join(re.sub(rb"<[^>]+>", b" ", content).decode(errors="replace").split())[:160]
                    raise RequestFailed(f"POST {path}: {status} {headers.get('location', '')}, expected 303 {location}: {text}")
                return time.perf_counter() - sent

        def step(name, body):
            for attempt in range(2 if retry else 1):
                try:
                    return body()
                except FAILURES as error:
                    if attempt == 1 or not retry:
                        raise RequestFailed(f"{name}: {error}" if not isinstance(error, RequestFailed) else str(error))
                    result["retries"].append(f"{name}: {type(error).__name__}: {error}")
                    browser.close()  # a new connection for the next try: this one may be broken

        def connected():
            if browser.sock is None:
                browser.connect()

        def sign_in():
            connected()
            token = browser.csrf("GET", "/")
            result["signin"] = post("/signin", {"csrf": token, "institution": INSTITUTION, "username": username,
                                                "password": password}, "/register", "busy_signin")

        form = {}

        def register():
            connected()
            if not form:  # the form's page, once: sent again as it was
                form.update(csrf=browser.csrf("GET", "/register"), givenName=given, familyName=family,
                            newPassword=chosen, confirmPassword=chosen)
            result["register"] = post("/register", form, "/done", "busy_register")
            result["finished"] = time.perf_counter()
            match = serve_load.PERSONAL.search(browser.expect("GET", "/done", 200))
            if not match:
                raise RequestFailed("GET /done: 200 without the personal username")
            result["personal"] = serve_load.TAG.sub(b"", match.group(1)).decode()

        barrier.wait()
        start = time.perf_counter()
        try:
            step("connect", connected)
            step("sign-in", sign_in)
            step("registration", register)
            result["flow"] = result["finished"] - start
        except FAILURES as error:
            result["error"] = str(error)
            result["failed_at"] = time.perf_counter() - start
        finally:
            browser.close()
        results[i] = result
        if kill and result["error"] is None:
            with done_lock:
                done[0] += 1
                if done[0] == kill[1]:
                    killed["at"] = time.perf_counter()
                    kill[0].kill()

    start, wall, cpu = release_together([lambda i=i: candidate(i) for i in range(n)], probe, barrier, finished, results)
    return {"results": results, "wall": wall, "client_cpu": cpu, "health": health_seen, "health_errors": health_errors,
            "killed_at": killed.get("at", start) - start if killed else None}


def cluster_wave(admit, bench_binary, postgres, folder, name, count, servers=2, extra=(), retry=False, kill_after=None):
    """A fresh store seeded with `count` slips, `servers` servers behind nginx, one wave; its figures."""
    os.makedirs(folder)
    store = Store(admit, folder, postgres, name)
    session, slips = seed(admit, store, folder, count)
    hashes = argon2(bench_binary)
    running, proxy = [], None
    try:
        for index in range(servers):
            running.append(UnitServer(admit, store, folder, index, extra))
        proxy = Nginx(folder, running)
        pids = lambda: {"servers": [s.process.pid for s in running if s.process.poll() is None],  # noqa: E731
                        "nginx": proxy.pids(), "postgres": postgres.pids() if postgres else []}
        before = {k: processes_cpu(v) for k, v in pids().items()}
        busy = machine_busy()
        seen = wave(proxy.port, slips, retry, kill=(running[0], kill_after) if kill_after else None)
        # A killed server is not counted: its threads are gone with it.
        after = {k: processes_cpu(v) for k, v in pids().items()}
        busy = machine_busy() - busy
    finally:
        statuses = [s.stop() for s in running]
        if proxy:
            proxy.stop()
    problems, converted, distinct, events, again = check_database(admit, store.args(), session, seen["results"])
    results = seen["results"]
    ok = [r for r in results if not r["error"]]
    return {
        **seen, "hashes": hashes, "store": store.kind, "problems": problems, "converted": converted, "distinct": distinct,
        "events": events, "again": again, "ok": ok, "errors": [r for r in results if r["error"]],
        "rate": len(ok) / seen["wall"] if ok else 0.0,
        "cpu": {k: cpu_delta(before[k], after[k]) for k in before}, "busy": busy,
        "statuses": statuses, "server_problems": [p for s in running for p in s.problems()],
        "logs": [s.log_path for s in running], "nginx_errors": proxy.errors() if proxy else ([], []),
    }


# MARK: 3. entries add

def timed(cmd):
    start = time.perf_counter()
    result = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise CommandFailed(f"command failed (exit {result.returncode}): {' '.join(cmd)}\n{result.stderr.strip()}")
    return wall


def entries_add(admit, postgres, folder, runs):
    """`entries add S --count 500` alternately on SQLite and PostgreSQL (one uncounted warm-up each)."""
    os.makedirs(folder)
    stores = {}
    for kind, pg in (("sqlite", None), ("postgres", postgres)):
        sub = os.path.join(folder, kind)
        os.makedirs(sub)
        store = Store(admit, sub, pg, "bench_add")
        output([admit, "institution", "add", INSTITUTION, "--name", "Load"] + store.args())
        session = json.loads(output([admit, "session", "create", "--institution", INSTITUTION, "--name", "Add", "--json"]
                                    + store.args()))["id"]
        stores[kind] = (store, session)
    times = {kind: [] for kind in stores}
    for run in range(runs + 1):
        for kind, (store, session) in stores.items():
            wall = timed([admit, "entries", "add", session, "--count", "500"] + store.args())
            if run:
                times[kind].append(wall)
    return times


# MARK: Report

def row(figure, measured, baseline="", ratio=""):
    print(f"   {figure:52} {measured:>24}   {baseline:44} {ratio}".rstrip())


def met(ok):
    return "met" if ok else "NOT MET"


def where_cpu(w, cores):
    parts = [f"client {w['client_cpu']:.1f} s"]
    for key in ("servers", "nginx", "postgres"):
        ran, waited = w["cpu"][key]
        if ran or key != "postgres":
            parts.append(f"{key} {ran:.1f} s (+{waited:.1f} s waiting)")
    return ", ".join(parts) + f"; all CPUs busy {w['busy']:.1f} s of {cores} x {w['wall']:.1f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admit", required=True, help="path to a release build of admit")
    parser.add_argument("--admit-bench", help="path to AdmitBench (default: beside admit)")
    parser.add_argument("--store", choices=["postgres", "sqlite"],
                        help="the servers' shared store (default: postgres when $ADMIT_TEST_POSTGRES is set, else sqlite)")
    parser.add_argument("--runs", type=int, help="waves of 500 of each kind (SQLite alone, two on PostgreSQL): default 3; 1 with --quick")
    parser.add_argument("--failover-runs", type=int, help="failover waves (default 2; 1 with --quick)")
    parser.add_argument("--kill-after", type=int, default=100, help="candidates finished when a server is killed (default 100)")
    parser.add_argument("--add-runs", type=int, help="entries add runs on each store (default 7; 3 with --quick)")
    parser.add_argument("--wave", type=int, help="candidates of the queue-limit wave (default 2,000; 1,000 with --quick)")
    parser.add_argument("--quick", action="store_true", help="1 wave of each kind, 3 entries add runs, a wave of 1,000")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    failover_runs = args.failover_runs or (1 if args.quick else 2)
    add_runs = args.add_runs or (3 if args.quick else 7)
    big = args.wave or (1000 if args.quick else 2000)
    if min(runs, failover_runs, add_runs) < 1 or not 1 <= args.kill_after < 500 or not 1 <= big <= 60000:
        parser.error("--runs, --failover-runs and --add-runs at least 1; --kill-after 1 to 499; --wave 1 to 60,000")

    admit = os.path.abspath(args.admit)
    bench_binary = os.path.abspath(args.admit_bench or os.path.join(os.path.dirname(admit), "AdmitBench"))
    for binary in (admit, bench_binary, NGINX):
        if not os.access(binary, os.X_OK):
            sys.exit(f"cluster_load: {binary} is not executable")
    admin = os.environ.get("ADMIT_TEST_POSTGRES", "")
    kind = args.store or ("postgres" if admin else "sqlite")
    if kind == "postgres" and not admin:
        sys.exit("cluster_load: --store postgres needs $ADMIT_TEST_POSTGRES (run it inside Tests/with-postgres.sh)")
    for name in ("ADMIT_DB", "ADMIT_DATA_KEY", "ADMIT_KEY_FILE"):
        os.environ.pop(name, None)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * big + 1000)), hard))
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)

    postgres = Postgres(admin) if kind == "postgres" else None
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    try:
        settings = {}
        if postgres:
            settings = postgres.durable()
            # Does this admit speak PostgreSQL yet? One clear sentence if not.
            probe = os.path.join(OUT, "probe")
            os.makedirs(probe)
            store = Store(admit, probe, postgres, "bench_probe")
            try:
                output([admit, "institution", "list"] + store.args())
            except CommandFailed as error:
                sys.exit(f"cluster_load: admit does not work on PostgreSQL here (use --store sqlite for a dry run):\n{error}")
        single, clustered = [], []
        for i in range(runs):
            single.append(serve_load.registration_run(admit, bench_binary, os.path.join(OUT, f"single-{i + 1}"), 500,
                                                      extra=["--queue-limit", str(WAVE_QUEUE_LIMIT)]))
            clustered.append(cluster_wave(admit, bench_binary, postgres, os.path.join(OUT, f"cluster-{i + 1}"),
                                          f"bench_wave_{i + 1}", 500, extra=["--queue-limit", str(WAVE_QUEUE_LIMIT)]))
        failover = [cluster_wave(admit, bench_binary, postgres, os.path.join(OUT, f"failover-{i + 1}"), f"bench_failover_{i + 1}",
                                 500, extra=["--queue-limit", str(WAVE_QUEUE_LIMIT)], retry=True, kill_after=args.kill_after)
                    for i in range(failover_runs)]
        adds = entries_add(admit, postgres, os.path.join(OUT, "add"), add_runs) if postgres else None
        queued = cluster_wave(admit, bench_binary, postgres, os.path.join(OUT, "queue"), "bench_queue", big)
    except CommandFailed as error:
        sys.exit(f"cluster_load: {error}")
    finally:
        if postgres:
            postgres.drop_all()

    median = statistics.median
    cores = clustered[0]["hashes"]["cores"]
    on = ("PostgreSQL " + settings.get("server_version", "") + f" (fsync {settings.get('fsync')}, synchronous_commit "
          f"{settings.get('synchronous_commit')})") if postgres else "ONE SQLITE FILE (dry run: no PostgreSQL)"
    print(f"5. Two admit serve behind nginx (TLS, Samples/nginx/admit.conf) on {on}, {cores} cores shared with nginx, the"
          f" database and this Python client")
    row("figure", "measured", "baseline", "ratio")
    failed = False

    def spread(waves, key, fraction):
        values = [percentile([r[key] for r in w["ok"] if key in r], fraction) for w in waves if w["ok"]]
        return median(values) if values else float("nan")

    bound = median(w["hashes"]["bound_per_second"] for w in clustered)
    hash_time = median(w["hashes"]["hash_seconds"] for w in clustered)
    rate = median(w["rate"] for w in clustered)
    single_rate = median(r["rate"] for r in single)
    print(f"   500 candidates register at once, {runs} run{'s' if runs > 1 else ''} of each, alternately; medians;"
          f" --queue-limit {WAVE_QUEUE_LIMIT} on every server")
    row("two servers: registrations /s", f"{rate:.1f} /s", f"Argon2id bound {cores} ÷ {hash_time * 1000:.1f} ms: {bound:.1f} /s",
        f"{rate / bound:.2f} (goal ≥ 0.8: {met(rate / bound >= 0.8)})")
    ceiling = median(w["hashes"]["ceiling_per_second"] for w in clustered)
    row("", "", f"hash-only ceiling, {cores} workers: {ceiling:.1f} /s", f"{rate / ceiling:.2f}")
    row("", "", f"one server on SQLite, no nginx: {single_rate:.1f} /s",
        f"{rate / single_rate:.2f} (goal ≥ 0.9: {met(rate / single_rate >= 0.9)})")
    row("  each run, two servers", ", ".join(f"{w['rate']:.1f}" for w in clustered) + " /s",
        "÷ its own bound: " + ", ".join(f"{w['rate'] / w['hashes']['bound_per_second']:.2f}" for w in clustered))
    row("  each run, one on SQLite", ", ".join(f"{r['rate']:.1f}" for r in single) + " /s",
        "two ÷ one, run by run: " + ", ".join(f"{w['rate'] / r['rate']:.2f}" for w, r in zip(clustered, single)))
    row("  hash time before each wave, two / one", ", ".join(f"{w['hashes']['hash_seconds'] * 1000:.0f}" for w in clustered) + " ms",
        ", ".join(f"{r['hashes']['hash_seconds'] * 1000:.0f}" for r in single) + " ms")
    row("POST /register p50 / p99", f"{ms(spread(clustered, 'register', 0.5))} / {ms(spread(clustered, 'register', 0.99))}",
        f"one on SQLite: {ms(median(percentile(r['register'], 0.5) for r in single))} / "
        f"{ms(median(percentile(r['register'], 0.99) for r in single))}")
    row("first login: connect + 4 requests, p50 / p99", f"{ms(spread(clustered, 'flow', 0.5))} / {ms(spread(clustered, 'flow', 0.99))}",
        f"one on SQLite: {ms(median(percentile(r['flow'], 0.5) for r in single))} / "
        f"{ms(median(percentile(r['flow'], 0.99) for r in single))}")
    health = [h for w in clustered for h in w["health"]]
    if health:
        row("GET /healthz through nginx meanwhile, p50 / max", f"{ms(median(health))} / {ms(max(health))}")
    middle = sorted(clustered, key=lambda w: w["rate"])[len(clustered) // 2]
    print(f"     CPU (median run): {where_cpu(middle, cores)}")
    smiddle = sorted(single, key=lambda r: r["rate"])[len(single) // 2]
    print(f"     CPU, one on SQLite (median run): {serve_load.cpu(smiddle['client_cpu'], smiddle['server_cpu'], smiddle['wall'], cores)}")
    errors = [e for w in clustered for e in w["errors"]] + [e for w in clustered for e in w["health_errors"]]
    single_errors = [e for r in single for e in r["errors"]]
    row("  failed (two servers / one)", f"{len(errors)} / {len(single_errors)}", "goal 0", met(not errors and not single_errors))
    once = all(not w["problems"] and w["converted"] == 500 and w["distinct"] == 500 and w["events"] == 500 for w in clustered)
    once_single = all(not r["problems"] and r["converted"] == 500 and r["distinct"] == 500 and r["events"] == 500 for r in single)
    row("  each entry converted exactly once", "yes" if once and once_single else "NO",
        "500 converted, distinct names, entry.register", met(once and once_single))
    busy = sum(r["busy_signin"] + r["busy_register"] for w in clustered for r in w["results"])
    if busy:
        row("  503 answers (sent again after Retry-After)", f"{busy}")
    failed = failed or bool(errors or single_errors) or not once or not once_single

    print(f"   failover: 500 at once, one server SIGKILLed after {args.kill_after} finished, each failed step tried once more;"
          f" {failover_runs} run{'s' if failover_runs > 1 else ''}")
    for i, w in enumerate(failover, 1):
        retried = [r for r in w["results"] if r["retries"]]
        unshown = [r for r in w["results"] if r["error"] or not r.get("personal")]
        lost = 500 - w["converted"]  # entries not converted: a candidate who could not register
        doubled = max(0, w["events"] - w["converted"]) + (w["converted"] - w["distinct"])
        ok = not unshown and not w["problems"] and w["converted"] == 500 and w["distinct"] == 500 and w["events"] == 500
        failed = failed or not ok
        steps = {}
        for r in retried:
            for text in r["retries"]:
                steps[text.split(":")[0]] = steps.get(text.split(":")[0], 0) + 1
        row(f"  run {i}: needed their retry", f"{len(retried)} of 500",
            ", ".join(f"{k} {v}" for k, v in sorted(steps.items())) + f"; killed at {w['killed_at']:.1f} s" if w["killed_at"] is not None else "")
        row(f"  run {i}: lost / doubled / not shown their username", f"{lost} / {doubled} / {len(unshown)}",
            f"{w['converted']} converted, {w['distinct']} names, {w['events']} entry.register (+{w['again']} answers again)",
            f"goal 0 / 0 / 0: {met(ok)}")
        row(f"  run {i}: registrations /s, POST /register p50 / p99", f"{w['rate']:.1f} /s",
            f"{ms(spread([w], 'register', 0.5))} / {ms(spread([w], 'register', 0.99))}")
        upstream = w["nginx_errors"][1]
        if upstream:
            row(f"  run {i}: nginx's error log about the servers", f"{len(upstream)} lines", upstream[0].split("] ", 1)[-1][:44])

    if adds:
        sq, pg = median(adds["sqlite"]), median(adds["postgres"])
        print(f"   admit entries add S --count 500, whole process, alternately, median of {add_runs} (one warm-up each)")
        row("  on PostgreSQL (Unix socket)", f"{pg * 1000:.1f} ms", f"on SQLite: {sq * 1000:.1f} ms", f"{pg / sq:.2f}")
        row("    min / max", f"{min(adds['postgres']) * 1000:.0f} / {max(adds['postgres']) * 1000:.0f} ms",
            f"{min(adds['sqlite']) * 1000:.0f} / {max(adds['sqlite']) * 1000:.0f} ms")

    q = queued
    served_busy = [r for r in q["results"] if r["busy_signin"] or r["busy_register"]]
    answers = sum(r["busy_signin"] + r["busy_register"] for r in q["results"])
    print(f"   {big:,} candidates at once, two servers, the default queue limit (100 per core each); a 503 is sent again after"
          f" its Retry-After")
    row("  candidates who got a 503", f"{len(served_busy):,} of {big:,}",
        f"{answers:,} answers: sign-in {sum(r['busy_signin'] for r in q['results']):,}, "
        f"registration {sum(r['busy_register'] for r in q['results']):,}")
    row("  POST /register served (303), p50 / p99", f"{ms(spread([q], 'register', 0.5))} / {ms(spread([q], 'register', 0.99))}")
    row("  POST /signin served (303), p50 / p99", f"{ms(spread([q], 'signin', 0.5))} / {ms(spread([q], 'signin', 0.99))}")
    row("  first login, 503 waits included, p50 / p99", f"{ms(spread([q], 'flow', 0.5))} / {ms(spread([q], 'flow', 0.99))}")
    qok = not q["errors"] and not q["problems"] and q["converted"] == big and q["distinct"] == big and q["events"] == big
    row("  registered in the end", f"{q['converted']:,} of {big:,} in {q['wall']:.1f} s", f"{q['rate']:.1f} /s; errors {len(q['errors'])}",
        met(qok))
    print(f"     CPU: {where_cpu(q, cores)}")
    failed = failed or not qok
    print(f"   took {time.perf_counter() - began:.0f} s; load average (1 min) before it {load_before:.1f}"
          f"{' (NOT A QUIET MACHINE: something else was running)' if load_before > 1 else ''}; logs in {OUT}")

    for label, waves in (("two servers", clustered), ("failover", failover), ("queue", [q])):
        for i, w in enumerate(waves, 1):
            kinds = {}
            for r in w["errors"]:
                kinds.setdefault(r["error"], []).append(r)
            for text, which in sorted(kinds.items(), key=lambda kv: -len(kv[1]))[:8]:
                print(f"   {label} {i}: {len(which)} x {text}")
            for text in sorted(set(w["health_errors"]))[:3]:
                print(f"   {label} {i}: {w['health_errors'].count(text)} x {text}")
            for problem in w["problems"]:
                print(f"   {label} {i}: database: {problem}")
            unusual = [p for p in w["server_problems"] if " status=503 " not in p]
            if w["errors"] or w["problems"] or unusual:
                print(f"   {label} {i}: servers exited {w['statuses']}; {len(unusual)} unusual lines in {', '.join(w['logs'])}:")
                for line in unusual[:8]:
                    print(f"      {line}")
    for i, r in enumerate(single, 1):
        for text in sorted({e["error"] for e in r["errors"]})[:5]:
            print(f"   one on SQLite {i}: {text}")
        for problem in r["problems"]:
            print(f"   one on SQLite {i}: database: {problem}")
    print()
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
