"""Validates the reviewed JSON statements (Tests/ParkShareTests/Snapshots/settle-*.json) against
docs/statement.schema.json, so the schema and the output cannot drift apart."""
import glob, json, sys
import jsonschema

schema = json.load(open("docs/statement.schema.json"))
files = sorted(glob.glob("Tests/ParkShareTests/Snapshots/settle-*.json"))
for f in files:
    jsonschema.validate(json.load(open(f)), schema)
print(f"schema: {len(files)} statements valid")
sys.exit(0 if files else 1)
