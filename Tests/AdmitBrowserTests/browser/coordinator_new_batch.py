"""Right after "Add entries" the new batch is ticked and offered in a "Download these logins" box, which downloads
the slips of exactly that batch.

Data: staffUsername, staffPassword, sessionName, downloads (an empty folder), count.
"""
from admit_browser import DESKTOP, By, Select, check, run, slips


def scenario(args, launch):
    seen = {}
    browser = launch(javascript=True, size=DESKTOP, downloads=args["downloads"])
    browser.sign_in_staff(args["staffUsername"], args["staffPassword"])
    browser.follow(args["sessionName"])
    session_path = browser.path()
    browser.type("count", str(args["count"]))
    browser.submit(browser.button("Add entries"))
    check(browser.path().startswith(session_path + "?batch="), f"the session page naming the new batch, not {browser.path()}")
    seen["flash"] = browser.text(".flash")
    seen["ticked"] = [int(box.get_attribute("id").split("-")[1]) for box in browser.entry_boxes() if box.is_selected()]
    seen["boxes"] = len(browser.entry_boxes())
    box = browser.find(".new-batch")
    seen["boxHeading"] = browser.text(".new-batch h2")
    seen["boxLabel"] = browser.text(".new-batch label")
    check(Select(browser.find("#batch-file")).first_selected_option.text == "Slips to cut out (Excel)", "slips offered first")
    button = [b for b in box.find_elements(By.CSS_SELECTOR, "button") if b.text.strip() == "Download these logins"]
    check(len(button) == 1, "one “Download these logins” button in the box")
    button[0].click()
    seen["download"] = browser.downloaded(args["downloads"], ".xlsx")
    seen["slips"] = slips(seen["download"])
    return seen


run(scenario)
