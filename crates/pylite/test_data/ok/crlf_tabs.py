x = 1
y = (1,
     2)
if x:
	z = 3
