if a:
    pass
else:
# comment
x = 1
