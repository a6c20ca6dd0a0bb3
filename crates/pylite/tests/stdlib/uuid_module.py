# uuid: parsing, formatting, and uuid4 from randomness the harness fixes.
import uuid
from uuid import UUID, uuid4


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


u = UUID("12345678-1234-5678-1234-567812345678")
print(repr(u), str(u), u.hex, u.version, u.urn, f"{u}")
print(UUID("{12345678123456781234567812345678}") == u, UUID("urn:uuid:12345678-1234-5678-1234-567812345678") == u, UUID(hex="12345678123456781234567812345678"))
attempt(lambda: UUID("not-a-uuid"))
a = uuid4()
b = uuid.uuid4()
print(a, b, a.version, b.version, a != b, len(str(a)), isinstance(a, UUID))
print(str(uuid.uuid4()).replace("-", "")[:12], uuid4().hex)
print(sorted([UUID("00000000-0000-0000-0000-000000000002"), UUID("00000000-0000-0000-0000-000000000001")]))
