"""A candidate whose browser asks for Spanish (Accept-Language: es), with JavaScript: the sign-in page and its
error are in Spanish, and English is one link away.

Data: institution, username (the slip's).
"""
from admit_browser import PHONE, check, run


def scenario(args, launch):
    browser = launch(javascript=True, language="es", size=PHONE)
    seen = {}
    browser.open("/")
    seen["heading"] = browser.heading()
    seen["lang"] = browser.find("html").get_attribute("lang")
    seen["labels"] = [label.text.strip() for label in browser.find_all("label")]
    browser.shot("candidate-signin-es")

    browser.type("institution", args["institution"])
    browser.type("username", args["username"])
    browser.type("password", "no-es-la-buena")
    browser.submit(browser.button("Iniciar sesión"))
    seen["errorTitle"] = browser.text(".error-summary h2")
    seen["error"] = browser.text(".error-summary p")
    check(browser.find("#password").get_attribute("aria-invalid") == "true", "aria-invalid on the password field")

    browser.follow("English")
    seen["englishHeading"] = browser.heading()
    return seen


run(scenario)
