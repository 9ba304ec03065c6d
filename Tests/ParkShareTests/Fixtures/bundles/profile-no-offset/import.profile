stamp = end
