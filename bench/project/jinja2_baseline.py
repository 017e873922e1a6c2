#!/usr/bin/python3
"""Renders a dbt project's model files with the reference Python Jinja2 alone.

    /usr/bin/python3 bench/project/jinja2_baseline.py PROJECT_DIR

This is the same-run baseline of the project benchmark: a lower bound on what dbt-core
spends parsing the project, since dbt-core renders every model file with Jinja2 too, and on
top of that reads YAML, builds configs, patches nodes, renders tests and writes the
manifest. Here there is only: an Environment (with the `do` extension, as dbt's), the
project's macros loaded into one shared context, stub ref/source/config/var/
is_incremental/this/target, and one render of every .sql file under models/.
Prints JSON on stdout: {"files": N, "render_s": seconds, "macros": M, "output_bytes": B}.
render_s covers reading, compiling and rendering the model files, not interpreter start-up
or loading the macros.
"""
import glob
import json
import os
import sys
import time

import jinja2
import yaml


class Target:
    name = "dev"
    schema = "analytics"
    database = "memory"
    type = "duckdb"
    threads = 4


def make_context(project):
    with open(os.path.join(project, "dbt_project.yml"), encoding="utf-8") as f:
        project_vars = (yaml.safe_load(f) or {}).get("vars", {}) or {}

    def ref(*args, **kwargs):
        return '"memory"."analytics"."%s"' % args[-1]

    def source(source_name, table_name):
        return '"raw"."%s"."%s"' % (source_name, table_name)

    def config(*args, **kwargs):
        return ""

    def var(name, default=None):
        if name in project_vars:
            return project_vars[name]
        if default is None:
            raise jinja2.exceptions.UndefinedError("Required var '%s' not found" % name)
        return default

    return {
        "ref": ref,
        "source": source,
        "config": config,
        "var": var,
        "is_incremental": lambda: False,
        "this": '"memory"."analytics"."this"',
        "target": Target(),
        "execute": False,
    }


def load_macros(env, project, context):
    """Puts every project macro into the shared context, so macros can call each other."""
    count = 0
    for path in sorted(glob.glob(os.path.join(project, "macros", "**", "*.sql"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            template = env.from_string(f.read())
        # shared=True: the module's globals are `context` itself, so macros defined later
        # (in other files) are visible when these macros run.
        module = template.make_module(vars=context, shared=True)
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, jinja2.runtime.Macro):
                context[name] = value
                count += 1
    return count


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: jinja2_baseline.py PROJECT_DIR")
    project = sys.argv[1]
    env = jinja2.Environment(extensions=["jinja2.ext.do"], undefined=jinja2.StrictUndefined)
    context = make_context(project)
    macros = load_macros(env, project, context)
    paths = sorted(glob.glob(os.path.join(project, "models", "**", "*.sql"), recursive=True))
    start = time.perf_counter()
    output_bytes = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            source_text = f.read()
        output_bytes += len(env.from_string(source_text).render(context))
    elapsed = time.perf_counter() - start
    json.dump({"files": len(paths), "render_s": round(elapsed, 4), "macros": macros,
               "output_bytes": output_bytes, "jinja2": jinja2.__version__}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
