"""A coordinator at a desktop, with JavaScript: signs in, opens the session, adds 20 entries, selects them all,
downloads the slips as a workbook, withdraws one entry after confirming, and reads the login report.

Data: staffUsername, staffPassword, sessionName, downloads (an empty folder), withdrawNumber.
"""
from admit_browser import DESKTOP, EC, By, Select, check, run


def scenario(args, launch):
    browser = launch(javascript=True, size=DESKTOP, downloads=args["downloads"])
    seen = {}

    browser.open("/staff")
    check(browser.heading() == "Staff sign-in", f"the staff sign-in page, not “{browser.heading()}”")
    browser.type("username", args["staffUsername"])
    browser.type("password", args["staffPassword"])
    browser.submit(browser.button("Sign in"))
    check(browser.path() == "/staff/sessions", f"the sessions list, not {browser.path()}")
    seen["sessions"] = [link.text.strip() for link in browser.find_all("table a")]
    browser.shot("staff-sessions")

    browser.follow(args["sessionName"])
    session_path = browser.path()
    seen["sessionHeading"] = browser.heading()
    before = len(browser.entry_boxes())

    browser.type("count", "20")
    browser.submit(browser.button("Add entries"))
    added_path = browser.path()
    check(added_path.startswith(session_path + "?batch="), f"back on the session page, naming the new batch, not {added_path}")
    seen["addedFlash"] = browser.text(".flash")
    seen["entriesHeading"] = browser.find_all("h2")[-1].text.strip()
    boxes = browser.entry_boxes()
    seen["added"] = len(boxes) - before
    # The new batch is ticked already, the entries from before are not.
    check([box.is_selected() for box in boxes] == [False] * before + [True] * (len(boxes) - before),
          "the new entries ticked, the others not")

    # With JavaScript, "Select all" ticks the boxes where they are, without loading the page again.
    page = browser.find("html")
    browser.driver.find_element(By.LINK_TEXT, "Select all").click()
    browser.wait(lambda d: all(box.is_selected() for box in browser.entry_boxes()), "every entry ticked")
    check(browser.path() == added_path, f"the same page (no reload), not {browser.path()}")
    check(not EC.staleness_of(page)(browser.driver), "the same page, not a new one")

    Select(browser.find("#file")).select_by_visible_text("Slips to cut out (Excel)")
    check(Select(browser.find("#scope")).first_selected_option.text == "Selected entries", "the selection downloaded")
    browser.shot("staff-session", full_page=True)
    download = browser.find("fieldset button[name=action][value=download]")
    check(download.text.strip() == "Download", f"the Download button, not “{download.text}”")
    download.click()

    seen["download"] = browser.downloaded(args["downloads"], ".xlsx")
    check(browser.path() == added_path, f"still the session page after the download, not {browser.path()}")

    # Untick everything (the same link again), tick one entry and withdraw it.
    browser.driver.find_element(By.LINK_TEXT, "Select all").click()
    browser.wait(lambda d: not any(box.is_selected() for box in browser.entry_boxes()), "every entry unticked")
    number = args["withdrawNumber"]
    box, cells = browser.entry_row(number)
    seen["withdrawnUsername"], seen["withdrawnGUID"] = cells[2], box.get_attribute("value")
    box.click()
    browser.submit(browser.button("Withdraw selected…"))
    seen["confirmHeading"] = browser.heading()
    seen["confirmList"] = [item.text.strip() for item in browser.find_all("main li")]
    browser.shot("staff-withdraw")

    browser.submit(browser.button("Yes, withdraw them"))
    check(browser.path() == session_path, f"back on the session page, not {browser.path()}")
    seen["withdrawnFlash"] = browser.text(".flash")
    _, cells = browser.entry_row(number)
    seen["withdrawnRow"] = cells
    seen["states"] = sorted({browser.entry_row(int(box.get_attribute("id").split("-")[1]))[1][3]
                             for box in browser.entry_boxes()})

    browser.follow("Login report")
    seen["reportHeading"] = browser.heading()
    seen["reportCounts"] = [item.text.strip() for item in browser.find_all("ul.counts li")]
    browser.shot("staff-report")
    return seen


run(scenario)
