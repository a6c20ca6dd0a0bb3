# dict() and dict.update() with every argument form CPython accepts.
print(dict())
print(dict([("a", 1), ("b", 2)]))
print(dict([["a", 1], ["b", 2]]))
print(dict((k, len(k)) for k in ["x", "yy"]))
print(dict({"a": 1, "b": 2}))
print(dict({"long_key": 1, "another": 2}))
print(dict(a=1, b=2))
print(dict([("a", 1)], b=2, a=3))
print(dict({"a": 1}, a=2))
print(dict(zip(["a", "b"], [1, 2])))
print(dict(["ab", "cd"]))
src = {"k": [1]}
copy = dict(src)
copy["k2"] = 2
print(src, copy)
try:
    dict([("a", 1, 2)])
except ValueError as e:
    print("ValueError", e)
try:
    dict(["abc"])
except ValueError as e:
    print("ValueError", e)
d = {"a": 1}
d.update({"long_key": 2})
d.update([("b", 3)], c=4)
d.update(e=5)
print(d)
try:
    d.update([("x", 1), ("y",)])
except ValueError as e:
    print("ValueError", e)
