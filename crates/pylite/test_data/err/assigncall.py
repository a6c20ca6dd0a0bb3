f() = x
