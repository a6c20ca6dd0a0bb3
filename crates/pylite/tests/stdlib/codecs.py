# base64 and hashlib.sha256.
import base64
import hashlib


def attempt(f):
    try:
        print(repr(f()))
    except ValueError as e:
        print("ValueError:", e)
    except TypeError as e:
        print("TypeError:", e)


for data in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", "café ✓".encode(), bytes(range(250, 256))]:
    enc = base64.b64encode(data)
    print(enc, base64.b64decode(enc) == data, base64.urlsafe_b64encode(data), base64.urlsafe_b64decode(base64.urlsafe_b64encode(data)) == data)
print(base64.b64decode("Zm9v"), base64.b64decode(b"Zm9v\nYmFy"), base64.b64encode(b"hello").decode())
attempt(lambda: base64.b64decode("Zm9"))
attempt(lambda: base64.b64decode("Z"))
attempt(lambda: base64.b64encode("text"))
print(hashlib.sha256(b"abc").hexdigest())
print(hashlib.sha256().hexdigest(), len(hashlib.sha256(b"x").digest()))
print(hashlib.sha256("category".strip().lower().encode()).hexdigest()[:16])
attempt(lambda: hashlib.sha256("text"))
