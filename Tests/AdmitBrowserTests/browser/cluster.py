"""Candidates and staff against several `admit serve` on one PostgreSQL, as plain HTTP clients (no browser needed:
what matters is which server answers each request). Run by ClusterTests.swift as `python3 cluster.py JSON`; the
JSON holds `mode`, nginx's address (`base`), each server's own address (`servers`), the slips and what the mode
needs. Prints one JSON object: what the candidates and staff were shown.

- split: each candidate signs in on one server and registers on the other, going to each directly.
- staff: a member signs in on one server; the other shows the staff pages to the same cookie.
- wave: every candidate registers through nginx at once; when `kill_after` have finished, the server with
  `kill_pid` is killed (SIGKILL). A candidate whose request fails does what a person would: sends the same form
  once more (a sign-in or a registration the server died in the middle of).
"""
import http.client
import json
import os
import re
import signal
import ssl
import sys
import threading
import urllib.parse

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
# The username is printed in parts (spans, <wbr> between): its text is the element's without the tags.
PERSONAL = re.compile(r'(?s)id="personal-username">(.*?)</p>')
TAG = re.compile(r"<[^>]*>")
INSTITUTION = "GB042"
TIMEOUT = 60


class Visitor:
    """One browser: its cookies, and a connection to one address at a time."""

    def __init__(self):
        self.cookies = {}

    def request(self, base, method, path, form=None):
        url = urllib.parse.urlsplit(base)
        if url.scheme == "https":
            connection = http.client.HTTPSConnection(url.hostname, url.port, timeout=TIMEOUT,
                                                     context=ssl._create_unverified_context())
        else:
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    key, _, cookie = pair.partition("=")
                    if cookie:
                        self.cookies[key.strip()] = cookie.strip()
                    else:
                        self.cookies.pop(key.strip(), None)
            return response.status, response.getheader("Location"), text
        finally:
            connection.close()

    def token(self, base, path):
        status, _, text = self.request(base, "GET", path)
        match = CSRF.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}, no form")
        return match.group(1)


def sign_in(visitor, base, slip):
    token = visitor.token(base, "/")
    status, location, _ = visitor.request(base, "POST", "/signin", {
        "csrf": token, "institution": INSTITUTION, "username": slip["username"], "password": slip["password"]})
    if status != 303 or location != "/register":
        raise RuntimeError(f"POST /signin: {status} {location}")


def register(visitor, base, given, family, password):
    """Sends the registration form (once its page gave a token); the personal username the answer shows."""
    token = visitor.token(base, "/register")
    return send_registration(visitor, base, token, given, family, password)


def send_registration(visitor, base, token, given, family, password):
    status, location, text = visitor.request(base, "POST", "/register", {
        "csrf": token, "givenName": given, "familyName": family, "newPassword": password, "confirmPassword": password})
    if status != 303 or location != "/done":
        raise RuntimeError(f"POST /register: {status} {location} {TAG.sub('', text)[:200]!r}")
    status, _, text = visitor.request(base, "GET", "/done")
    match = PERSONAL.search(text)
    if status != 200 or not match:
        raise RuntimeError(f"GET /done: {status}")
    return TAG.sub("", match.group(1)).strip()


def split(args):
    first, second = args["servers"][0], args["servers"][1]
    shown = []
    for index, slip in enumerate(args["slips"]):
        visitor = Visitor()
        a, b = (first, second) if index % 2 == 0 else (second, first)
        sign_in(visitor, a, slip)
        shown.append(register(visitor, b, "Maria", f"Split{index}", f"Ch0sen-Passw0rd-{index}"))
    return {"shown": shown}


def staff(args):
    first, second = args["servers"][0], args["servers"][1]
    visitor = Visitor()
    token = visitor.token(first, "/staff")
    status, location, _ = visitor.request(first, "POST", "/staff/signin",
                                          {"csrf": token, "username": args["username"], "password": args["password"]})
    if status != 303:
        raise RuntimeError(f"POST /staff/signin: {status} {location}")
    status, _, text = visitor.request(second, "GET", "/staff/sessions")
    signed_out = Visitor()
    other, other_location, _ = signed_out.request(second, "GET", "/staff/sessions")
    return {"status": status, "seesSession": "June Maths" in text, "anonymousStatus": other, "anonymousLocation": other_location}


def wave(args):
    base = args["base"]
    slips = args["slips"]
    results = [None] * len(slips)
    finished = [0]
    lock = threading.Lock()
    barrier = threading.Barrier(len(slips))

    def candidate(index, slip):
        visitor = Visitor()
        given, family, password = "Wave", f"Candidate{index}", f"Ch0sen-Passw0rd-{index}"
        retried = []
        barrier.wait()
        # Each step is tried once more if it fails, as a person would press the button again.
        for attempt in range(2):
            try:
                sign_in(visitor, base, slip)
                break
            except Exception as error:
                retried.append(f"signin: {error}")
        token = None
        shown = None
        for attempt in range(2):
            try:
                if token is None:
                    token = visitor.token(base, "/register")
                shown = send_registration(visitor, base, token, given, family, password)
                break
            except Exception as error:
                retried.append(f"register: {error}")
                # The same form again: the page's token stays what it was.
        results[index] = {"username": slip["username"], "shown": shown, "retries": retried}
        with lock:
            finished[0] += 1
            if finished[0] == args["kill_after"]:
                os.kill(args["kill_pid"], signal.SIGKILL)

    threads = [threading.Thread(target=candidate, args=(i, s)) for i, s in enumerate(slips)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"candidates": results}


def main():
    args = json.loads(sys.argv[1])
    mode = {"split": split, "staff": staff, "wave": wave}[args["mode"]]
    print(json.dumps(mode(args)))


if __name__ == "__main__":
    main()
