#!/usr/bin/env python3
"""Figure 6: the peak memory of `admit import --dry-run` on hostile uploads within the 32 MiB upload limit.

Each file is written by this script into bench/out/hostile/ and checked by `admit import SESSION FILE --dry-run`
in a fresh database; the child's peak RSS (os.wait4, as in run.py) must stay under 128 MiB, whether admit
checks the file or refuses it (exit 1 with one sentence). Any other exit, or a crash, fails the bench.
Standard-library Python 3 only.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import run as bench

GOAL_MIB = 128
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(path, write_sheet, shared=None):
    """A minimal XLSX: one sheet streamed by write_sheet(part), optional shared strings."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="r1" '
                                  f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{REL}"><sheets><sheet name="S" sheetId="1" r:id="r1"/>'
                                      f'</sheets></workbook>')
        links = f'<Relationship Id="r1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            links += f'<Relationship Id="r2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", f"<sst {NS}>{''.join(f'<si><t>{s}</t></si>' for s in shared)}</sst>")
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PACKAGE_RELS}">{links}</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            write_sheet(part)


HEADING = f'<worksheet {NS}><sheetData><row r="1">{cell("A1", "Given Name")}{cell("B1", "Family Name")}{cell("C1", "Notes")}</row>'


def huge_cell(path, mib):
    """One cell of `mib` MiB of text in a roster of two rows (the review's 205 KB workbook holding a 200 MB cell)."""
    def sheet(part):
        part.write(f'{HEADING}<row r="2">{cell("A2", "Ann")}{cell("B2", "Lee")}</row><row r="3">{cell("A3", "Li")}'
                   f'{cell("B3", "Wei")}<c r="C3" t="inlineStr"><is><t>'.encode())
        for _ in range(mib):
            part.write(b"z" * (1 << 20))
        part.write(b"</t></is></c></row></sheetData></worksheet>")
    workbook(path, sheet)


def zip_bomb(path, mib):
    """A sheet of `mib` MiB of zero bytes, deflated to about a thousandth."""
    def sheet(part):
        chunk = bytes(1 << 20)
        for _ in range(mib):
            part.write(chunk)
    workbook(path, sheet)


def shared_notes(path, rows):
    """`rows` rows pointing at one shared 30,000-character string in a column Admit does not use."""
    def sheet(part):
        part.write(HEADING.encode())
        for n in range(2, rows + 2):
            part.write(f'<row r="{n}">{cell(f"A{n}", f"Ann{n}")}{cell(f"B{n}", "Lee")}<c r="C{n}" t="s"><v>0</v></c></row>'.encode())
        part.write(b"</sheetData></worksheet>")
    workbook(path, sheet, shared=["x" * 30_000])


def many_rows(path, mib):
    """A CSV of short roster rows, `mib` MiB of them."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("Candidate Number,Given Name,Family Name,Email,Date of Birth,Group\r\n")
        n = 0
        while f.tell() < mib << 20:
            n += 1
            f.write(f"C{n:07d},Given{n},Family{n % 997},c{n}@example.org,2008-05-31,Room {n % 12}\r\n")


def measure(cmd):
    """(exit status, wall seconds, peak RSS KiB, first line of stderr) of one child."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        message = err.read().decode(errors="replace").strip().splitlines()
        return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss, message[0] if message else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admit", required=True, help="path to a release build of admit")
    parser.add_argument("--quick", action="store_true", help="smaller files (a 64 MiB cell, a 64 MiB bomb)")
    args = parser.parse_args()
    admit = os.path.abspath(args.admit)
    folder = os.path.join(bench.OUT, "hostile")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    big = 64 if args.quick else 200
    cases = [
        (f"one {big} MiB cell (XLSX)", "cell.xlsx", lambda p: huge_cell(p, big)),
        (f"zip bomb, {250 if not args.quick else 64} MiB sheet", "bomb.xlsx", lambda p: zip_bomb(p, 64 if args.quick else 250)),
        ("3,000 rows x one shared 30,000-char cell", "shared.xlsx", lambda p: shared_notes(p, 3_000)),
        ("1,000 rows x one shared 30,000-char cell", "shared-small.xlsx", lambda p: shared_notes(p, 1_000)),
        (f"CSV of short rows, {8 if args.quick else 31} MiB", "rows.csv", lambda p: many_rows(p, 8 if args.quick else 31)),
    ]
    print(f"6. import --dry-run of hostile uploads (each into a fresh database); goal: peak RSS < {GOAL_MIB} MiB")
    print(f"   {'':44}{'file':>10} {'wall':>9} {'peak RSS':>12}  answer")
    failed = False
    for label, name, write in cases:
        path = os.path.join(folder, name)
        write(path)
        db, session = bench.fresh_session(admit, os.path.join(folder, name + ".db"))
        status, wall, peak, message = measure(
            [admit, "import", session, path, "--dry-run", "--errors", path + "-errors.csv", "--db", db])
        if status not in (0, 1):
            failed = True
        answer = "checked" if status == 0 else message if status == 1 else f"EXIT {status}: {message}"
        ok = peak / 1024 < GOAL_MIB
        failed = failed or not ok
        print(f"   {label:44}{os.path.getsize(path) / 2**20:8.2f} M {wall:8.2f}s {bench.rss(peak)}  "
              f"{bench.met(ok)}; {answer[:110]}")
        os.remove(path)
    print()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
