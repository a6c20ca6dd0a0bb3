# Methods of list, dict and set; set and dict operators.
def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


xs = [3, 1, 2, 1]
print(xs.index(1), xs.count(1), xs.index(1, 2))
attempt(lambda: xs.index(9))
xs.insert(0, 9)
xs.insert(-1, 8)
xs.insert(100, 7)
print(xs)
xs.remove(1)
print(xs, xs.pop(), xs.pop(0), xs)
attempt(lambda: [].pop())
attempt(lambda: xs.remove(42))
words = ["banana", "Apple", "cherry"]
words.sort()
print(words)
words.sort(key=str.lower, reverse=True)
print(words)
words.sort(key=len)
print(words)
words.reverse()
ys = words.copy()
words.clear()
print(words, ys)
d = {"a": 1}
print(d.setdefault("a", 5), d.setdefault("b", 2), d)
print(d.pop("a"), d.pop("zz", None), d)
attempt(lambda: d.pop("zz"))
d.update({"c": 3}, d=4)
d.update([("e", 5)])
print(d, d.copy() == d, d.copy() is d, d.popitem(), d)
print({"x": 1} | {"y": 2, "x": 3})
d.clear()
print(d)
s = {1, 2, 3}
t = {3, 4}
print(sorted(s | t), sorted(s & t), sorted(s - t), sorted(s ^ t))
print(sorted(s.union([5])), sorted(s.intersection(t)), sorted(s.difference(t)), sorted(s.symmetric_difference(t)))
print({1, 2}.issubset(s), s.issuperset({1, 9}), s.isdisjoint({7}))
s.update([7, 8])
s.discard(1)
s.discard(100)
print(sorted(s))
attempt(lambda: s.remove(100))
