layout = register
value = register
digits = 6
