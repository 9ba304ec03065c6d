layout = register
value = register
