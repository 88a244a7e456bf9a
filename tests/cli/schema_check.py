#!/usr/bin/env python3
"""Checks JSON files against a JSON Schema, with python3-jsonschema.

    schema_check.py SCHEMA FILE...

Prints each error as FILE: PATH: MESSAGE (the first 20 of a file) and exits
1 if any file does not validate, 2 if the schema is not one (an unknown
draft, or not valid against its draft) or a file is not JSON."""
import json
import sys

import jsonschema
from jsonschema.validators import validator_for


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print("usage: schema_check.py SCHEMA FILE...", file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
        # An unknown $schema would fall back to some draft silently.
        cls = validator_for(schema, default=None)
        if cls is None:
            print(f"{argv[1]}: $schema {schema.get('$schema')!r} is not a draft this jsonschema knows",
                  file=sys.stderr)
            return 2
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"{argv[1]}: not a usable schema: {e}", file=sys.stderr)
        return 2
    validator = cls(schema)
    bad = 0
    for path in argv[2:]:
        try:
            doc = load(path)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            print(f"{path}: {where}: {e.message}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
