"""A candidate on a phone, without JavaScript: a wrong password, the first login from the slip, registration,
the personal username, a second sign-in with it, sign-out, the dead slip login, then the page in Spanish.

Data: institution, username, password (the slip's), givenName, familyName, newPassword.
"""
from admit_browser import PHONE, EC, By, check, run


def sign_in(browser, institution, username, password):
    browser.type("institution", institution)
    browser.type("username", username)
    browser.type("password", password)
    browser.submit(browser.button("Sign in"))


def scenario(args, launch):
    browser = launch(javascript=False, size=PHONE)
    seen = {}

    browser.open("/")
    check(browser.heading() == "Sign in to your exam", f"the sign-in page, not “{browser.heading()}”")
    browser.shot("candidate-signin")

    # A wrong password: the error summary is announced, and the password field is marked.
    sign_in(browser, args["institution"], args["username"], "WRONG-" + args["password"])
    summary = browser.find(".error-summary")
    check(summary.get_attribute("role") == "alert", "the error summary has role=alert")
    seen["wrongPassword"] = summary.find_element(By.TAG_NAME, "p").text.strip()
    password = browser.find("#password")
    check(password.get_attribute("aria-invalid") == "true", "aria-invalid on the password field")
    check(password.get_attribute("value") == "", "the wrong password is not typed back")
    check(browser.find("#password-error").is_displayed(), "the message beside the password field")
    check(browser.find("#username").get_attribute("value") == args["username"], "the username kept")
    browser.shot("candidate-signin-error")

    # The slip's login: the registration form, with the password rules shown before typing.
    browser.type("password", args["password"])
    browser.submit(browser.button("Sign in"))
    check(browser.path() == "/register", f"the registration page, not {browser.path()}")
    seen["registerHeading"] = browser.heading()
    policy = browser.find("#policy")
    check(policy.is_displayed(), "the password policy shown")
    seen["policy"] = [item.text.strip() for item in policy.find_elements(By.TAG_NAME, "li")]
    check("policy" in browser.find("#newPassword").get_attribute("aria-describedby").split(),
          "the new password field described by the policy")
    browser.shot("candidate-register")

    # Two different new passwords: the form says so and keeps the names typed.
    browser.type("givenName", args["givenName"])
    browser.type("familyName", args["familyName"])
    browser.type("newPassword", args["newPassword"])
    browser.type("confirmPassword", args["newPassword"] + "x")
    browser.submit(browser.button("Save and get my username"))
    check(browser.find("#confirmPassword").get_attribute("aria-invalid") == "true", "aria-invalid on the second password")
    seen["passwordsDiffer"] = browser.text(".error-summary p")
    check(browser.find("#familyName").get_attribute("value") == args["familyName"], "the family name kept")

    browser.type("newPassword", args["newPassword"])
    browser.type("confirmPassword", args["newPassword"])
    browser.submit(browser.button("Save and get my username"))
    personal = browser.find("#personal-username")
    seen["personalUsername"] = personal.text.strip()
    seen["personalUsernamePx"] = browser.text_px(personal)
    seen["personalUsernameLines"] = len(browser.lines(personal))
    seen["doneHeading"] = browser.heading()
    browser.shot("candidate-personal-username")

    # The second sign-in, with the personal username and the new password.
    browser.follow("Sign in with it")
    check(browser.heading() == "Sign in to your exam", f"the sign-in page, not “{browser.heading()}”")
    sign_in(browser, args["institution"], seen["personalUsername"], args["newPassword"])
    check(browser.path() == "/welcome", f"the signed-in page, not {browser.path()}")
    seen["welcomeHeading"] = browser.heading()
    seen["sessionName"] = browser.text("#session-name")
    browser.shot("candidate-signed-in")

    browser.submit(browser.button("Sign out"))
    check(browser.path() == "/", f"the sign-in page after signing out, not {browser.path()}")
    browser.open("/welcome")
    check(browser.path() == "/", "signed out: /welcome leads back to the sign-in page")

    # The slip's login no longer works; only its owner, with the right password, is told why.
    sign_in(browser, args["institution"], args["username"], args["password"])
    check(browser.path() == "/signin", f"still the sign-in form, not {browser.path()}")
    seen["slipAfterRegistration"] = browser.text(".error-summary p")

    # The language switch, a plain link.
    browser.follow("Español")
    check(browser.path() == "/?lang=es", f"the Spanish page, not {browser.path()}")
    seen["spanishHeading"] = browser.heading()
    seen["spanishLang"] = browser.find("html").get_attribute("lang")
    return seen


run(scenario)
