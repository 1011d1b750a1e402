"""A candidate mistypes five times and is locked out: even the right password gets "Invalid…". The coordinator
sees the lock on the session page, ticks the entry and presses "Unlock selected"; the candidate's right password
works at once.

Data: staffUsername, staffPassword, sessionName, institution, number, username, password (the slip's).
"""
from admit_browser import DESKTOP, PHONE, check, run


def scenario(args, launch):
    seen = {}
    candidate = launch(javascript=True, size=PHONE)
    candidate.open("/")
    for attempt in range(5):
        candidate.sign_in_candidate(args["institution"], args["username"], f"WRONG{attempt}-{args['password']}")
        check(candidate.find_all(".error-summary"), "the sign-in form again, with its error, after a wrong password")
    # With JavaScript the answer is shown in place: the error summary, not the address, says what happened.
    candidate.sign_in_candidate(args["institution"], args["username"], args["password"])
    seen["lockedAnswer"] = candidate.text(".error-summary p")

    coordinator = launch(javascript=True, size=DESKTOP)
    coordinator.sign_in_staff(args["staffUsername"], args["staffPassword"])
    coordinator.follow(args["sessionName"])
    session_path = coordinator.path()
    box, cells = coordinator.entry_row(args["number"])
    seen["lockedUntilBefore"] = cells[7]
    box.click()
    coordinator.submit(coordinator.button("Unlock selected"))
    check(coordinator.path() == session_path, f"back on the session page, not {coordinator.path()}")
    seen["flash"] = coordinator.text(".flash")
    seen["lockedUntilAfter"] = coordinator.entry_row(args["number"])[1][7]

    candidate.sign_in_candidate(args["institution"], args["username"], args["password"])
    seen["afterUnlockPath"] = candidate.path()
    seen["afterUnlockHeading"] = candidate.heading()
    return seen


run(scenario)
