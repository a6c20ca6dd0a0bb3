counter = 0

def upgrade():
    global counter
    if (n := len(rows)) > 3:
        counter += n
    match command:
        case "up":
            pass
    value = 2j + 1
    name = "\N{BULLET} item"
    try:
        pass
    except* ValueError:
        pass

def outer():
    def inner():
        nonlocal x
