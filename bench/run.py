"""Benchmark of the `admit` CLI, run by `make bench` (see bench/README.md).

It measures, on fresh databases under bench/out/:

1. Whole-process wall time of `admit entries add SESSION --count 500 --xlsx FILE` against bench/baseline.c
   (a C program that only makes 500 random credentials and writes #, Username, Password with libxlsxwriter).
   The two run alternately; median, min and max of each, and the ratio of the medians admit/baseline (goal <= 3).
2. 200 batches of 500 (100,000 entries) in one session: total wall time of the 200 `entries add` calls
   (no files), then `entries export --xlsx`, `--csv`, `--xlsx --layout slips` (without and with QR codes), an encrypted
   `--xlsx` and an encrypted roster and slips workbook of all of them: wall time and the child's peak RSS
   (goal for the XLSX export < 64 MiB), median over 3 runs; the XLSX size, and its data rows counted with
   openpyxl (the bench fails if the count is wrong).

3. Roster import of 10,000 named candidates (and of 1,000, to see how memory grows) from CSV and from XLSX
   (written with openpyxl), each into a fresh session: wall time and peak RSS, median over 3 runs, against
   `entries add` making the same number of generic logins (batches of 500) in the same run.

Standard-library Python 3 (openpyxl for the row count and the import's XLSX). Stops with a clear message if a command fails.
"""
import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(BENCH, "out")
BATCH = 500
PASSWORD_FILE = os.path.join(OUT, "export", "password.txt")
RATIO_GOAL = 3.0
RSS_GOAL_MIB = 64


class CommandFailed(Exception):
    pass


def run(cmd):
    """Runs cmd to completion; returns (wall seconds, peak RSS in KiB of that child). Raises on failure.

    The RSS is the child's ru_maxrss from os.wait4. subprocess starts a child with vfork, and Linux then
    counts this Python process's own peak RSS into the child's figure, so a child that used less than the
    bench itself shows the bench's figure: `rss()` prints such a figure as "<= N".
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            out.seek(0)
            message = (err.read() or out.read()).decode(errors="replace").strip()
            raise CommandFailed(f"command failed (exit {child.returncode}): {' '.join(cmd)}\n{message}")
        return wall, usage.ru_maxrss


def output(cmd):
    """Runs cmd and returns its stdout, stripped. Raises on failure."""
    result = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandFailed(f"command failed (exit {result.returncode}): {' '.join(cmd)}\n{result.stderr.strip()}")
    return result.stdout.strip()


def fresh_session(admit, folder):
    """A new database in folder with one institution and one session; returns (db path, session id)."""
    os.makedirs(folder)
    db = os.path.join(folder, "admit.sqlite")
    output([admit, "institution", "add", "BN001", "--name", "Bench", "--db", db])
    session = output([admit, "session", "create", "--institution", "BN001", "--name", "Bench", "--db", db])
    return db, session


def build_baseline():
    flags = output(["pkg-config", "--cflags", "--libs", "xlsxwriter", "libcrypto"]).split()
    binary = os.path.join(OUT, "baseline")
    output(["gcc", "-O2", os.path.join(BENCH, "baseline.c"), *flags, "-o", binary])
    return binary


def ms(seconds):
    return f"{seconds * 1000:8.1f} ms"


def s(seconds):
    return f"{seconds:9.2f} s"


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def rss(kib):
    """A child's peak RSS, or "<= N" when it is no more than this process's own (see `run`)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return f"{mib(kib) if kib > own else '<= ' + mib(own):>12}"


def spread(walls, fmt):
    return f"{fmt(statistics.median(walls))} {fmt(min(walls))} {fmt(max(walls))}"


def met(ok):
    return "met" if ok else "NOT MET"


HEADER = f"   {'':28}{'median':>11} {'min':>11} {'max':>11} {'peak RSS':>12}"


def bench_add(admit, baseline, runs):
    """Figure 1: entries add --count 500 --xlsx against the C baseline, alternately."""
    folder = os.path.join(OUT, "add")
    db, session = fresh_session(admit, folder)
    commands = {
        "baseline.c (C, 3 columns)": lambda i: [baseline, os.path.join(folder, f"baseline-{i}.xlsx"), str(BATCH)],
        "admit entries add": lambda i: [admit, "entries", "add", session, "--count", str(BATCH),
                                        "--xlsx", os.path.join(folder, f"admit-{i}.xlsx"), "--db", db],
    }
    results = {name: [] for name in commands}
    for i in range(runs + 1):  # run 0 is a warm-up, not counted
        for name, command in commands.items():
            result = run(command(i))
            if i > 0:
                results[name].append(result)

    print(f"1. entries add --count {BATCH} --xlsx FILE, whole process ({runs} alternate runs each after a warm-up)")
    print(HEADER)
    medians = []
    for name, rows in results.items():
        walls = [wall for wall, _ in rows]
        medians.append(statistics.median(walls))
        print(f"   {name:28}{spread(walls, ms)} {rss(statistics.median(peak for _, peak in rows))}")
    ratio = medians[1] / medians[0]
    print(f"   {'ratio admit / baseline':28}{ratio:11.2f}   goal <= {RATIO_GOAL:g}: {met(ratio <= RATIO_GOAL)}")
    print()


