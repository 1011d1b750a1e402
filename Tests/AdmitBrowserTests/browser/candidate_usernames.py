"""Candidates on narrow phones, without JavaScript: each opens the sign-in link of a slip's QR code (the form
filled in, the password field focused), types only the password, registers, and reads the personal username on
the confirmation page and, signed in again, on the signed-in page, at every window width.

Data: slips (each {username, password}), candidates (each {givenName, familyName}, one per slip), newPassword,
widths (CSS pixels).
"""
import urllib.parse

from admit_browser import check, run

HEIGHT = 740


def shown(browser, page, width):
    """The personal username on this page as a reader sees it at this width."""
    browser.resize((width, HEIGHT))
    element = browser.find("#personal-username")
    return {"page": page, "width": width,
            "text": browser.driver.execute_script("return arguments[0].textContent;", element),
            "lines": browser.lines(element), "px": browser.text_px(element),
            "scrolls": browser.scrolls_sideways(element), "overflowing": browser.overflowing()}


def scenario(args, launch):
    widths = args["widths"]
    browser = launch(javascript=False, size=(widths[0], HEIGHT))
    seen = {"signIns": [], "shown": []}
    for slip, candidate in zip(args["slips"], args["candidates"]):
        # What the QR code on the slip opens.
        browser.open("/?" + urllib.parse.urlencode({"institution": "GB042", "username": slip["username"]}))
        check(browser.heading() == "Sign in to your exam", f"the sign-in page, not “{browser.heading()}”")
        seen["signIns"].append({
            "institution": browser.find("#institution").get_attribute("value"),
            "username": browser.find("#username").get_attribute("value"),
            "focused": browser.driver.execute_script("return document.activeElement && document.activeElement.id;"),
        })
        browser.type("password", slip["password"])
        browser.submit(browser.button("Sign in"))
        check(browser.path() == "/register", f"the registration page, not {browser.path()}")
        browser.type("givenName", candidate["givenName"])
        browser.type("familyName", candidate["familyName"])
        browser.type("newPassword", args["newPassword"])
        browser.type("confirmPassword", args["newPassword"])
        browser.submit(browser.button("Save and get my username"))
        check(browser.path() == "/done", f"the personal username's page, not {browser.path()}")
        done = [shown(browser, "done", width) for width in widths]
        seen["shown"] += done

        browser.follow("Sign in with it")
        browser.type("institution", "GB042")
        browser.type("username", done[0]["text"])
        browser.type("password", args["newPassword"])
        browser.submit(browser.button("Sign in"))
        check(browser.path() == "/welcome", f"the signed-in page, not {browser.path()}")
        seen["shown"] += [shown(browser, "welcome", width) for width in reversed(widths)]
        browser.submit(browser.button("Sign out"))
        browser.resize((widths[0], HEIGHT))
    return seen


run(scenario)
