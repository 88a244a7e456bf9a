#!/bin/sh
# schema_check.sh SCHEMA FILE...: schema_check.py with the first python3
# that has the jsonschema module (Debian: python3-jsonschema, which make
# test installs). Without one it exits 2, saying so: a test that
# validates must fail, not pass, when it cannot.
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
		exec "$p" "$(dirname "$0")/schema_check.py" "$@"
	fi
done
echo "schema_check.sh: no python3 with the jsonschema module: install python3-jsonschema (make test does)" >&2
exit 2
