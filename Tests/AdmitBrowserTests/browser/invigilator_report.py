"""The invigilator watches who still has to sign in. With JavaScript, the report filtered to "Not signed in yet"
refreshes itself: when a candidate signs in and registers in another browser, their row leaves the list without
the page being loaded again. Without JavaScript, the report's Refresh link shows the same change.

Data: staffUsername, staffPassword, sessionName, institution, number, username, password (the slip's), givenName,
familyName, newPassword, refreshWithin (seconds: the page's refresh interval and some).
"""
from selenium.common.exceptions import WebDriverException

from admit_browser import DESKTOP, PHONE, By, check, run


def report_rows(browser):
    """The report's rows, each its cells: #, username, state, personal username, candidate, registered, last
    sign-in, failures, locked until."""
    return [[cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in browser.find_all("#report table tbody tr")]


def numbers(browser):
    return [int(row[0]) for row in report_rows(browser)]


def open_report(browser, args):
    browser.sign_in_staff(args["staffUsername"], args["staffPassword"])
    browser.follow(args["sessionName"])
    browser.follow("Login report")


def scenario(args, launch):
    seen = {}
    number = args["number"]
    live = launch(javascript=True, size=DESKTOP)
    open_report(live, args)
    live.follow("Not signed in yet")
    seen["filteredPath"] = live.path()
    seen["waitingBefore"] = numbers(live)
    seen["liveCountsBefore"] = [item.text.strip() for item in live.find_all("ul.counts li")]
    # Gone if the page were loaded again: the report must change in place.
    live.driver.execute_script("window.admitSamePage = true")

    plain = launch(javascript=False, size=DESKTOP)
    open_report(plain, args)
    seen["plainBefore"] = next(row for row in report_rows(plain) if int(row[0]) == number)

    candidate = launch(javascript=True, size=PHONE)
    candidate.open("/")
    candidate.sign_in_candidate(args["institution"], args["username"], args["password"])
    check(candidate.path() == "/register", f"the registration form, not {candidate.path()}")
    candidate.type("givenName", args["givenName"])
    candidate.type("familyName", args["familyName"])
    candidate.type("newPassword", args["newPassword"])
    candidate.type("confirmPassword", args["newPassword"])
    candidate.submit(candidate.button("Save and get my username"))
    seen["personalUsername"] = candidate.text("#personal-username")

    # No reload, no sleep: the page's own refresh is waited for in its DOM.
    live.wait(lambda d: number not in numbers(live), f"entry {number} to leave the list by itself",
              ignoring=(WebDriverException,), timeout=args["refreshWithin"])
    seen["waitingAfter"] = numbers(live)
    seen["samePage"] = live.driver.execute_script("return window.admitSamePage === true")
    seen["liveCounts"] = [item.text.strip() for item in live.find_all("ul.counts li")]

    plain.follow("Refresh")
    seen["plainAfter"] = next(row for row in report_rows(plain) if int(row[0]) == number)
    seen["plainCounts"] = [item.text.strip() for item in plain.find_all("ul.counts li")]
    return seen


run(scenario)
