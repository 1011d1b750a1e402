"""A coordinator at a desktop, with JavaScript: signs in, opens the session, adds 20 entries, selects them all,
downloads the slips as a workbook, withdraws one entry after confirming, and reads the login report.

Data: staffUsername, staffPassword, sessionName, downloads (an empty folder), withdrawNumber.
"""
import glob
import os

from admit_browser import DESKTOP, EC, By, Select, check, run


def entry_boxes(browser):
    return browser.find_all("input[name='entries[]']")


def row_of(browser, number):
    """The cells of entry NUMBER's row: select, #, username, state, personal username, candidate, registered."""
    box = browser.find(f"#entry-{number}")
    return box, [cell.text.strip() for cell in box.find_elements(By.XPATH, "ancestor::tr/td")]


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
    before = len(entry_boxes(browser))

    browser.type("count", "20")
    browser.submit(browser.button("Add entries"))
    check(browser.path() == session_path, f"back on the session page, not {browser.path()}")
    seen["addedFlash"] = browser.text(".flash")
    seen["entriesHeading"] = browser.find_all("h2")[-1].text.strip()
    boxes = entry_boxes(browser)
    seen["added"] = len(boxes) - before
    check(not any(box.is_selected() for box in boxes), "no entry selected yet")

    # With JavaScript, "Select all" ticks the boxes where they are, without loading the page again.
    page = browser.find("html")
    browser.driver.find_element(By.LINK_TEXT, "Select all").click()
    browser.wait(lambda d: all(box.is_selected() for box in entry_boxes(browser)), "every entry ticked")
    check(browser.path() == session_path, f"the same page (no reload), not {browser.path()}")
    check(not EC.staleness_of(page)(browser.driver), "the same page, not a new one")

    Select(browser.find("#file")).select_by_visible_text("Slips to cut out (Excel)")
    check(Select(browser.find("#scope")).first_selected_option.text == "Selected entries", "the selection downloaded")
    browser.shot("staff-session", full_page=True)
    download = browser.find("button[name=action][value=download]")
    check(download.text.strip() == "Download", f"the Download button, not “{download.text}”")
    download.click()

    def downloaded(_):
        done = [f for f in glob.glob(os.path.join(args["downloads"], "*.xlsx"))]
        partial = glob.glob(os.path.join(args["downloads"], "*.crdownload"))
        return done[0] if len(done) == 1 and not partial else False

    seen["download"] = browser.wait(downloaded, "the downloaded workbook")
    check(browser.path() == session_path, f"still the session page after the download, not {browser.path()}")

    # Untick everything (the same link again), tick one entry and withdraw it.
    browser.driver.find_element(By.LINK_TEXT, "Select all").click()
    browser.wait(lambda d: not any(box.is_selected() for box in entry_boxes(browser)), "every entry unticked")
    number = args["withdrawNumber"]
    box, cells = row_of(browser, number)
    seen["withdrawnUsername"], seen["withdrawnGUID"] = cells[2], box.get_attribute("value")
    box.click()
    browser.submit(browser.button("Withdraw selected…"))
    seen["confirmHeading"] = browser.heading()
    seen["confirmList"] = [item.text.strip() for item in browser.find_all("main li")]
    browser.shot("staff-withdraw")

    browser.submit(browser.button("Yes, withdraw them"))
    check(browser.path() == session_path, f"back on the session page, not {browser.path()}")
    seen["withdrawnFlash"] = browser.text(".flash")
    _, cells = row_of(browser, number)
    seen["withdrawnRow"] = cells
    seen["states"] = sorted({row_of(browser, int(box.get_attribute("id").split("-")[1]))[1][3]
                             for box in entry_boxes(browser)})

    browser.follow("Login report")
    seen["reportHeading"] = browser.heading()
    seen["reportCounts"] = [item.text.strip() for item in browser.find_all("ul.counts li")]
    browser.shot("staff-report")
    return seen


run(scenario)
