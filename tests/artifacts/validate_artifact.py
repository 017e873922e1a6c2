"""Validate a JSON artifact against a dbt JSON schema: validate_artifact.py SCHEMA FILE.

Exit 0 when valid; otherwise print up to 20 errors (JSON path and message) and exit 1.
"""
import json
import sys

import jsonschema


def describe(error):
    """The innermost reasons: for anyOf (the node variants), the errors of the branch that
    failed least, i.e. the variant the document was meant to be."""
    if not error.context:
        path = "/".join(str(p) for p in error.absolute_path)
        return [f"{path}: {error.message[:300]}"]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    closest = min(branches.values(), key=len)
    return [line for sub in closest for line in describe(sub)]


def main():
    schema_path, document_path = sys.argv[1], sys.argv[2]
    with open(schema_path) as f:
        schema = json.load(f)
    with open(document_path) as f:
        document = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    lines = [line for error in errors for line in describe(error)]
    for line in lines[:30]:
        print(line)
    if errors:
        print(f"{len(errors)} error(s)")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