def count_xlsx_rows(path):
    """(data rows, rows with a password) of the first sheet, read with openpyxl in read-only mode."""
    import openpyxl  # Debian's python3-openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows)
        if list(header[:3]) != ["#", "Username", "Password"]:
            raise CommandFailed(f"{path}: unexpected header row {header}")
        data = with_password = 0
        for row in rows:
            if any(cell is not None for cell in row):
                data += 1
                with_password += bool(row[2])
        return data, with_password
    finally:
        workbook.close()


def bench_export(admit, batches, export_runs):
    """Figure 2: a session of batches x 500 entries, then exports of all of it."""
    folder = os.path.join(OUT, "export")
    db, session = fresh_session(admit, folder)
    with open(PASSWORD_FILE, "w") as f:
        f.write("bench workbook password\n")
    total = batches * BATCH
    adds = [run([admit, "entries", "add", session, "--count", str(BATCH), "--db", db])[0] for _ in range(batches)]

    # Each kind: its file extension and the options that make it.
    kinds = {"xlsx": ("xlsx", ["--xlsx"]), "csv": ("csv", ["--csv"]),
             "xlsx --layout slips": ("slips.xlsx", ["--layout", "slips", "--xlsx"]),
             # The same slips with a QR code each (a sign-in address makes them).
             "xlsx --layout slips --sign-in-url": ("qr.xlsx", ["--layout", "slips", "--sign-in-url", "https://exams.bench.example/", "--xlsx"]),
             "xlsx --encrypt-password-file": ("sealed.xlsx", ["--encrypt-password-file", PASSWORD_FILE, "--xlsx"]),
             "xlsx --layout roster,slips --encrypt-password-file": ("both-sealed.xlsx", ["--layout", "roster,slips", "--encrypt-password-file", PASSWORD_FILE, "--xlsx"])}
    exports = {kind: [] for kind in kinds}
    for i in range(export_runs):  # alternately, each to a new file
        for kind, rows in exports.items():
            extension, options = kinds[kind]
            path = os.path.join(folder, f"all-{i}.{extension}")
            rows.append(run([admit, "entries", "export", session] + options + [path, "--db", db]))

    print(f"2. {total:,} entries in one session ({batches} batches of {BATCH}); each export run {export_runs}x, alternately")
    print(f"   {batches} x entries add (no file): total {s(sum(adds)).strip()};"
          f" per call median {ms(statistics.median(adds)).strip()},"
          f" min {ms(min(adds)).strip()}, max {ms(max(adds)).strip()}")
    print(HEADER)
    for kind, rows in exports.items():
        peak = statistics.median(peak for _, peak in rows)
        goal = f"   goal < {RSS_GOAL_MIB} MiB: {met(peak < RSS_GOAL_MIB * 1024)}" if kind.startswith("xlsx") else ""
        print(f"   {'export --' + kind:40}{spread([wall for wall, _ in rows], s)} {rss(peak)}{goal}")

    plain = statistics.median(wall for wall, _ in exports["xlsx"])
    sealed = statistics.median(wall for wall, _ in exports["xlsx --encrypt-password-file"])
    print(f"   encrypted / plain XLSX export time: {sealed / plain:.2f}   goal <= 1.5: {met(sealed / plain <= 1.5)}")
    slips = statistics.median(wall for wall, _ in exports["xlsx --layout slips"])
    coded = statistics.median(wall for wall, _ in exports["xlsx --layout slips --sign-in-url"])
    print(f"   slips with / without QR codes, export time: {coded / slips:.2f}   goal <= 2: {met(coded / slips <= 2)}")

    xlsx = os.path.join(folder, f"all-{export_runs - 1}.xlsx")
    start = time.perf_counter()
    # Counted by a child: openpyxl in this process would raise the RSS that later children report (see run()).
    data, with_password = map(int, output([sys.executable, __file__, "--count-rows", xlsx]).split())
    counted = time.perf_counter() - start
    print(f"   XLSX file {os.path.getsize(xlsx) / 2**20:.1f} MiB; openpyxl (read-only) counts {data:,} data rows"
          f" ({total:,} expected), {with_password:,} with a password, in {counted:.1f} s")
    if data != total:
        raise CommandFailed(f"{xlsx} has {data:,} data rows, expected {total:,}")
    print()


