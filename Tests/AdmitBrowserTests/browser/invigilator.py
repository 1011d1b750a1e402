"""An invigilator: sees the session and may download, but the page offers no way to add or withdraw entries,
and posts made by hand (the browser's own cookie and CSRF token) are refused.

Data: staffUsername, staffPassword, sessionName.
"""
from admit_browser import DESKTOP, check, post, run


def scenario(args, launch):
    browser = launch(javascript=False, size=DESKTOP)
    seen = {}
    browser.open("/staff")
    browser.type("username", args["staffUsername"])
    browser.type("password", args["staffPassword"])
    browser.submit(browser.button("Sign in"))
    seen["newSessionLinks"] = len([a for a in browser.find_all("a") if a.text.strip() == "New session"])
    browser.follow(args["sessionName"])
    session_path = browser.path()
    buttons = [button.text.strip() for button in browser.find_all("button")]
    seen["buttons"] = buttons
    seen["countFields"] = len(browser.find_all("#count, input[name=count]"))
    seen["withdrawButtons"] = len(browser.find_all("button[value=withdraw]"))
    seen["headings"] = [h.text.strip() for h in browser.find_all("h2")]
    guids = [box.get_attribute("value") for box in browser.find_all("input[name='entries[]']")]
    check(guids, "the session's entries listed")

    # What a forged form would send: this browser's session cookie and the page's own CSRF token.
    cookie, token = browser.cookie(), browser.find("input[name=csrf]").get_attribute("value")
    base = args["base"]
    seen["addEntries"] = post(base, session_path + "/batches", {"csrf": token, "count": "5"}, cookie)
    seen["withdrawSelected"] = post(base, session_path + "/entries",
                                    {"csrf": token, "action": "withdraw", "entries[]": guids[:1]}, cookie)
    seen["withdrawConfirmed"] = post(base, session_path + "/withdraw",
                                     {"csrf": token, "confirm": "yes", "entries[]": guids[:1]}, cookie)
    # The same cookie and token are good for what an invigilator may do, so the refusals above are the role's.
    seen["download"] = post(base, session_path + "/entries",
                            {"csrf": token, "action": "download", "scope": "all", "layout": "roster", "format": "csv"}, cookie)
    seen["wrongToken"] = post(base, session_path + "/batches", {"csrf": token[::-1], "count": "5"}, cookie)

    browser.open(session_path)
    seen["entriesAfter"] = len(browser.find_all("input[name='entries[]']"))
    seen["statesAfter"] = sorted({row.text.strip() for row in browser.find_all("table.entries td:nth-child(4)")})
    return seen


run(scenario)
