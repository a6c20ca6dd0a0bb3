def upgrade():
    match command:
        case "up":
            pass
    value = 2j + 1
    name = "\N{BULLET} item"
    try:
        pass
    except* ValueError:
        pass