def write_roster(folder, rows):
    """A roster of `rows` candidates as CSV and as XLSX (openpyxl); returns their paths."""
    import csv
    import openpyxl  # Debian's python3-openpyxl

    header = ["Candidate Number", "Given Name", "Family Name", "Email", "Date of Birth", "Group"]
    data = [[f"C{n:06d}", f"Given{n}", f"Family{n % 997}", f"c{n}@example.org", "2008-05-31", f"Room {n % 12}"]
            for n in range(1, rows + 1)]
    csv_path = os.path.join(folder, f"roster-{rows}.csv")
    with open(csv_path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header] + data)
    xlsx_path = os.path.join(folder, f"roster-{rows}.xlsx")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Candidates")
    for row in [header] + data:
        sheet.append(row)
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def bench_import(admit, rows, runs):
    """Figure 3: importing a roster of `rows` candidates, against adding as many generic logins."""
    folder = os.path.join(OUT, "import")
    os.makedirs(folder)
    small = rows // 10
    # Written by a child: openpyxl in this process would raise the RSS that vfork'ed children report (see run()).
    files = {size: tuple(output([sys.executable, __file__, "--write-roster", folder, str(size)]).split("\n"))
             for size in (small, rows)}
    results = {}
    for i in range(runs):  # alternately, each into a fresh database
        db, session = fresh_session(admit, os.path.join(folder, f"add-{i}"))
        start = time.perf_counter()
        for _ in range(rows // BATCH):
            run([admit, "entries", "add", session, "--count", str(BATCH), "--db", db])
        results.setdefault("add", []).append((time.perf_counter() - start, 0))
        for size, (csv_path, xlsx_path) in files.items():
            for kind, path in (("csv", csv_path), ("xlsx", xlsx_path)):
                db, session = fresh_session(admit, os.path.join(folder, f"{kind}-{size}-{i}"))
                results.setdefault((kind, size), []).append(run([admit, "import", session, path, "--db", db]))
        # Counted in the database: a JSON list of every entry would raise this process's RSS (see run()).
        with sqlite3.connect(db) as connection:
            count = connection.execute("SELECT COUNT(*) FROM entry").fetchone()[0]
        if count != rows:
            raise CommandFailed(f"the import of {rows:,} rows made {count:,} entries")

    add = statistics.median(wall for wall, _ in results["add"])
    print(f"3. import of a roster of {rows:,} named candidates, {runs} runs each, each into a fresh database")
    print(HEADER)
    print(f"   {f'{rows // BATCH} x entries add --count {BATCH}':40}{spread([w for w, _ in results['add']], s)}")
    for kind in ("csv", "xlsx"):
        for size in (small, rows):
            rows_ = results[(kind, size)]
            print(f"   {f'import {size:,} rows from {kind.upper()}':40}{spread([w for w, _ in rows_], s)}"
                  f" {rss(statistics.median(p for _, p in rows_))}")
        big = statistics.median(w for w, _ in results[(kind, rows)])
        grown = statistics.median(p for _, p in results[(kind, rows)]) - statistics.median(p for _, p in results[(kind, small)])
        data = os.path.getsize(files[rows][0]) - os.path.getsize(files[small][0])
        print(f"   {kind.upper()}: import / add time {big / add:.2f}; peak RSS grows {mib(grown)} from {small:,} to {rows:,} rows,"
              f" whose CSV text grows {mib(data / 1024)} ({grown * 1024 / data:.1f} x)")
    print()


def main():
    if sys.argv[1:2] == ["--count-rows"]:
        print(*count_xlsx_rows(sys.argv[2]))
        return
    if sys.argv[1:2] == ["--write-roster"]:
        print("\n".join(write_roster(sys.argv[2], int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admit", required=True, help="path to a release build of admit")
    parser.add_argument("--runs", type=int, help="alternate runs of each in figure 1 (default 15; 5 with --quick)")
    parser.add_argument("--batches", type=int, help="batches of 500 in figure 2 (default 200; 20 with --quick)")
    parser.add_argument("--export-runs", type=int, help="exports of each kind in figure 2 (default 3; 1 with --quick)")
    parser.add_argument("--import-rows", type=int, help="rows of the roster in figure 3 (default 10,000; 2,000 with --quick)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and 20 batches, to try it fast")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)
    batches = args.batches or (20 if args.quick else 200)
    export_runs = args.export_runs or (1 if args.quick else 3)
    if min(runs, batches, export_runs) < 1:
        parser.error("--runs, --batches and --export-runs must be at least 1")

    admit = os.path.abspath(args.admit)
    if not os.path.isfile(admit) or not os.access(admit, os.X_OK):
        sys.exit(f"bench: {admit} is not an executable admit binary (build it with `swift build -c release`)")
    os.environ.pop("ADMIT_DB", None)  # every command names its --db
    os.environ.pop("ADMIT_DATA_KEY", None)  # the data key is the key file beside each fresh database

    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    try:
        baseline = build_baseline()
        print(f"admit bench: {admit}")
        print(f"{os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}; outputs in {OUT}")
        print()
        bench_add(admit, baseline, runs)
        bench_export(admit, batches, export_runs)
        bench_import(admit, args.import_rows or (2000 if args.quick else 10000), 1 if args.quick else 3)
        print("Peak RSS: the child's ru_maxrss from os.wait4; \"<= N\": no more than the bench's own N (see run()).")
    except CommandFailed as error:
        sys.exit(f"bench: {error}")


if __name__ == "__main__":
    main()
