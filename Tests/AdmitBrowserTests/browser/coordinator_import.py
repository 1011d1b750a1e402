"""A coordinator imports rosters on the import page: files exported by other products (chosen in the file field,
with the encoding list left on Automatic), a file whose headings need the mapping step, rows pasted from a
spreadsheet without their heading row, and a completed file downloaded, corrected and imported again.

Data: staffUsername, staffPassword, sessionName, javascript, downloads (an empty folder),
files (paths to import one after the other), mapped (a path whose columns are chosen: {"path", "choices"}),
pasted (tab-separated rows without a heading: {"text", "choices"}), reimport ({"job": index into files,
"from": a given name, "to": the new one}) or null.
"""
import csv
import glob
import os

from admit_browser import DESKTOP, Select, check, run


def counts(browser):
    """What the check page says the import would do: {"new": 2, …}."""
    seen = {}
    for item in browser.find_all("ul.counts li"):
        number, word = item.text.strip().split(" ", 1)
        seen[word.replace("with errors", "errors")] = int(number)
    return seen


def checked(browser):
    """The check page, read, then "Import" pressed: what it said and the job's state."""
    check(browser.heading().startswith("Check of "), f"the check page, not “{browser.heading()}”")
    notes = [p.text.strip() for p in browser.find_all("main > p")]
    said = {"heading": browser.heading(), "counts": counts(browser), "notes": notes}
    browser.submit(next(b for b in browser.find_all("button") if b.text.startswith("Import ")))
    said["state"] = browser.text("#job-state")
    said["job"] = browser.path()
    return said


def choose(browser, choices):
    """The mapping step: each field's heading chosen in its drop-down."""
    check(browser.heading().startswith("Choose the columns of "), f"the mapping step, not “{browser.heading()}”")
    for field, heading in choices.items():
        Select(browser.find(f"#{field}")).select_by_value(heading)
    browser.submit(browser.button("Check the roster"))


def scenario(args, launch):
    browser = launch(javascript=args["javascript"], size=DESKTOP, downloads=args["downloads"])
    seen = {"files": []}
    browser.open("/staff")
    browser.type("username", args["staffUsername"])
    browser.type("password", args["staffPassword"])
    browser.submit(browser.button("Sign in"))
    browser.follow(args["sessionName"])
    browser.follow("Import a roster")
    import_path = browser.path()
    browser.shot("staff-import", full_page=True)
    seen["templateLinks"] = [a.text.strip() for a in browser.find_all("a[download]")]

    for path in args["files"]:
        browser.open(import_path)
        browser.find("#roster").send_keys(path)
        browser.submit(browser.button("Check the roster"))
        seen["files"].append(checked(browser))

    mapped = args.get("mapped")
    if mapped:
        browser.open(import_path)
        browser.find("#roster").send_keys(mapped["path"])
        browser.submit(browser.button("Check the roster"))
        seen["mappingStep"] = browser.heading()
        seen["mappingOptions"] = [o.text.strip() for o in Select(browser.find("#map-givenname")).options]
        browser.shot("staff-import-map", full_page=True)
        choose(browser, mapped["choices"])
        seen["mapped"] = checked(browser)

    pasted = args.get("pasted")
    if pasted:
        browser.open(import_path)
        # As a paste puts it there: tabs and line ends, which typing into the box could not (Tab moves on).
        browser.driver.execute_script("arguments[0].value = arguments[1];", browser.find("#pasted"), pasted["text"])
        browser.submit(browser.button("Check the roster"))
        choose(browser, pasted["choices"])
        seen["pasted"] = checked(browser)

    reimport = args.get("reimport")
    if reimport:
        browser.open(seen["files"][reimport["job"]]["job"])
        browser.button("Completed rows (with new temporary passwords)").click()

        def downloaded(_):
            done = glob.glob(os.path.join(args["downloads"], "*-completed.csv"))
            return done[0] if len(done) == 1 and not glob.glob(os.path.join(args["downloads"], "*.crdownload")) else False

        completed = browser.wait(downloaded, "the completed file")
        # The coordinator corrects one name in a spreadsheet and saves it as CSV again.
        with open(completed, encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
        seen["completedHeader"] = rows[0]
        rows = [[reimport["to"] if cell == reimport["from"] else cell for cell in row] for row in rows]
        corrected = os.path.join(args["folder"], "corrected.csv")
        with open(corrected, "w", encoding="utf-8-sig", newline="") as file:
            csv.writer(file, lineterminator="\r\n").writerows(rows)
        browser.open(import_path)
        browser.find("#roster").send_keys(corrected)
        browser.submit(browser.button("Check the roster"))
        seen["reimported"] = checked(browser)
    return seen


run(scenario)
