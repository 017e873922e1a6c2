#!/usr/bin/python3
"""Differential conformance suite: strata's Jinja engine against the reference Jinja2.

Every case under tests/jinja/cases/<group>/<name>.txt is rendered twice:
  * by the reference, Python's jinja2 (Debian python3-jinja2, 3.1.x) configured the
    way dbt configures it: a SandboxedEnvironment with the `do` and `loopcontrols`
    extensions (StrictUndefined for `__strict` cases, native types for `__native`);
  * by `strata jinja render --template FILE --context FILE.json [--strict] [--native] --json`.
A case passes when both outputs are identical, or both failed with the same error kind.
See tests/jinja/README.md for the case format.

Run with /usr/bin/python3 (the interpreter that sees Debian's jinja2).
"""

import argparse
import concurrent.futures
import copy
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import jinja2
import jinja2.exceptions
import jinja2.nativetypes
import jinja2.sandbox

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
CASES_DIR = os.path.join(HERE, "cases")
KNOWN_FILE = os.path.join(HERE, "known_differences.txt")
MAIN_TEMPLATE = "main.jinja"  # name of the case template, for the loader and on disk
RESERVED_KEYS = ("__templates", "__strict", "__native")
EXTENSIONS = ["jinja2.ext.do", "jinja2.ext.loopcontrols"]
STRATA_TIMEOUT_S = 20
STRATA_START_ATTEMPTS = 10  # retries, a second apart, while the binary cannot be executed


class CaseFormatError(Exception):
    pass


class Case:
    def __init__(self, case_id, path):
        self.id = case_id
        self.path = path
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        # The first line that is exactly `---` separates the JSON head from the template.
        match = re.search(r"^---(\r?\n|\Z)", text, flags=re.MULTILINE)
        if not match:
            raise CaseFormatError(f"{case_id}: no `---` separator line")
        try:
            head = json.loads(text[: match.start()] or "{}")
        except json.JSONDecodeError as e:
            raise CaseFormatError(f"{case_id}: bad JSON head: {e}")
        if not isinstance(head, dict):
            raise CaseFormatError(f"{case_id}: JSON head must be an object")
        self.template = text[match.end():]
        self.templates = head.get("__templates", {})
        self.strict = bool(head.get("__strict", False))
        self.native = bool(head.get("__native", False))
        self.context = {k: v for k, v in head.items() if k not in RESERVED_KEYS}


def load_cases(pattern=None):
    cases = []
    for root, _dirs, files in os.walk(CASES_DIR):
        for name in files:
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            case_id = os.path.relpath(path, CASES_DIR)[: -len(".txt")].replace(os.sep, "/")
            if pattern and not re.search(pattern, case_id):
                continue
            cases.append(Case(case_id, path))
    cases.sort(key=lambda c: c.id)
    return cases


# --- reference (Python jinja2) ------------------------------------------------------

class SandboxedNativeEnvironment(jinja2.nativetypes.NativeEnvironment,
                                 jinja2.sandbox.SandboxedEnvironment):
    """Native types (concat through ast.literal_eval) with the sandbox's attribute rules."""


def error_kind(exc):
    if isinstance(exc, (jinja2.exceptions.TemplateSyntaxError,
                        jinja2.exceptions.TemplateAssertionError)):
        return "syntax"
    if isinstance(exc, jinja2.exceptions.UndefinedError):
        return "undefined"
    if isinstance(exc, jinja2.exceptions.TemplateNotFound):  # includes TemplatesNotFound
        return "not_found"
    return "runtime"


def render_reference(case):
    """Returns {"ok": True, "output": str} or {"ok": False, "kind": K, "message": str}."""
    env_class = SandboxedNativeEnvironment if case.native else jinja2.sandbox.SandboxedEnvironment
    templates = dict(case.templates)
    templates[MAIN_TEMPLATE] = case.template
    env = env_class(
        extensions=EXTENSIONS,
        loader=jinja2.DictLoader(templates),
        undefined=jinja2.StrictUndefined if case.strict else jinja2.Undefined,
    )
    try:
        # The template may mutate the context ({% do xs.append(1) %}); keep the case pristine.
        value = env.get_template(MAIN_TEMPLATE).render(**copy.deepcopy(case.context))
        output = repr(value) if case.native else value
        return {"ok": True, "output": output}
    except Exception as e:  # every failure is a result to compare, not a harness error
        return {"ok": False, "kind": error_kind(e), "message": f"{type(e).__name__}: {e}"}


# --- strata -------------------------------------------------------------------------

def render_strata(case, strata):
    with tempfile.TemporaryDirectory(prefix="strata-jinja-") as tmp:
        for name, text in list(case.templates.items()) + [(MAIN_TEMPLATE, case.template)]:
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
        context_path = os.path.join(tmp, "__context__.json")
        with open(context_path, "w", encoding="utf-8") as f:
            json.dump(case.context, f, ensure_ascii=False)
        cmd = [strata, "jinja", "render", "--template", os.path.join(tmp, MAIN_TEMPLATE),
               "--context", context_path, "--json"]
        if case.strict:
            cmd.append("--strict")
        if case.native:
            cmd.append("--native")
        proc = None
        for attempt in range(STRATA_START_ATTEMPTS):
            try:
                proc = subprocess.run(cmd, capture_output=True, timeout=STRATA_TIMEOUT_S, cwd=tmp)
                break
            except subprocess.TimeoutExpired:
                return {"ok": False, "kind": "harness",
                        "message": f"timeout after {STRATA_TIMEOUT_S}s"}
            except OSError as e:  # e.g. the binary is being relinked right now: wait for it
                if attempt + 1 == STRATA_START_ATTEMPTS:
                    return {"ok": False, "kind": "harness", "message": f"cannot run strata: {e}"}
                time.sleep(1)
        stdout = proc.stdout.decode("utf-8", errors="replace")
        stderr = proc.stderr.decode("utf-8", errors="replace").strip()
        if proc.returncode < 0:
            return {"ok": False, "kind": "harness",
                    "message": f"killed by signal {-proc.returncode}; stderr: {stderr[-500:]}"}
        try:
            result = json.loads(stdout)
            if not isinstance(result, dict) or "ok" not in result:
                raise ValueError("not a result object")
        except ValueError:
            return {"ok": False, "kind": "harness",
                    "message": f"exit {proc.returncode}, unparseable stdout {stdout[:300]!r}; "
                               f"stderr: {stderr[-500:]}"}
        return result


