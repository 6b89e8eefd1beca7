#!/usr/bin/env python3
"""Fault injection for shisetsu's outputs and project database (issue 17).

Runs the real binary on the sample ward (data/ota) and hurts it the ways a
careful user's machine would:

  kill      kill -9 at a random moment of import, lifecycle, consolidate,
            export and report
  disk      `ulimit -f` at a random size: writes past it fail as on a full disk
  memory    `ulimit -v` at a random size: allocations fail as on a small machine
  parallel  two reports into one folder, two exports to one GeoPackage at once

Each trial starts from a copy of a good project and good outputs. It is lost
when afterwards
  - the project database fails SQLite's integrity check or its content is
    neither the state before the command nor the state after a whole run;
  - an output file is neither the previous good file (byte for byte) nor a
    whole new one (it is checked by type: JSON parses, CSV rows end, XLSX is a
    sound zip, PDF has its trailer and opens in pdfinfo, HTML closes, the
    GeoPackage passes the integrity check and has its layers);
  - the command exited 0 although it failed (a truncated or missing output),
    or a failed command left a run recorded;
  - the process died by a signal other than our kill -9 (a crash);
  - a file of the user's beside an output was changed or removed.
Prints tried / survived / lost per kind and lists every loss; exits 1 on any
loss. Usage:

    python3 tools/fault_inject.py --bin build/src/cli/shisetsu [--trials N] [--seed S] [--kinds kill,disk,…]
"""
import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
PLAN = os.path.join(ROOT, "tests", "data", "optimize", "plan_small.json")

# The project's own tables, compared before and after a command. The run log
# is compared by count (its timestamps differ from run to run).
CONTENT_TABLES = ["facility", "building", "service", "demand", "boundary", "site", "road"]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- what a whole output looks like ------------------------------------------

def whole_json(path):
    with open(path, "rb") as f:
        json.loads(f.read().decode("utf-8"))


def whole_csv(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.endswith(b"\n"):
        raise ValueError("the last row is cut")
    data.decode("utf-8")
    if data.count(b"\n") < 2:
        raise ValueError("no rows")


def whole_xlsx(path):
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            raise ValueError("damaged member " + bad)
        if "xl/workbook.xml" not in z.namelist():
            raise ValueError("no workbook")


def whole_pdf(path):
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - 64))
        if b"%%EOF" not in f.read():
            raise ValueError("no PDF trailer")
    if shutil.which("pdfinfo"):
        r = subprocess.run(["pdfinfo", path], capture_output=True)
        if r.returncode != 0:
            raise ValueError("pdfinfo: " + r.stderr.decode(errors="replace").strip())


def whole_html(path):
    with open(path, "rb") as f:
        if not f.read().rstrip().endswith(b"</html>"):
            raise ValueError("the page is cut")


def whole_qgs(path):
    with open(path, "rb") as f:
        if not f.read().rstrip().endswith(b"</qgis>"):
            raise ValueError("the project is cut")


def whole_gpkg(path):
    con = sqlite3.connect("file:" + path + "?mode=ro", uri=True)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ValueError("integrity check failed")
        layers = con.execute("SELECT count(*) FROM gpkg_contents").fetchone()[0]
        if layers < 3:
            raise ValueError("only %d layers" % layers)
    finally:
        con.close()


CHECKS = {".json": whole_json, ".csv": whole_csv, ".xlsx": whole_xlsx, ".pdf": whole_pdf,
          ".html": whole_html, ".qgs": whole_qgs, ".gpkg": whole_gpkg}


def whole(path):
    """None when the file is whole, else why not."""
    try:
        CHECKS[os.path.splitext(path)[1]](path)
        return None
    except Exception as e:  # noqa: BLE001 - any failure to read is the answer
        return "%s: %s" % (type(e).__name__, e)


# --- the project database ----------------------------------------------------

