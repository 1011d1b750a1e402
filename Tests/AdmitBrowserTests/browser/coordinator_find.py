"""A coordinator looks for a candidate by name, typed without accents or capitals, in the staff search box: the
candidate of the coordinator's own institution is found, another institution's of the same name is not listed.

Data: staffUsername, staffPassword, query.
"""
from admit_browser import DESKTOP, By, run


def scenario(args, launch):
    seen = {}
    browser = launch(javascript=True, size=DESKTOP)
    browser.sign_in_staff(args["staffUsername"], args["staffPassword"])
    browser.follow("Find a candidate")
    seen["heading"] = browser.heading()
    browser.type("q", args["query"])
    browser.submit(browser.button("Find"))
    seen["path"] = browser.path()
    seen["said"] = [paragraph.text.strip() for paragraph in browser.find_all("main > p")]
    seen["rows"] = [[cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
                    for row in browser.find_all("table.entries tbody tr")]
    return seen


run(scenario)
