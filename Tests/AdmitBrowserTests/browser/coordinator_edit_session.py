"""The exam was delayed past the session's end: a candidate's unused slip has expired. The coordinator opens
"Edit the session", moves the end to a later day and saves; the same slip signs in again.

Data: staffUsername, staffPassword, sessionName, institution, username, password (the slip's), newEnd (YYYY-MM-DD).
"""
from admit_browser import DESKTOP, PHONE, Keys, check, run


def type_date(browser, field_id, day):
    """Types DAY (YYYY-MM-DD) into a date field as a person does in Chromium's English field: month, day, year."""
    year, month, date = day.split("-")
    field = browser.find(f"#{field_id}")
    field.click()
    # Back to the field's first part (the month), whatever the click landed on.
    field.send_keys(Keys.SHIFT + Keys.TAB, Keys.TAB)
    field.send_keys(month + date + year)
    check(field.get_attribute("value") == day, f"{field_id} holds {day}, not “{field.get_attribute('value')}”")


def scenario(args, launch):
    seen = {}
    candidate = launch(javascript=True, size=PHONE)
    candidate.open("/")
    candidate.sign_in_candidate(args["institution"], args["username"], args["password"])
    seen["expiredAnswer"] = candidate.text(".error-summary p")

    coordinator = launch(javascript=True, size=DESKTOP)
    coordinator.sign_in_staff(args["staffUsername"], args["staffPassword"])
    coordinator.follow(args["sessionName"])
    session_path = coordinator.path()
    coordinator.follow("Edit the session")
    seen["editHeading"] = coordinator.heading()
    seen["endsBefore"] = coordinator.find("#endsOn").get_attribute("value")
    type_date(coordinator, "endsOn", args["newEnd"])
    coordinator.submit(coordinator.button("Save changes"))
    check(coordinator.path() == session_path, f"back on the session page, not {coordinator.path()}")
    seen["flash"] = coordinator.text(".flash")
    seen["sessionLine"] = coordinator.text("main h1 + p")

    candidate.open("/")
    candidate.sign_in_candidate(args["institution"], args["username"], args["password"])
    seen["afterPath"] = candidate.path()
    seen["afterHeading"] = candidate.heading()
    return seen


run(scenario)
