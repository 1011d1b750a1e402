"""Sign-in timing by case, run by `make bench` after bench/serve_load.py (figure 7 in bench/README.md).

A refused sign-in must take the same time whatever refused it, or the time tells which usernames exist. On a
fresh database under bench/out/signin/, one `admit serve` (release build, default Argon2id parameters) answers
POST /signin and POST /staff/signin for each case below, the cases taken in turn (so drift hits them all), on
one keep-alive connection each, --samples times per case (default 40). No case signs in: every answer is a 401.

Cases of one shape of username are compared with that shape's unknown username: the ratio median(case) /
median(unknown) must be within 0.8-1.25. A login that would lock after 5 wrong passwords is taken from a pool
used at most 4 times each, so the case stays what it says. The locked logins get wrong passwords (the first lock
lasts a minute, and the right password would then sign in): each refusal past a lock's end locks them again.

Exits 1 after the table if a ratio is out of bounds or an answer was not a 401.
"""
import argparse
import csv
import http.client
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(BENCH, "out", "signin")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
STAFF_PASSWORD = "Staff-Horse-Battery-42"
PERSONAL_PASSWORD = "Tr0ub4dor&3horse"
BOUNDS = (0.8, 1.25)


def run(admit, db, *arguments, stdin=None):
    result = subprocess.run([admit, *arguments, "--db", db], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"signin_timing: admit {' '.join(arguments)} failed: {result.stderr.strip()}")
    return result.stdout


