x = ab"c"