def db_state(path):
    """(integrity, content digest, runs) of a project database. Opened as the
    next command would open it: a hot journal left by a killed writer is
    rolled back, as SQLite promises."""
    con = sqlite3.connect(path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        h = hashlib.sha256()
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for t in CONTENT_TABLES:
            if t in tables:
                for row in con.execute("SELECT * FROM %s ORDER BY 1" % t):
                    h.update(repr(row).encode())
        runs = con.execute("SELECT count(*) FROM run_log").fetchone()[0] if "run_log" in tables else 0
        failed = 0
        return integrity, h.hexdigest(), runs, failed
    finally:
        con.close()


# --- the commands ------------------------------------------------------------

class Command:
    def __init__(self, name, args, outputs, changes_content=False, records_run=True):
        self.name = name
        self.args = args            # with {db} and {out} to fill
        self.outputs = outputs      # file names in {out}
        self.changes_content = changes_content
        self.records_run = records_run


COMMANDS = [
    Command("import", ["import", "{db}", "facilities", os.path.join(DATA, "ota", "facilities.csv"),
                       "--json", "{out}/import.json"], ["import.json"], changes_content=False),
    Command("lifecycle", ["lifecycle", "{db}", "--start-year", "2026", "--json", "{out}/lc.json",
                          "--csv", "{out}/lc-years.csv", "--events-csv", "{out}/lc-events.csv",
                          "--xlsx", "{out}/lc.xlsx"],
            ["lc.json", "lc-years.csv", "lc-events.csv", "lc.xlsx"]),
    Command("consolidate", ["consolidate", "{db}", "--config", PLAN, "--json", "{out}/plan.json"], ["plan.json"]),
    Command("export", ["export", "{db}", "--gpkg", "{out}/ward.gpkg", "--qgs", "{out}/ward.qgs",
                       "--csv", "{out}/opendata.csv", "--year", "2026"],
            ["ward.gpkg", "ward.qgs", "opendata.csv"], records_run=False),
    Command("report", ["report", "{db}", "--out", "{out}/report"],
            ["report/report.pdf", "report/report.html", "report/report.xlsx",
             "report/placement-plan.pdf", "report/placement-plan.html", "report/facility-cards.pdf"], records_run=False),
]
BY_NAME = {c.name: c for c in COMMANDS}


class Runner:
    def __init__(self, binary, work):
        self.binary = binary
        self.work = work

    def argv(self, cmd, db, out):
        return [self.binary, "--quiet"] + [a.replace("{db}", db).replace("{out}", out) for a in cmd.args]

    def run(self, argv, limits=None, timeout=600):
        def preexec():
            for resource_id, value in (limits or {}).items():
                resource.setrlimit(resource_id, (value, value))
        return subprocess.run(argv, capture_output=True, preexec_fn=preexec, timeout=timeout)

    def baseline(self):
        """A project with every step run once, and its good outputs."""
        base = os.path.join(self.work, "base")
        os.makedirs(base)
        db = os.path.join(base, "ward.sqlite")
        steps = [["init", db]]
        for kind, f in [("boundary", "boundary_n03_2021_simplified.geojson"),
                        ("population", "population_mesh500m_2015.csv"),
                        ("facilities", "facilities.csv"), ("buildings", "buildings.csv")]:
            steps.append(["import", db, kind, os.path.join(DATA, "ota", f)])
        for s in steps:
            r = self.run([self.binary, "--quiet"] + s)
            if r.returncode != 0:
                sys.exit("baseline: %s failed: %s" % (" ".join(s), r.stderr.decode(errors="replace")))
        durations = {}
        for cmd in COMMANDS:
            t0 = time.monotonic()
            r = self.run(self.argv(cmd, db, base))
            durations[cmd.name] = time.monotonic() - t0
            if r.returncode != 0:
                sys.exit("baseline: %s failed: %s" % (cmd.name, r.stderr.decode(errors="replace")))
        # The user's own file beside the GeoPackage, which no export may touch.
        with open(os.path.join(base, "ward.partial.gpkg"), "wb") as f:
            f.write(b"the planner's own notes\n")
        for cmd in COMMANDS:
            for o in cmd.outputs:
                why = whole(os.path.join(base, o))
                if why:
                    sys.exit("baseline: %s is not whole: %s" % (o, why))
        return base, durations

    def fresh(self, base, name):
        d = os.path.join(self.work, name)
        shutil.copytree(base, d)
        return d


def snapshot(folder):
    files = {}
    for dirpath, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(dirpath, n)
            files[os.path.relpath(p, folder)] = sha256(p)
    return files


class Trial:
    """What one trial found: lost reasons, or nothing."""

    def __init__(self, kind, label):
        self.kind = kind
        self.label = label
        self.losses = []

    def lose(self, why):
        self.losses.append(why)


def judge(trial, cmd, folder, before, db_before, result, killed_by_us):
    """Checks the folder after one command; records losses on the trial."""
    db = os.path.join(folder, "ward.sqlite")
    integrity, content, runs, _ = db_state(db)
    if integrity != "ok":
        trial.lose("database integrity: " + integrity)
    if content != db_before[1] and cmd.changes_content:
        pass  # an import may land whole; content change alone is fine
    elif content != db_before[1]:
        trial.lose("database content changed by " + cmd.name)
    code = result.returncode
    if code < 0 and not (killed_by_us and code == -signal.SIGKILL):
        trial.lose("died by signal %d (%s)" % (-code, signal.Signals(-code).name))
    stderr = result.stderr.decode(errors="replace") if result.stderr else ""
    if code == 0 and runs != db_before[2] + (1 if cmd.records_run else 0):
        trial.lose("exit 0 but %d runs recorded (expected %d)" % (runs - db_before[2], 1 if cmd.records_run else 0))
    if code > 0 and runs != db_before[2]:
        trial.lose("exit %d but a run was recorded" % code)
    if code > 0 and not stderr.strip():
        trial.lose("exit %d without a message" % code)
    if "internal error" in stderr or "内部エラー" in stderr:
        trial.lose("internal error: " + stderr.strip().splitlines()[-1])
    for o in cmd.outputs:
        p = os.path.join(folder, o)
        if not os.path.exists(p):
            trial.lose("%s is gone" % o)
            continue
        unchanged = sha256(p) == before.get(o)
        if code == 0 and unchanged and o.endswith((".json", ".pdf", ".xlsx", ".gpkg")):
            # A successful run writes a new file (new run id, date or timing).
            if cmd.name not in ("report", "export"):
                trial.lose("exit 0 but %s was not written" % o)
        if not unchanged:
            why = whole(p)
            if why:
                trial.lose("%s is broken: %s" % (o, why))
    # Files nobody named are untouched (the user's own beside the GeoPackage).
    after = snapshot(folder)
    for name, digest in before.items():
        if name in cmd.outputs or name == "ward.sqlite":
            continue
        if os.path.basename(name).startswith("."):
            continue
        if after.get(name) != digest:
            trial.lose("%s (not an output of %s) was %s" % (name, cmd.name, "changed" if name in after else "removed"))
    if code >= 0 and not killed_by_us:
        leftovers = [n for n in after if ".tmp-" in n and n not in before]
        if leftovers:
            trial.lose("temporary files left after exit %d: %s" % (code, ", ".join(sorted(leftovers))))


def trial_kill(runner, base, durations, rng, n):
    cmd = rng.choice(COMMANDS)
    folder = runner.fresh(base, "kill-%d" % n)
    db = os.path.join(folder, "ward.sqlite")
    before, db_before = snapshot(folder), db_state(db)
    delay = rng.uniform(0.0, durations[cmd.name] * 1.1)
    trial = Trial("kill", "%s after %.3f s" % (cmd.name, delay))
    proc = subprocess.Popen(runner.argv(cmd, db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        killed = True
    _, err = proc.communicate()
    result = subprocess.CompletedProcess(proc.args, proc.returncode, b"", err)
    if killed and proc.returncode == -signal.SIGKILL:
        # Killed mid-way: the database holds the run or not, the outputs are
        # old or new; whichever, each must be whole.
        judge_killed(trial, cmd, folder, before, db_before)
    else:
        judge(trial, cmd, folder, before, db_before, result, killed)
    shutil.rmtree(folder)
    return trial


def judge_killed(trial, cmd, folder, before, db_before):
    integrity, content, runs, _ = db_state(os.path.join(folder, "ward.sqlite"))
    if integrity != "ok":
        trial.lose("database integrity: " + integrity)
    if content != db_before[1] and not cmd.changes_content:
        trial.lose("database content changed by a killed " + cmd.name)
    if runs not in (db_before[2], db_before[2] + 1):
        trial.lose("%d runs recorded by one killed command" % (runs - db_before[2]))
    for o in cmd.outputs:
        p = os.path.join(folder, o)
        if not os.path.exists(p):
            trial.lose("%s is gone" % o)
        elif sha256(p) != before.get(o):
            why = whole(p)
            if why:
                trial.lose("%s is broken: %s" % (o, why))
    after = snapshot(folder)
    for name, digest in before.items():
        if name in cmd.outputs or name == "ward.sqlite" or os.path.basename(name).startswith("."):
            continue
        if after.get(name) != digest:
            trial.lose("%s (not an output of %s) was changed" % (name, cmd.name))


def trial_limit(runner, base, durations, rng, n, kind):
    cmd = rng.choice(COMMANDS)
    folder = runner.fresh(base, "%s-%d" % (kind, n))
    db = os.path.join(folder, "ward.sqlite")
    before, db_before = snapshot(folder), db_state(db)
    if kind == "disk":
        # From nothing to more than the largest file the command writes.
        largest = max(os.path.getsize(os.path.join(folder, o)) for o in cmd.outputs)
        largest = max(largest, os.path.getsize(db))
        limit = int(rng.uniform(0, 1.2) * largest)
        limits = {resource.RLIMIT_FSIZE: limit}
        label = "%s with ulimit -f %d KiB" % (cmd.name, limit // 1024)
        ok_codes = (0, 1, 4)
    else:
        limit = int(rng.uniform(150, 1400)) * 1024 * 1024
        limits = {resource.RLIMIT_AS: limit}
        label = "%s with ulimit -v %d MiB" % (cmd.name, limit >> 20)
        ok_codes = (0, 1, 4, 5)
    trial = Trial(kind, label)
    result = runner.run(runner.argv(cmd, db, folder), limits=limits)
    judge(trial, cmd, folder, before, db_before, result, killed_by_us=False)
    if result.returncode >= 0 and result.returncode not in ok_codes:
        trial.lose("exit %d" % result.returncode)
    if kind == "disk" and result.returncode == 0:
        # Everything fitted: every output must be the new, whole one.
        for o in cmd.outputs:
            p = os.path.join(folder, o)
            if os.path.exists(p) and os.path.getsize(p) > limit:
                trial.lose("exit 0 but %s is larger than the limit" % o)
    shutil.rmtree(folder)
    return trial


def trial_parallel(runner, base, rng, n):
    cmd = BY_NAME[rng.choice(["report", "export"])]
    folder = runner.fresh(base, "parallel-%d" % n)
    db = os.path.join(folder, "ward.sqlite")
    before, db_before = snapshot(folder), db_state(db)
    trial = Trial("parallel", "two %ss at once" % cmd.name)
    procs = [subprocess.Popen(runner.argv(cmd, db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0, 0.3))
    results = []
    for p in procs:
        _, err = p.communicate()
        results.append(subprocess.CompletedProcess(p.args, p.returncode, b"", err))
    for r in results:
        if r.returncode != 0:
            trial.lose("exit %d: %s" % (r.returncode, r.stderr.decode(errors="replace").strip()[-300:]))
    judge(trial, cmd, folder, before, db_before, results[-1], killed_by_us=False)
    shutil.rmtree(folder)
    return trial


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "src", "cli", "shisetsu"))
    ap.add_argument("--trials", type=int, default=40, help="trials in all, shared among the kinds")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--kinds", default="kill,disk,memory,parallel")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    kinds = [k for k in args.kinds.split(",") if k]
    work = tempfile.mkdtemp(prefix="shisetsu-fault-")
    runner = Runner(os.path.abspath(args.bin), work)
    t0 = time.monotonic()
    try:
        base, durations = runner.baseline()
        print("seed %d; baseline: %s" % (seed, ", ".join("%s %.2f s" % kv for kv in durations.items())), flush=True)
        trials = []
        for n in range(args.trials):
            kind = kinds[n % len(kinds)]
            if kind == "kill":
                t = trial_kill(runner, base, durations, rng, n)
            elif kind in ("disk", "memory"):
                t = trial_limit(runner, base, durations, rng, n, kind)
            else:
                t = trial_parallel(runner, base, rng, n)
            trials.append(t)
            if t.losses:
                print("LOST  %-8s %s: %s" % (t.kind, t.label, "; ".join(t.losses)), flush=True)
    finally:
        if args.keep:
            print("scratch folder kept:", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("%-9s %6s %9s %5s" % ("kind", "tried", "survived", "lost"))
    for kind in kinds:
        ts = [t for t in trials if t.kind == kind]
        lost = sum(1 for t in ts if t.losses)
        print("%-9s %6d %9d %5d" % (kind, len(ts), len(ts) - lost, lost))
    lost = sum(1 for t in trials if t.losses)
    print("%-9s %6d %9d %5d" % ("all", len(trials), len(trials) - lost, lost))
    print("(%.1f s, seed %d)" % (time.monotonic() - t0, seed))
    print("%d passed, %d failed" % (len(trials) - lost, lost))
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