# --- comparison ---------------------------------------------------------------------

def agree(expected, actual):
    if expected["ok"] and actual.get("ok"):
        return expected["output"] == actual.get("output")
    if not expected["ok"] and not actual.get("ok"):
        return expected["kind"] == actual.get("kind")
    return False


def describe(result):
    if result.get("ok"):
        return f"output {result.get('output')!r}"
    message = str(result.get("message", "")).replace("\n", "\\n")
    return f"error [{result.get('kind')}] {message}"


def explain(case, expected, actual):
    lines = [f"--- {case.id} ({os.path.relpath(case.path, REPO_ROOT)})"]
    lines.append("template: " + repr(case.template))
    lines.append("jinja2:   " + describe(expected))
    lines.append("strata:   " + describe(actual))
    if expected["ok"] and actual.get("ok") and isinstance(actual.get("output"), str):
        diff = difflib.unified_diff(expected["output"].splitlines(True),
                                    actual["output"].splitlines(True),
                                    "jinja2", "strata", lineterm="")
        lines.extend(l.rstrip("\n") for l in diff)
    return "\n".join(lines)


def load_known():
    known = {}
    if not os.path.exists(KNOWN_FILE):
        return known
    with open(KNOWN_FILE, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            case_id, _, reason = line.partition(" ")
            known[case_id] = reason.strip()
    return known


def run_one(case, strata):
    expected = render_reference(case)
    actual = render_strata(case, strata)
    return case, expected, actual


def check_reference(pattern):
    """Cases must not depend on randomness, hash order or time: render them in two
    interpreters with different PYTHONHASHSEED values and compare."""
    runs = []
    for seed in ("1", "4242"):
        cmd = [sys.executable, os.path.abspath(__file__), "--reference-only"]
        if pattern:
            cmd += ["-k", pattern]
        env = dict(os.environ, PYTHONHASHSEED=seed)
        runs.append(subprocess.run(cmd, capture_output=True, text=True, env=env).stdout)
    differing = [a for a, b in zip(runs[0].splitlines(), runs[1].splitlines()) if a != b]
    for line in differing:
        print(f"NONDETERMINISTIC {line[:200]}")
    print(f"{len(runs[0].splitlines()) - 1} cases checked, {len(differing)} nondeterministic")
    return 1 if differing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strata", default=os.path.join(REPO_ROOT, "build", "strata"),
                        help="path of the strata binary (default: build/strata)")
    parser.add_argument("-k", dest="pattern", help="only cases whose id matches this regex")
    parser.add_argument("-v", dest="verbose", action="store_true", help="show every disagreement")
    parser.add_argument("-j", dest="jobs", type=int, default=3, help="parallel strata processes")
    parser.add_argument("--reference-only", action="store_true",
                        help="render with jinja2 only and print each result (case authoring)")
    parser.add_argument("--check-reference", action="store_true",
                        help="check that jinja2 renders every case deterministically "
                             "(two runs under different hash seeds must agree)")
    args = parser.parse_args()

    if args.check_reference:
        return check_reference(args.pattern)

    try:
        cases = load_cases(args.pattern)
    except CaseFormatError as e:
        print(f"error: {e}")
        return 2
    if not cases:
        print("error: no case matches")
        return 2

    if args.reference_only:
        for case in cases:
            print(f"{case.id}: {describe(render_reference(case))}")
        print(f"{len(cases)} cases rendered by jinja2 {jinja2.__version__}")
        return 0

    if not os.access(args.strata, os.X_OK):
        print(f"error: strata binary not found at {args.strata} (build it or pass --strata)")
        return 2

    known = load_known()
    passed, failed, known_failed, stale = [], [], [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for case, expected, actual in pool.map(lambda c: run_one(c, args.strata), cases):
            ok = agree(expected, actual)
            crashed = actual.get("kind") == "harness"  # crash/timeout: never excused
            if case.id in known and not crashed:
                (stale if ok else known_failed).append(case.id)
            elif ok:
                passed.append(case.id)
            else:
                failed.append(case.id)
                if args.verbose:
                    print(explain(case, expected, actual))
                else:
                    print(f"FAIL {case.id}: jinja2 {describe(expected)[:120]} | "
                          f"strata {describe(actual)[:120]}")

    # Only entries whose case ran can be judged stale; unknown ids are reported too.
    ran = {c.id for c in cases}
    missing = [k for k in known if k not in ran and not args.pattern]
    for case_id in stale:
        print(f"STALE known difference {case_id}: now agrees; remove it from known_differences.txt")
    for case_id in missing:
        print(f"STALE known difference {case_id}: no such case")
    if known_failed:
        print(f"{len(known_failed)} known differences still differ (see known_differences.txt)")
    total_failed = len(failed) + len(stale) + len(missing)
    print(f"{len(passed)} passed, {total_failed} failed "
          f"({len(known_failed)} listed known differences, {len(stale) + len(missing)} stale entries)")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