class Client:
    """One keep-alive connection with its cookies, posting one sign-in form."""

    def __init__(self, port, form_page, post_path):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {}
        self.post_path = post_path
        page = self.request("GET", form_page)[1]
        self.csrf = CSRF.search(page).group(1)

    def request(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def attempt(self, fields):
        """(status, seconds) of one post of the form."""
        start = time.perf_counter()
        status, text = self.request("POST", self.post_path, [("csrf", self.csrf), *fields])
        elapsed = time.perf_counter() - start
        match = CSRF.search(text)
        if match:
            self.csrf = match.group(1)
        return status, elapsed


def register(port, username, password, given, family):
    """A slip's first login through the pages, to a personal username."""
    client = Client(port, "/", "/signin")
    status, _ = client.request("POST", "/signin", [("csrf", client.csrf), ("institution", "GB042"), ("username", username), ("password", password)])
    if status != 303:
        sys.exit(f"signin_timing: the first sign-in of {username} answered {status}")
    page = client.request("GET", "/register")[1]
    client.csrf = CSRF.search(page).group(1)
    fields = [("csrf", client.csrf), ("givenName", given), ("familyName", family), ("newPassword", PERSONAL_PASSWORD),
              ("confirmPassword", PERSONAL_PASSWORD)]
    status, _ = client.request("POST", "/register", fields)
    if status != 303:
        sys.exit(f"signin_timing: the registration of {username} answered {status}")


def personal_usernames(admit, db, prefix):
    entries = json.loads(run(admit, db, "entries", "list", "June Maths", "--json"))
    return sorted(e["personal_username"] for e in entries if (e.get("personal_username") or "").startswith(prefix))


class Pool:
    """Logins used at most 4 times each (a fifth wrong password would lock them)."""

    def __init__(self, names):
        self.names = names
        self.used = 0

    def next(self):
        name = self.names[self.used // 4]
        self.used += 1
        return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admit", required=True, help="path to a release build of admit")
    parser.add_argument("--samples", type=int, default=40, help="sign-ins per case (default 40)")
    parser.add_argument("--quick", action="store_true", help="12 sign-ins per case")
    args = parser.parse_args()
    samples = 12 if args.quick else args.samples
    pooled = math.ceil(samples / 4)
    admit = os.path.abspath(args.admit)
    os.environ.pop("ADMIT_DB", None)  # every command names its --db
    os.environ.pop("ADMIT_DATA_KEY", None)  # the data key is the key file beside the fresh database

    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    db = os.path.join(OUT, "admit.sqlite")
    run(admit, db, "institution", "add", "GB042", "--name", "Northfield College")
    run(admit, db, "session", "create", "--institution", "GB042", "--name", "June Maths")
    slips = os.path.join(OUT, "slips.csv")
    run(admit, db, "entries", "add", "June Maths", "--count", str(2 * pooled + 4), "--csv", slips)
    with open(slips, encoding="utf-8-sig") as f:
        generic = [(row["Username"], row["Password"]) for row in csv.DictReader(f)]
    roster = os.path.join(OUT, "roster.csv")
    with open(roster, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Given Name", "Family Name", "Password"])
        for index in range(pooled + 2):
            writer.writerow(["Named", f"Candidate{chr(97 + index // 26)}{chr(97 + index % 26)}", f"Temp-Pass-{index:04d}"])
    run(admit, db, "import", "June Maths", roster)
    named = personal_usernames(admit, db, "named.")
    for index in range(pooled + 2):
        run(admit, db, "staff", "add", f"member{index:02d}", "--role", "coordinator", "--institution", "GB042",
            stdin=f"{STAFF_PASSWORD}\n{STAFF_PASSWORD}\n")
    run(admit, db, "staff", "disable", f"member{pooled + 1:02d}")

    log = open(os.path.join(OUT, "serve.log"), "w+")
    server = subprocess.Popen([admit, "serve", "--port", "0", "--db", db, "--sign-ins-per-minute", "1000000"],
                              stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        port = None
        while port is None:
            with open(log.name) as f:
                match = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", f.read())
            if match:
                port = int(match.group(1))
            elif server.poll() is not None or time.monotonic() > deadline:
                sys.exit("signin_timing: admit serve did not start")
            else:
                time.sleep(0.05)

        # The logins of each case: issued (pooled), withdrawn, registered slips (pooled), locked.
        issued, rest = generic[:pooled], generic[pooled:]
        registered, withdrawn, locked = rest[:pooled], rest[pooled], rest[pooled + 1]
        for index, (username, password) in enumerate(registered):
            register(port, username, password, "Reg", f"Person{chr(97 + index // 26)}{chr(97 + index % 26)}")
        personal = personal_usernames(admit, db, "reg.")
        run(admit, db, "entries", "withdraw", "June Maths", withdrawn[0])
        run(admit, db, "entries", "withdraw", "June Maths", named[-1])
        candidate = Client(port, "/", "/signin")
        staff = Client(port, "/staff", "/staff/signin")
        for _ in range(5):
            candidate.attempt([("institution", "GB042"), ("username", locked[0]), ("password", "WRONG-PASS1")])
            candidate.attempt([("institution", "GB042"), ("username", personal[-1]), ("password", "wrong password")])
            staff.attempt([("username", f"member{pooled:02d}"), ("password", "wrong password")])

        def form(username, password):
            return [("institution", "GB042"), ("username", username), ("password", password)]

        issued_pool, registered_pool = Pool([u for u, _ in issued]), Pool([u for u, _ in registered])
        named_pool, personal_pool = Pool(named[:pooled]), Pool(personal[:pooled])
        staff_pool = Pool([f"member{index:02d}" for index in range(pooled)])
        cases = [
            ("generic", "unknown username", candidate, lambda: form("ABCD2345", "WRONG-PASS1")),
            ("generic", "issued, wrong password", candidate, lambda: form(issued_pool.next(), "WRONG-PASS1")),
            ("generic", "withdrawn, its password", candidate, lambda: form(withdrawn[0], withdrawn[1])),
            ("generic", "registered slip, wrong password", candidate, lambda: form(registered_pool.next(), "WRONG-PASS1")),
            ("generic", "locked", candidate, lambda: form(locked[0], "WRONG-PASS1")),
            ("personal", "unknown username", candidate, lambda: form("nobody.here", "wrong password")),
            ("personal", "named, wrong password", candidate, lambda: form(named_pool.next(), "wrong password")),
            ("personal", "withdrawn named, its password", candidate, lambda: form(named[-1], f"Temp-Pass-{len(named) - 1:04d}")),
            ("personal", "registered, wrong password", candidate, lambda: form(personal_pool.next(), "wrong password")),
            ("personal", "locked", candidate, lambda: form(personal[-1], "wrong password")),
            ("staff", "unknown username", staff, lambda: [("username", "nobody"), ("password", "wrong password")]),
            ("staff", "wrong password", staff, lambda: [("username", staff_pool.next()), ("password", "wrong password")]),
            ("staff", "locked", staff, lambda: [("username", f"member{pooled:02d}"), ("password", "wrong password")]),
            ("staff", "disabled", staff, lambda: [("username", f"member{pooled + 1:02d}"), ("password", STAFF_PASSWORD)]),
        ]
        times = {(shape, name): [] for shape, name, _, _ in cases}
        failures = []
        for _ in range(samples):
            for shape, name, client, fields in cases:
                status, elapsed = client.attempt(fields())
                if status != 401:
                    failures.append(f"{shape} {name}: {status}")
                times[(shape, name)].append(elapsed)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()

    print(f"\n6. Refused sign-ins, median of {samples} per case (Argon2id m=19456 t=2 p=1), against the unknown username of the same shape")
    print(f"{'shape':<10}{'case':<34}{'median':>10}{'ratio':>8}")
    ok = not failures
    for shape, name, _, _ in cases:
        median = statistics.median(times[(shape, name)])
        ratio = median / statistics.median(times[(shape, "unknown username")])
        within = BOUNDS[0] <= ratio <= BOUNDS[1]
        ok = ok and within
        print(f"{shape:<10}{name:<34}{median * 1000:>8.1f} ms{ratio:>7.2f}{'' if within else '  out of 0.8-1.25'}")
    for failure in failures[:10]:
        print(f"not a 401: {failure}")
    print(f"goal: every ratio within {BOUNDS[0]}-{BOUNDS[1]}: {'met' if ok else 'NOT MET'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
