# json.dumps and json.loads as Python does them.
import json


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


data = {"name": "café", "tags": ["a", "b"], "n": 1, "f": 1.5, "none": None, "ok": True, "nested": {"z": 1, "a": [1, 2, {}]}, "t": (1, 2), "e": []}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=4, sort_keys=True, ensure_ascii=False))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps({1: "x", 2.5: "y", None: "z", False: 0}))
print(json.dumps("quote\" back\\ \n tab\t \u2028 \x01 😀"))
print(json.dumps([float("inf"), float("nan"), 1e100, 0.1]))
print(json.dumps({"d": 1}, default=str), json.dumps([1], indent="\t"))
attempt(lambda: json.dumps({"s": {1, 2}}))
class Thing:
    pass


attempt(lambda: json.dumps(Thing()))
loop = []
loop.append(loop)
attempt(lambda: json.dumps(loop))
print(json.loads('{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\\u00e9\\n"}, "e": "\\ud83d\\ude00"}'))
print(json.loads(" [ ] "), json.loads("{}"), json.loads('"x"'), json.loads("12"), json.loads(b'{"k": 1}'))
print(json.loads('{"a": 1, "a": 2}'))
attempt(lambda: json.loads(""))
attempt(lambda: json.loads("[1, 2"))
attempt(lambda: json.loads('{"a" 1}'))
attempt(lambda: json.loads("{'a': 1}"))
attempt(lambda: json.loads('[1]\n x'))
attempt(lambda: json.loads('"abc'))
attempt(lambda: json.loads("[1,]"))
attempt(lambda: json.loads('"\\q"'))
try:
    json.loads("nope")
except json.JSONDecodeError as e:
    print("caught JSONDecodeError:", e)
try:
    json.loads("nope")
except ValueError as e:
    print("caught as ValueError:", e)
