"""A coordinator without JavaScript: "Select all" loads the page again with every box ticked, the download list
offers only the files that exist, and the roster downloads as CSV.

Data: staffUsername, staffPassword, sessionName, downloads (an empty folder).
"""
from admit_browser import DESKTOP, By, Select, check, run


def scenario(args, launch):
    browser = launch(javascript=False, size=DESKTOP, downloads=args["downloads"])
    seen = {}
    browser.open("/staff")
    browser.type("username", args["staffUsername"])
    browser.type("password", args["staffPassword"])
    browser.submit(browser.button("Sign in"))
    browser.follow(args["sessionName"])
    session_path = browser.path()
    boxes = browser.find_all("input[name='entries[]']")
    check(boxes and not any(box.is_selected() for box in boxes), "entries, none selected")

    browser.follow("Select all")
    seen["selectAllPath"] = browser.path().removeprefix(session_path)
    boxes = browser.find_all("input[name='entries[]']")
    seen["ticked"] = sum(box.is_selected() for box in boxes)
    seen["boxes"] = len(boxes)

    files = Select(browser.find("#file"))
    seen["files"] = [option.text.strip() for option in files.options]
    files.select_by_visible_text("Roster (CSV)")
    browser.find("button[name=action][value=download]").click()

    seen["download"] = browser.downloaded(args["downloads"], ".csv")
    return seen


run(scenario)
