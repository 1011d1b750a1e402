#!/usr/bin/env bash
# An exam coordinator's day with the admit CLI, on a fresh database in the folder given (default ./demo).
# Run it with `make demo`, or by hand: ADMIT=path/to/admit Samples/coordinator-day.sh FOLDER
set -euo pipefail
folder=${1:-demo}
admit=${ADMIT:-admit}
mkdir -p "$folder"
export ADMIT_DB="$folder/admit.sqlite"   # the data key is created beside it as admit.key

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

say "1. The centre and the sitting"
"$admit" institution add GB042 --name "Northfield College"
day=$(date -d '+14 days' +%F)   # a sitting two weeks from today; a session that has ended takes no entries
session=$("$admit" session create --institution GB042 --name "June Maths Paper 1" --starts "${day}T09:00" --ends "$day")
echo "session id: $session"

say "2. Add 500 generic logins and write the credential sheets (mode 0600)"
"$admit" entries add "June Maths Paper 1" --count 500 --request-key june-maths-1 \
    --xlsx "$folder/logins.xlsx" --csv "$folder/logins.csv"

say "3. The first entries (never their passwords)"
"$admit" entries list "June Maths Paper 1" | sed -n 1,4p

say "4. A candidate withdraws: withdraw entry #1; its login stops working"
first=$("$admit" entries list "June Maths Paper 1" --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["guid"])')
"$admit" entries withdraw "June Maths Paper 1" "$first"

say "5. A roster of named candidates: check it, import it, collect the job's files"
roster="$(dirname "$0")/named-roster.csv"   # semicolons, as European Excel saves it; two rows have mistakes
"$admit" import "June Maths Paper 1" "$roster" --dry-run --errors "$folder/named-roster-errors.csv"
"$admit" import "June Maths Paper 1" "$roster"
job=$("$admit" import list --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$admit" import files "$job" --out "$folder/import"
"$admit" entries export "June Maths Paper 1" --group hall --xlsx "$folder/hall-slips.xlsx" --layout slips

say "6. The login report"
"$admit" report "June Maths Paper 1" --xlsx "$folder/report.xlsx" | sed -n 1,3p

say "7. A coordinator account for the web pages (its password from standard input, twice)"
printf 'Northfield-Demo-26\nNorthfield-Demo-26\n' | "$admit" staff add coordinator --role coordinator --institution GB042

say "8. A candidate's first login, through the CLI: the slip's login, details and a new password"
# Entry #2's slip (entry #1 was withdrawn), as the roster CSV gives it: username and password.
read -r slip_user slip_password < <(/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[2]; print(r[1], r[2])' "$folder/logins.csv")
printf '%s\n' "$slip_password" | "$admit" login --institution GB042 --username "$slip_user"
personal=$(printf '%s\nViolet-Harbour-58\nViolet-Harbour-58\n' "$slip_password" \
    | "$admit" register --institution GB042 --username "$slip_user" --given-name José --family-name Núñez --json \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["username"])')
echo "personal username: $personal"
printf 'Violet-Harbour-58\n' | "$admit" login --institution GB042 --username "$personal"
echo "The slip's login afterwards:"
printf '%s\n' "$slip_password" | "$admit" login --institution GB042 --username "$slip_user" || true

say "9. Exam-day help: find the candidate, unlock them after 5 wrong passwords"
"$admit" find nunez
for attempt in 1 2 3 4 5; do printf 'not-my-password\n' | "$admit" login --institution GB042 --username "$personal" 2>/dev/null || true; done
"$admit" report "June Maths Paper 1" --locked | sed -n 1,4p
"$admit" entries unlock "June Maths Paper 1" "$personal"
printf 'Violet-Harbour-58\n' | "$admit" login --institution GB042 --username "$personal"

say "10. They forgot their password: reset it, print the new slip; the old password stops working"
"$admit" entries reset "June Maths Paper 1" "$personal" --xlsx "$folder/reset-slip.xlsx" --layout slips --csv "$folder/reset.csv"
echo "The old password now:"
printf 'Violet-Harbour-58\n' | "$admit" login --institution GB042 --username "$personal" || true
echo "The new slip's temporary password:"
temporary=$(/usr/bin/python3 -c 'import csv,sys; print(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1][2])' "$folder/reset.csv")
printf '%s\n' "$temporary" | "$admit" login --institution GB042 --username "$personal"
printf '%s\nAmber-Lantern-73\nAmber-Lantern-73\n' "$temporary" | "$admit" register --institution GB042 --username "$personal"
printf 'Amber-Lantern-73\n' | "$admit" login --institution GB042 --username "$personal"

say "Made in $folder/:"
ls -l "$folder"
cat <<TEXT

  $folder/logins.xlsx   roster of the 500 credentials, to print (open it in LibreOffice or Excel)
  $folder/logins.csv    the same roster as CSV, for scripts
  $folder/report.xlsx   the login report
  $folder/import/       the roster import's uploaded, completed (with temporary passwords) and error files
  $folder/hall-slips.xlsx  slips for the named candidates of the group "Hall"
  $folder/reset-slip.xlsx  the new slip of the candidate whose password was reset ($folder/reset.csv: the same, for scripts)
  $folder/admit.sqlite  the database (passwords sealed); $folder/admit.key is its data key: keep both safe

The candidate with the slip $slip_user registered as $personal (the slip's login was refused afterwards), was
locked out by 5 wrong passwords and unlocked, then had the forgotten password reset and chose a new one.

Try: ADMIT_DB=$ADMIT_DB $admit --help
The web pages: ADMIT_DB=$ADMIT_DB $admit serve
  then open http://127.0.0.1:8080/ (a candidate: a slip from logins.xlsx) or http://127.0.0.1:8080/staff
  (user "coordinator", password "Northfield-Demo-26"; stop the server with Ctrl-C)
TEXT
