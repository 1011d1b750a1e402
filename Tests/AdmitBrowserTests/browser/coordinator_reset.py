"""A candidate who registered (personal username and password) forgot the password. The coordinator ticks the
entry, presses "Reset selected…", confirms, and gets the new slip as a download; the candidate's old password
fails, the personal username with the slip's temporary password leads to "choose a new password" only, and the
new password works afterwards.

Data: staffUsername, staffPassword, sessionName, downloads (an empty folder), institution, number,
personalUsername, oldPassword, newPassword.
"""
from admit_browser import DESKTOP, PHONE, check, run, slips


def scenario(args, launch):
    seen = {}
    coordinator = launch(javascript=True, size=DESKTOP, downloads=args["downloads"])
    coordinator.sign_in_staff(args["staffUsername"], args["staffPassword"])
    coordinator.follow(args["sessionName"])
    box, _ = coordinator.entry_row(args["number"])
    box.click()
    coordinator.submit(coordinator.button("Reset selected…"))
    seen["confirmHeading"] = coordinator.heading()
    seen["confirmList"] = [item.text.strip() for item in coordinator.find_all("main li")]
    coordinator.button("Yes, reset and download").click()
    seen["download"] = coordinator.downloaded(args["downloads"], ".xlsx")
    seen["slips"] = slips(seen["download"])
    check(len(seen["slips"]) == 1, f"one slip in the download, not {seen['slips']}")
    temporary = seen["slips"][0]["password"]

    candidate = launch(javascript=True, size=PHONE)
    candidate.open("/")
    candidate.sign_in_candidate(args["institution"], args["personalUsername"], args["oldPassword"])
    seen["oldPassword"] = candidate.text(".error-summary p")

    candidate.sign_in_candidate(args["institution"], args["personalUsername"], temporary)
    seen["temporaryPath"] = candidate.path()
    seen["temporaryHeading"] = candidate.heading()
    # Only a new password is asked: no name, no details.
    seen["fields"] = [field.get_attribute("name") for field in candidate.find_all("form[action='/register'] input:not([type=hidden])")]
    candidate.type("newPassword", args["newPassword"])
    candidate.type("confirmPassword", args["newPassword"])
    candidate.submit(candidate.button("Save my password"))
    seen["personalUsername"] = candidate.text("#personal-username")

    candidate.follow("Sign in with it")
    candidate.sign_in_candidate(args["institution"], args["personalUsername"], args["newPassword"])
    seen["newPasswordPath"] = candidate.path()
    seen["newPasswordHeading"] = candidate.heading()
    return seen


run(scenario)
