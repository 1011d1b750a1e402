"""What the browser scenarios share: a headless Chromium, waits, screenshots and checks.

Each scenario is run by BrowserTests.swift as `python3 SCENARIO.py JSON`; the JSON argument holds the server's
address (`base`), the test's folder (`folder`), where screenshots go (`screenshots`, null unless ADMIT_SAMPLES is
set) and the scenario's data. A scenario prints one JSON object, what the user saw, for the Swift test to check;
a failed check exits 1 after saving a screenshot (failure-N.png, in the test's folder) and printing the page's text.
"""
import glob
import html
import json
import os
import re
import sys
import traceback
import urllib.error
import urllib.parse
import urllib.request

import openpyxl
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

PHONE = (390, 844)
DESKTOP = (1280, 900)
# Generous: the tests share a small machine with the rest of `make test`.
TIMEOUT = 30

__all__ = ["By", "EC", "Keys", "Select", "PHONE", "DESKTOP", "Browser", "run", "check", "post", "slips"]


class CheckFailed(Exception):
    pass


def check(condition, what):
    """A check a user would make; the message says what they would have seen instead."""
    if not condition:
        raise CheckFailed(what)


class Browser:
    def __init__(self, args, javascript=True, language="en", size=DESKTOP, downloads=None):
        self.args = args
        self.base = args["base"].rstrip("/")
        self.size = size
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--lang={language}",
                         "--hide-scrollbars",
                         # Nothing but the test's server: no proxy, no name lookups, no background fetches.
                         "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-default-apps", "--disable-extensions", "--no-first-run",
                         "--disable-features=Translate,OptimizationHints,MediaRouter"):
            options.add_argument(argument)
        # --lang sets the interface language only; this preference is what Accept-Language says.
        prefs = {"intl.accept_languages": language, "credentials_enable_service": False,
                 "profile.password_manager_enabled": False, "profile.password_manager_leak_detection": False}
        if not javascript:
            prefs["profile.managed_default_content_settings.javascript"] = 2
        if downloads:
            prefs.update({"download.default_directory": downloads, "download.prompt_for_download": False,
                          "download.directory_upgrade": True, "safebrowsing.enabled": False})
        options.add_experimental_option("prefs", prefs)
        # Chromium's own temporary files (its profile, its singleton socket) go in the test's folder, not /tmp.
        temporary = os.path.join(args["folder"], "t")
        os.makedirs(temporary, exist_ok=True)
        service = Service("/usr/bin/chromedriver", env={**os.environ, "TMPDIR": temporary})
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(TIMEOUT)
        self.resize(size)

    def resize(self, size):
        """The window's size in CSS pixels; the page is laid out again for it, as when a phone turns."""
        self.size = size
        width, height = size
        self.driver.set_window_size(max(width, 500), height + 200)
        # A headless window is at least 500 px wide: the phone's viewport is emulated instead.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    # Navigation

    def open(self, path):
        self.driver.get(self.base + path)
        self.check_rendered()

    def check_rendered(self):
        """No template leaks into what the user reads: Swift's nil or Optional(…), or mustache's braces."""
        text = self.driver.find_element(By.TAG_NAME, "body").text
        leak = re.search(r"\bnil\b|Optional\(|\{\{|\}\}", text)
        check(leak is None, f"a page without template leaks, but {self.path()} shows “{leak and leak.group(0)}” in: "
                            f"{text[max(0, leak.start() - 60):leak.end() + 60] if leak else ''}")

    def path(self):
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return parts.path + (("?" + parts.query) if parts.query else "")

    def wait(self, condition, what, ignoring=(), timeout=TIMEOUT):
        """Waits for `condition(driver)`; a timeout fails with `what`."""
        try:
            return WebDriverWait(self.driver, timeout, ignored_exceptions=ignoring).until(condition)
        except TimeoutException as error:
            raise CheckFailed(f"timed out waiting for {what} on {self.path()}") from error

    def submit(self, element):
        """Clicks a button or link that loads another page, and waits for that page (a new body: the candidate
        forms' script puts an answer that is not a redirect in place of the body)."""
        page = self.driver.find_element(By.TAG_NAME, "body")
        element.click()

        def replaced(_):
            try:
                page.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                # While the old page goes, Chromium may say its node left the document instead of "stale".
                if "does not belong to the document" in str(error) or "No node with given id" in str(error):
                    return True
                raise

        self.wait(replaced, "the next page")
        # Mid-navigation, a look at the document may fail; it is tried again.
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete"
                  and d.find_element(By.TAG_NAME, "h1"), "the next page's heading", ignoring=(WebDriverException,))
        self.check_rendered()

    def follow(self, link_text):
        self.submit(self.driver.find_element(By.LINK_TEXT, link_text))

    def sign_in_staff(self, username, password):
        """The staff sign-in page, filled in and sent: the sessions list follows."""
        self.open("/staff")
        self.type("username", username)
        self.type("password", password)
        self.submit(self.button("Sign in"))
        check(self.path() == "/staff/sessions", f"the sessions list after signing in, not {self.path()}")

    def sign_in_candidate(self, institution, username, password):
        """The candidate sign-in form on this page, filled in and sent."""
        self.type("institution", institution)
        self.type("username", username)
        self.type("password", password)
        self.submit(self.button("Sign in"))

    def downloaded(self, folder, ending):
        """Waits for the one finished download ending in ENDING in FOLDER (Chromium writes .crdownload meanwhile)."""
        def finished(_):
            done = glob.glob(os.path.join(folder, "*" + ending))
            return done[0] if len(done) == 1 and not glob.glob(os.path.join(folder, "*.crdownload")) else False

        return self.wait(finished, f"the downloaded {ending} file")

    # What is on the page

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, css):
        return self.find(css).text.strip()

    def heading(self):
        return self.text("h1")

    def entry_boxes(self):
        """The session page's entry checkboxes, in the table's order."""
        return self.find_all("input[name='entries[]']")

    def entry_row(self, number):
        """Entry NUMBER's box and the cells of its row on the session page: select, #, username, state, personal
        username, candidate, registered, locked until."""
        box = self.find(f"#entry-{number}")
        return box, [cell.text.strip() for cell in box.find_elements(By.XPATH, "ancestor::tr/td")]

    def button(self, text):
        """The button whose words are `text`."""
        matches = [b for b in self.find_all("button") if b.text.strip() == text]
        check(len(matches) == 1, f"one button “{text}”, found {len(matches)}")
        return matches[0]

    def type(self, field_id, text):
        field = self.find(f"#{field_id}")
        field.clear()
        field.send_keys(text)

    # How the page is laid out (WebDriver scripts: they run even with the page's JavaScript off)

    def lines(self, element):
        """The element's text line by line as a reader sees it: each character goes on the line of its own box
        (a Range over it), so a line break shows wherever the browser made one."""
        return self.driver.execute_script("""
            const lines = [];
            let top = null;
            const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getBoundingClientRect();
                if (top === null || box.top > top + box.height / 2) { lines.push(""); top = box.top; }
                lines[lines.length - 1] += node.data[i];
              }
            }
            return lines;""", element)

    def text_px(self, element):
        """The size, in CSS pixels, of the font the element's first text is printed in."""
        return self.driver.execute_script("""
            const text = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT).nextNode();
            return parseFloat(getComputedStyle(text ? text.parentElement : arguments[0]).fontSize);""", element)

    def scrolls_sideways(self, element):
        """Whether the element's content is wider than its box, so that a reader must scroll it to see it all."""
        return self.driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth;", element)

    def overflowing(self):
        """What sticks out past the viewport's right edge, outside any box that scrolls sideways, and whether
        the page itself is wider than the viewport: on a phone, both would hide part of the page. (Left of the
        viewport is where the skip link waits; nothing there can be scrolled to.)"""
        return self.driver.execute_script("""
            const edge = document.documentElement.clientWidth;
            const inScroller = node => {
              for (let box = node.parentElement; box; box = box.parentElement) {
                if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
              }
              return false;
            };
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              let boxes = node.getClientRects ? node.getClientRects() : null;
              if (!boxes) { const range = document.createRange(); range.selectNodeContents(node); boxes = range.getClientRects(); }
              const out = Array.from(boxes).find(box => box.width > 0 && box.right > edge + 0.5);
              if (out && !inScroller(node)) {
                const name = node.nodeType === Node.TEXT_NODE ? "the text “" + node.data.trim().slice(0, 40) + "”"
                  : node.tagName.toLowerCase() + (node.id ? "#" + node.id : "");
                found.push(name + " reaches " + Math.round(out.right) + " px of " + edge);
              }
            }
            const width = document.documentElement.scrollWidth;
            if (width > edge) found.push("the page is " + width + " px wide, the viewport " + edge);
            return found;""")

    def cookie(self, name="admit"):
        cookie = self.driver.get_cookie(name)
        check(cookie is not None, f"a session cookie “{name}”")
        return cookie["value"]

    def shot(self, name, full_page=False):
        """Saves the viewport (or the whole page) as screenshots/NAME.png, when screenshots are asked for."""
        folder = self.args.get("screenshots")
        if not folder:
            return
        os.makedirs(folder, exist_ok=True)
        target = os.path.join(folder, name + ".png")
        # No focus ring left by the last click (WebDriver's script: it runs even with the page's JavaScript off).
        self.driver.execute_script("document.activeElement && document.activeElement.blur()")
        if full_page:
            width, height = self.size
            content = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            tall = max(height, int(content["height"]))
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": tall, "deviceScaleFactor": 1, "mobile": width < 600})
            try:
                self.driver.save_screenshot(target)
            finally:
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        else:
            self.driver.save_screenshot(target)

    def quit(self):
        self.driver.quit()


