"""A candidate signs in while the server is busy (its credential queue held full), first without JavaScript, then
with it. Without: a busy page, which goes back by itself to the sign-in form with the institution ID and username
filled in. With: the sign-in page stays as typed and says the server is busy; once the queue is free (the scenario
removes the file that holds it), the page sends the form again by itself and the candidate reaches the
registration form without touching anything.

Data: institution, username, password (the slip's), hold (the file whose existence holds the queue full).
"""
import os

from selenium.common.exceptions import WebDriverException

from admit_browser import PHONE, By, check, run


def fill(browser, args):
    browser.type("institution", args["institution"])
    browser.type("username", args["username"])
    browser.type("password", args["password"])


def scenario(args, launch):
    seen = {}
    plain = launch(javascript=False, size=PHONE)
    plain.open("/")
    fill(plain, args)
    plain.submit(plain.button("Sign in"))
    seen["busyHeading"] = plain.heading()
    plain.wait(lambda d: plain.path().startswith("/?"), "the busy page going back to the form by itself")
    plain.wait(lambda d: d.execute_script("return document.readyState") == "complete" and d.find_elements(By.ID, "password"),
               "the sign-in form again", ignoring=(WebDriverException,))
    seen["backTo"] = plain.path()
    seen["filledIn"] = [plain.find("#institution").get_attribute("value"), plain.find("#username").get_attribute("value")]
    check(plain.find("#password").get_attribute("value") == "", "no password filled in from anywhere")
    plain.quit()

    browser = launch(javascript=True, size=PHONE)
    browser.open("/")
    fill(browser, args)
    browser.button("Sign in").click()

    def notice(driver):
        found = driver.find_elements(By.ID, "busy-notice")
        return found[0] if found and found[0].text.strip() else None

    shown = browser.wait(notice, "the busy notice")
    seen["notice"] = shown.text.strip()
    seen["noticeRole"] = shown.get_attribute("role")
    check(browser.path() == "/", f"still the sign-in page, not {browser.path()}")
    check(browser.find("#password").get_attribute("value") == args["password"], "the form as typed, password included")

    os.remove(args["hold"])
    browser.wait(lambda d: browser.path() == "/register", "the form sent again by itself once the server is free")
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete" and d.find_elements(By.TAG_NAME, "h1"),
                 "the registration form's heading", ignoring=(WebDriverException,))
    seen["after"] = browser.heading()
    return seen


run(scenario)
