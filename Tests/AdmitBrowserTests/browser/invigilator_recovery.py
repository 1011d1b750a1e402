"""An invigilator: the session page offers no unlock or reset, and the same forms posted by hand (the browser's
own cookie and CSRF token) are refused; the locked entry stays locked.

Data: staffUsername, staffPassword, sessionName, number (a locked entry).
"""
from admit_browser import DESKTOP, post, run


def scenario(args, launch):
    browser = launch(javascript=True, size=DESKTOP)
    seen = {}
    browser.sign_in_staff(args["staffUsername"], args["staffPassword"])
    browser.follow(args["sessionName"])
    session_path = browser.path()
    seen["buttons"] = [button.text.strip() for button in browser.find_all("button")]
    seen["mendButtons"] = len(browser.find_all("button[value=unlock], button[value=reset]"))
    box, cells = browser.entry_row(args["number"])
    seen["lockedUntilBefore"] = cells[7]
    guid = box.get_attribute("value")

    cookie, token = browser.cookie(), browser.find("input[name=csrf]").get_attribute("value")
    base = args["base"]
    seen["unlock"] = post(base, session_path + "/entries", {"csrf": token, "action": "unlock", "entries[]": [guid]}, cookie)
    seen["resetSelected"] = post(base, session_path + "/entries", {"csrf": token, "action": "reset", "entries[]": [guid]}, cookie)
    seen["resetConfirmed"] = post(base, session_path + "/reset",
                                  {"csrf": token, "confirm": "yes", "file": "slips.xlsx", "entries[]": [guid]}, cookie)
    # The same cookie and token may download, so the refusals above are the role's.
    seen["download"] = post(base, session_path + "/entries",
                            {"csrf": token, "action": "download", "scope": "all", "file": "roster.csv"}, cookie)

    browser.open(session_path)
    seen["lockedUntilAfter"] = browser.entry_row(args["number"])[1][7]
    return seen


run(scenario)