def slips(path):
    """The cards of a slips workbook (openpyxl), in print order: each card's "Username" and "Password" values, read
    from the cell right of the label, as a person reads them off the printed card."""
    found = {"Username": [], "Password": []}
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in found:
                    found[cell.value].append(str(sheet.cell(row=cell.row, column=cell.column + 1).value or ""))
    return [{"username": u, "password": p} for u, p in zip(found["Username"], found["Password"])]


def post(base, path, fields, cookie):
    """A form post from outside the browser (its cookie, any fields): returns (status, body). An error page's
    body is its message (the role=alert paragraph), a file is its first line."""
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    request = urllib.request.Request(base.rstrip("/") + path, data=data, method="POST",
                                     headers={"Cookie": f"admit={cookie}",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=TIMEOUT) as answer:
            return answer.status, answer.read().decode("utf-8", "replace").split("\n")[0].strip()
    except urllib.error.HTTPError as error:
        page = error.read().decode("utf-8", "replace")
        alert = re.search(r'<p role="alert">(.*?)</p>', page, re.S)
        return error.code, html.unescape(alert.group(1)).strip() if alert else page


def run(scenario):
    """Runs `scenario(args, launch)`, where `launch(**options)` starts a Browser, and prints its result as JSON;
    on failure, leaves evidence and exits 1."""
    args = json.loads(sys.argv[1])
    browsers = []

    def launch(**options):
        browsers.append(Browser(args, **options))
        return browsers[-1]

    try:
        result = scenario(args, launch)
    except BaseException as error:
        for index, browser in enumerate(browsers):
            try:
                browser.driver.save_screenshot(os.path.join(args["folder"], f"failure-{index}.png"))
                body = browser.driver.find_element(By.TAG_NAME, "body").text
                print(f"browser {index} at {browser.path()}:\n{body[:1500]}", file=sys.stderr)
            except Exception:
                pass
        # Without chromedriver's native stack (lines "#0 0x…"), which says nothing about the page.
        trace = [line for line in traceback.format_exc().splitlines()
                 if not re.match(r"\s*(#\d+ 0x|Stacktrace:)", line)]
        print("\n".join(trace), file=sys.stderr)
        print(f"FAILED: {str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__}", file=sys.stderr)
        sys.exit(1)
    finally:
        for browser in browsers:
            try:
                browser.quit()
            except Exception:
                pass
    print(json.dumps(result, ensure_ascii=False))
