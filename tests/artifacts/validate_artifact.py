"""Validate a JSON artifact against a dbt JSON schema: validate_artifact.py SCHEMA FILE.

Exit 0 when valid; otherwise print up to 20 errors (JSON path and message) and exit 1.
"""
import json
import sys

import jsonschema


def main():
    schema_path, document_path = sys.argv[1], sys.argv[2]
    with open(schema_path) as f:
        schema = json.load(f)
    with open(document_path) as f:
        document = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        path = "/".join(str(p) for p in error.absolute_path)
        best = jsonschema.exceptions.best_match([error])
        print(f"{path}: {best.message[:300]}")
    if errors:
        print(f"{len(errors)} error(s)")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
